"""How every page that takes a card through members' checkout answers its script (the join
page, the account page's new card, campaigns' gift page): one start answer and one step answer,
so the JSON, the status codes and the sentences are the same everywhere (static/members/
card-steps.js reads them). The page decides only what a success leads to.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

from django.http import HttpRequest, JsonResponse

from lib.json_steps import json_error
from members import checkout_session
from members.models import Checkout
from members.services import (
    CHECKOUT_EXPIRED,
    PAYMENTS_UNAVAILABLE,
    MembershipError,
    Step,
    checkout_find,
)
from payments import client

logger = logging.getLogger("masthead.members")


def start_answer(request: HttpRequest, start: Callable[[], tuple[str, Step]], *, field: str) -> JsonResponse:
    """Run `start` (returns the checkout's token and first step), bind the token to this
    browser's session and answer with the card step; payments off or Stripe down is a 503."""
    if not client.is_configured():
        return json_error(PAYMENTS_UNAVAILABLE, 503)
    try:
        token, step = start()
    except MembershipError as exc:
        return json_error(str(exc), 409)
    except (client.StripeUnavailable, client.PaymentsNotConfigured):
        logger.exception("checkout start failed")
        return json_error(PAYMENTS_UNAVAILABLE, 503)
    checkout_session.bind(request, token)
    return JsonResponse({"status": step.status, "client_secret": step.client_secret, field: token})


def step_answer(
    request: HttpRequest,
    data: dict[str, Any] | None,
    *,
    field: str,
    gift: bool,
    run: Callable[[Checkout], Step],
    succeeded: Callable[[Checkout, str], JsonResponse],
) -> JsonResponse:
    """Find this browser's checkout named by `data[field]` (the JSON field the page keeps its
    token in), run one step on it and answer: the next step (3-D Secure), the failure (402,
    with what to do) or `succeeded(checkout, token)`."""
    token = str((data or {}).get(field) or "")
    checkout = checkout_find(token=token, started_here=checkout_session.started_here(request), gift=gift)
    if checkout is None:
        return json_error(CHECKOUT_EXPIRED, 404)
    try:
        step = run(checkout)
    except (client.StripeUnavailable, client.PaymentsNotConfigured):
        logger.exception("checkout step failed")
        return json_error(PAYMENTS_UNAVAILABLE, 503)
    if step.status != "succeeded":
        return JsonResponse(
            {"status": step.status, "client_secret": step.client_secret, "message": step.message},
            status=402 if step.status == "failed" else 200,
        )
    return succeeded(checkout, token)
