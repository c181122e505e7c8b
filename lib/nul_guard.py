"""No address on the site holds a NUL byte; a path that carries one is the 404 page, before any view.

PostgreSQL refuses a text value with a NUL in it, so a `%00` in a path that reaches a lookup
(Wagtail's page and redirect lookups, a tag slug) would surface as a server error; SQLite instead
compares it and finds nothing. Refusing it once here, before the page cache, the redirect
middleware and every view, gives the same answer on both databases and spares each view its own
check.

Query strings are left to the views: the few that read free text already answer a NUL
plainly (search shows its "could not find any words" page, the content API a 400 that says
what is wrong, page numbers that are not numbers the first page), which is kinder to a reader
who pasted text than a bare refusal. Form bodies: Django's form fields refuse NUL with a message.
"""

from __future__ import annotations

from collections.abc import Callable

from django.http import Http404, HttpRequest, HttpResponse
from django.views.defaults import page_not_found


class RefuseNulMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if "\x00" in request.path_info:
            return page_not_found(request, Http404("NUL in the path"))
        return self.get_response(request)
