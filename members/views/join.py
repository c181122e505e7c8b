"""The join page and the three JSON steps its script calls: start, pay, confirm."""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from lib.client_ip import client_network
from lib.rate_limits import hit
from lib.same_origin import same_origin
from members import services
from members.auth import get_member, sign_in
from members.models import Checkout, Interval, Placement, Plan
from members.selectors import offered_plans
from members.views.common import json_body, json_error
from payments import client

logger = logging.getLogger("masthead.members")

UNAVAILABLE = "Payments are unavailable for a moment. Nothing was charged. Please try again in a few minutes."


def _positive_int(value: Any) -> int | None:
    try:
        number = int(str(value))
    except (TypeError, ValueError):
        return None
    return number if number > 0 else None


def attribution_from(data: Any) -> services.Source:
    placement = str(data.get("source") or "")
    return services.Source(
        placement=placement if placement in Placement.values else Placement.MEMBERSHIP_PAGE,
        campaign_id=_positive_int(data.get("campaign")),
        article_page_id=_positive_int(data.get("article")),
    )


def join_page(request: HttpRequest) -> HttpResponse:
    """Same HTML for every reader (attribution comes from the query string), so it can be cached."""
    config = services.membership_settings()
    source = attribution_from(request.GET)
    return render(
        request,
        "members/join.html",
        {
            "plans": offered_plans(),
            "settings_": config,
            "suggested": config.suggested_amounts(),
            "currency": config.currency.upper(),
            "source": source,
            "stripe_js": client.js_url(),
            "publishable_key": settings.STRIPE_PUBLISHABLE_KEY,
            "payments_ready": client.is_configured(),
            "preselect": request.GET.get("choice", ""),
        },
    )


def _choice_from(data: dict[str, Any]) -> services.Choice | str:
    """The reader's pick, or a sentence saying what to fix."""
    kind = data.get("choice")
    config = services.membership_settings()
    if kind == Checkout.Kind.MEMBERSHIP:
        plan = Plan.objects.filter(active=True, slug=str(data.get("plan") or "")).first()
        interval = str(data.get("interval") or "")
        if plan is None or interval not in Interval.values:
            return "Choose a membership plan and whether to pay monthly or yearly."
        return services.Choice(kind=kind, plan=plan, interval=interval)
    if kind in (Checkout.Kind.DONATION_ONCE, Checkout.Kind.DONATION_MONTHLY):
        try:
            whole = float(str(data.get("amount") or "").replace(",", ""))
        except ValueError:
            return "Enter the amount you would like to give, in whole numbers."
        if not (config.minimum_donation <= whole <= config.maximum_donation):
            return (
                f"Donations can be from {config.minimum_donation} to {config.maximum_donation} "
                f"{config.currency.upper()}. Change the amount and try again."
            )
        return services.Choice(
            kind=kind,
            interval=Interval.MONTH,
            amount=round(whole * 100),
        )
    return "Choose a membership or a donation first."


@csrf_exempt
@require_POST
def join_start(request: HttpRequest) -> JsonResponse:
    if not same_origin(request):
        return json_error("This form must be sent from our own site. Reload the page and try again.", 403)
    if not hit("join-ip", client_network(request), limit=30, window_seconds=3600):
        return json_error("Too many attempts from your network. Wait an hour, then try again.", 429)
    data = json_body(request)
    if data is None:
        return json_error("The form could not be read. Reload the page and try again.")
    email = str(data.get("email") or "").strip()
    name = str(data.get("name") or "").strip()
    from django.core.exceptions import ValidationError
    from django.core.validators import validate_email

    try:
        validate_email(email)
    except ValidationError:
        return json_error("Enter a valid email address, like name@example.com, so we can send your receipt.")
    choice = _choice_from(data)
    if isinstance(choice, str):
        return json_error(choice)
    if not client.is_configured():
        return json_error(UNAVAILABLE, 503)
    try:
        checkout, step = services.checkout_start(
            email=email, name=name, choice=choice, source=attribution_from(data), signed_in=get_member(request)
        )
    except services.MembershipError as exc:
        return json_error(str(exc), 409)
    except (client.StripeUnavailable, client.PaymentsNotConfigured):
        logger.exception("join start failed")
        return json_error(UNAVAILABLE, 503)
    return JsonResponse({"status": step.status, "client_secret": step.client_secret, "checkout": checkout.token})


def _step_response(request: HttpRequest, checkout: Checkout, step: services.Step) -> JsonResponse:
    if step.status != "succeeded":
        return JsonResponse(
            {"status": step.status, "client_secret": step.client_secret, "message": step.message},
            status=402 if step.status == "failed" else 200,
        )
    current = get_member(request)
    if current is not None and current.pk == checkout.member_id:
        redirect = "/membership/account/?done=1"
    elif checkout.member_is_new:
        sign_in(request, checkout.member)
        redirect = "/membership/account/?welcome=1"
    else:
        # An existing account: paying does not prove the address is yours, so no sign-in.
        redirect = "/membership/thanks/"
    return JsonResponse({"status": "succeeded", "redirect": redirect})


def _checkout_from(request: HttpRequest) -> Checkout | JsonResponse:
    if not same_origin(request):
        return json_error("This form must be sent from our own site. Reload the page and try again.", 403)
    data = json_body(request)
    token = str((data or {}).get("checkout") or "")
    checkout = (
        Checkout.objects.select_related("member", "membership", "payment", "plan").filter(token=token).first()
        if token
        else None
    )
    if checkout is None:
        return json_error("This payment has expired. Reload the page and start again; nothing was charged.", 404)
    return checkout


def _run_step(request: HttpRequest, step_for: Callable[[Checkout], services.Step]) -> JsonResponse:
    checkout = _checkout_from(request)
    if isinstance(checkout, JsonResponse):
        return checkout
    try:
        step = step_for(checkout)
    except (client.StripeUnavailable, client.PaymentsNotConfigured):
        logger.exception("join step failed")
        return json_error(UNAVAILABLE, 503)
    return _step_response(request, checkout, step)


@csrf_exempt
@require_POST
def join_pay(request: HttpRequest) -> JsonResponse:
    """After the card step: take the payment (safe to repeat)."""
    return _run_step(request, lambda checkout: services.checkout_pay(checkout=checkout))


@csrf_exempt
@require_POST
def join_confirm(request: HttpRequest) -> JsonResponse:
    """After 3-D Secure in the browser: read the outcome from Stripe."""
    return _run_step(request, lambda checkout: services.checkout_after_authentication(checkout=checkout))


def thanks(request: HttpRequest) -> HttpResponse:
    return render(request, "members/thanks.html")
