"""One structured log line per request, with its status and duration."""

from __future__ import annotations

import logging
import time
from collections.abc import Callable

from django.http import HttpRequest, HttpResponse

from lib.client_ip import client_ip

logger = logging.getLogger("masthead.request")


class RequestLogMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        started = time.perf_counter()
        response = self.get_response(request)
        logger.info(
            "request",
            extra={
                "method": request.method,
                "path": request.path,
                "status": response.status_code,
                # The reader's address as TRUSTED_PROXIES allows (nginx's own address otherwise).
                "client": client_ip(request),
                "duration_ms": round((time.perf_counter() - started) * 1000, 2),
            },
        )
        return response
