"""Helpers the members views share."""

from __future__ import annotations

import json
from typing import Any

from django.http import HttpRequest, JsonResponse


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
