"""The JSON steps that cached reader pages' scripts post (join, gift): one guard, one wording.

Such a step has no CSRF token (the page is the same for everyone), so it is `csrf_exempt` and
`json_step_body` checks what the token would have: the post comes from this site
(`lib.same_origin`), the network has tries left (`lib.rate_limits`, per client network) and the
body is a JSON object. Each refusal is a JSON answer the page's script shows as it is.
"""

from __future__ import annotations

import functools
import json
from collections.abc import Callable
from typing import Any

from django.http import HttpRequest, JsonResponse
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from lib.client_ip import client_network
from lib.rate_limits import hit
from lib.same_origin import same_origin

FOREIGN = "This form must be sent from our own site. Reload the page and try again."
TOO_MANY = "Too many attempts from your network. Wait an hour, then try again."
UNREADABLE = "The form could not be read. Reload the page and try again."


def json_body(request: HttpRequest) -> dict[str, Any] | None:
    """The posted JSON object, or None when the body is not one."""
    try:
        data = json.loads(request.body or b"{}")
    except (ValueError, UnicodeDecodeError, RecursionError):  # RecursionError: "[[[[…" nested too deep
        return None
    return data if isinstance(data, dict) else None


def json_error(message: str, status: int = 400) -> JsonResponse:
    """A refusal the page's script shows as it is: `{"status": "failed", "message": …}`."""
    return JsonResponse({"status": "failed", "message": message}, status=status)


def json_step_body(
    request: HttpRequest, *, scope: str = "", limit: int = 30, window_seconds: int = 3600
) -> dict[str, Any] | JsonResponse:
    """The step's JSON object, or the refusal to answer with. With `scope`, each call counts
    one try for the client's network (`limit` per `window_seconds`)."""
    if not same_origin(request):
        return json_error(FOREIGN, 403)
    if scope and not hit(scope, client_network(request), limit=limit, window_seconds=window_seconds):
        return json_error(TOO_MANY, 429)
    data = json_body(request)
    if data is None:
        return json_error(UNREADABLE)
    return data


def json_step(
    *, scope: str, limit: int = 30, window_seconds: int = 3600
) -> Callable[[Callable[[HttpRequest, dict[str, Any]], JsonResponse]], Callable[[HttpRequest], JsonResponse]]:
    """Make `view(request, data)` a cached page's JSON step: POST only, no CSRF cookie, and
    called with the body only once `json_step_body` let it through (else its refusal)."""

    def decorate(view: Callable[[HttpRequest, dict[str, Any]], JsonResponse]) -> Callable[[HttpRequest], JsonResponse]:
        @csrf_exempt
        @require_POST
        @functools.wraps(view)
        def step(request: HttpRequest) -> JsonResponse:
            data = json_step_body(request, scope=scope, limit=limit, window_seconds=window_seconds)
            return data if isinstance(data, JsonResponse) else view(request, data)

        return step

    return decorate
