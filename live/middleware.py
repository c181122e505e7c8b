"""Answers the live pages' polling endpoint before the session, CSRF and auth middleware.

`/live-coverage/<id>/updates.json` is the same for every reader and touches no session, so, like
a page-cache hit, it need not pass through the rest of the stack: a poll then costs about what a
cached page costs (docs/benchmarks.md, "Live coverage").
"""

from __future__ import annotations

import re
from collections.abc import Callable

from django.http import HttpRequest, HttpResponse

UPDATES_PATH = re.compile(r"^/live-coverage/(\d{1,20})/updates\.json$")


class LiveUpdatesMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        match = UPDATES_PATH.match(request.path_info)
        if match is None or request.method != "GET":
            return self.get_response(request)
        from live.views import updates_json

        return updates_json(request, int(match.group(1)))
