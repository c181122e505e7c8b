"""Helpers the members views share."""

from __future__ import annotations

import json
from typing import Any
from urllib.parse import urlsplit

from django.conf import settings
from django.http import HttpRequest, JsonResponse


def same_origin(request: HttpRequest) -> bool:
    """CSRF defence for endpoints public pages call without a CSRF cookie: the browser's
    Origin (or Referer) must be this site. Cross-site JSON POSTs also need a CORS preflight,
    which we never grant."""
    origin = request.headers.get("Origin") or ""
    if not origin:
        referer = request.headers.get("Referer") or ""
        if referer:
            parts = urlsplit(referer)
            origin = f"{parts.scheme}://{parts.netloc}"
    if not origin:
        return False
    allowed = {f"{request.scheme}://{request.get_host()}", settings.SITE_URL.rstrip("/")}
    return origin.rstrip("/") in allowed


def json_body(request: HttpRequest) -> dict[str, Any] | None:
    try:
        data = json.loads(request.body or b"{}")
    except (ValueError, UnicodeDecodeError, RecursionError):  # RecursionError: "[[[[…" nested too deep
        return None
    return data if isinstance(data, dict) else None


def json_error(message: str, status: int = 400) -> JsonResponse:
    return JsonResponse({"status": "failed", "message": message}, status=status)


def safe_next(path: str) -> str:
    """Only paths on this site, so a sign-in link cannot send anyone elsewhere."""
    if path.startswith("/") and not path.startswith("//") and "\\" not in path:
        return path[:200]
    return ""
