"""No address on the site holds a NUL byte; requests that carry one are answered before any view.

PostgreSQL refuses a text value with a NUL in it, so a `%00` in a path or a query value that
reaches a lookup (Wagtail's page and redirect lookups, a tag slug, a search) would surface as a
server error; SQLite instead compares it and finds nothing. Refusing it once here, before the
page cache, the redirect middleware and every view, gives the same answer on both databases and
spares each view its own check:
- in the path: the site's 404 page (no page has such an address);
- in the query string: 400 with a sentence saying what to do (a link that was cut or mangled),
  as `{"message": …}` for JSON clients (the content API under /api/, or an Accept of JSON).
Form bodies are not checked here: Django's form fields already refuse NUL with a message.
"""

from __future__ import annotations

from collections.abc import Callable
from urllib.parse import unquote_to_bytes

from django.http import Http404, HttpRequest, HttpResponse, HttpResponseBadRequest, JsonResponse
from django.views.defaults import page_not_found

QUERY_MESSAGE = (
    "This address holds a character no link on this site has (a NUL byte, %00). "
    "The link was probably cut or changed on its way here: open the page from the site's own menu or search."
)


def carries_nul(text: str) -> bool:
    return "\x00" in text or b"\x00" in unquote_to_bytes(text.replace("+", " "))


class RefuseNulMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if "\x00" in request.path_info:
            return page_not_found(request, Http404("NUL in the path"))
        if carries_nul(request.META.get("QUERY_STRING", "")):
            if request.path_info.startswith("/api/") or "json" in request.headers.get("Accept", ""):
                return JsonResponse({"message": QUERY_MESSAGE}, status=400)
            return HttpResponseBadRequest(QUERY_MESSAGE, content_type="text/plain; charset=utf-8")
        return self.get_response(request)
