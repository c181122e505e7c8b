"""The join page and the three JSON steps its script calls: start, pay, confirm."""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

from django.apps import apps
from django.conf import settings
from django.db import transaction
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from lib.json_steps import FOREIGN, json_body, json_error, json_step_body
from lib.money import format_money, whole_units
from lib.rate_limits import hit
from lib.same_origin import same_origin
from members import checkout_session, services, tasks
from members.auth import get_member, sign_in
from members.models import Checkout, Interval, Placement, Plan
from members.selectors import offered_plans
from payments import client

logger = logging.getLogger("masthead.members")

UNAVAILABLE = services.PAYMENTS_UNAVAILABLE
EXPIRED = services.CHECKOUT_EXPIRED


# Ids are stored in 64-bit columns; anything longer is not an id (and would overflow them).
MAX_ID = 2**63 - 1


def _positive_int(value: Any) -> int | None:
    text = str(value if value is not None else "").strip()
    if not text.isdigit() or len(text) > 19:
        return None
    number = int(text)
    return number if 0 < number <= MAX_ID else None


def _existing(app_label: str, model_name: str, pk: int | None) -> int | None:
    """The id if that row exists, else None: attribution is a hint and never fails a payment."""
    if pk is None:
        return None
    try:
        model = apps.get_model(app_label, model_name)
    except LookupError:
        return None
    return pk if model._default_manager.filter(pk=pk).exists() else None


def attribution_from(data: Any, *, check: bool = True) -> services.Source:
    """Where the reader came from. Unknown or malformed ids are dropped (`check=False` skips the
    lookups for pages that only echo them back into hidden fields)."""
    placement = str(data.get("source") or "")
    campaign_id = _positive_int(data.get("campaign"))
    article_page_id = _positive_int(data.get("article"))
    if check:
        campaign_id = _existing("campaigns", "Campaign", campaign_id)
        article_page_id = _existing("wagtailcore", "Page", article_page_id)
    return services.Source(
        placement=placement if placement in Placement.values else Placement.MEMBERSHIP_PAGE,
        campaign_id=campaign_id,
        article_page_id=article_page_id,
    )


def _donation_bounds(config: Any) -> tuple[str, str]:
    """The smallest and largest donation as readers read money ("$1", "$1,000")."""
    return (
        format_money(whole_units(config.minimum_donation, config.currency), config.currency),
        format_money(whole_units(config.maximum_donation, config.currency), config.currency),
    )


def _donation_range(config: Any) -> str:
    low, high = _donation_bounds(config)
    return f"{low}–{high}"


def join_page(request: HttpRequest) -> HttpResponse:
    """Same HTML for every reader (attribution comes from the query string), so it can be cached."""
    config = services.membership_settings()
    source = attribution_from(request.GET, check=False)
    return render(
        request,
        "members/join.html",
        {
            "plans": offered_plans(),
            "settings_": config,
            "suggested": config.suggested_amounts(),
            "currency": config.currency.upper(),
            "suggested_labels": [
                (amount, format_money(whole_units(amount, config.currency), config.currency))
                for amount in config.suggested_amounts()
            ],
            "donation_range": _donation_range(config),
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
            low, high = _donation_bounds(config)
            return f"Donations can be from {low} to {high}. Change the amount and try again."
        return services.Choice(
            kind=kind,
            interval=Interval.MONTH,
            amount=round(whole * 100),
        )
    return "Choose a membership or a donation first."


@csrf_exempt
@require_POST
def join_start(request: HttpRequest) -> JsonResponse:
    data = json_step_body(request, scope="join-ip", limit=30, window_seconds=3600)
    if isinstance(data, JsonResponse):
        return data
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
        _checkout, token, step = services.checkout_start(
            email=email,
            name=name,
            choice=choice,
            source=attribution_from(data),
            signed_in=get_member(request),
            started_here=checkout_session.started_here(request),
        )
    except services.MembershipError as exc:
        return json_error(str(exc), 409)
    except (client.StripeUnavailable, client.PaymentsNotConfigured):
        logger.exception("join start failed")
        return json_error(UNAVAILABLE, 503)
    checkout_session.bind(request, token)
    return JsonResponse({"status": step.status, "client_secret": step.client_secret, "checkout": token})


def _step_response(request: HttpRequest, checkout: Checkout, step: services.Step) -> JsonResponse:
    if step.status != "succeeded":
        return JsonResponse(
            {"status": step.status, "client_secret": step.client_secret, "message": step.message},
            status=402 if step.status == "failed" else 200,
        )
    current = get_member(request)
    if current is not None and current.pk == checkout.member_id:
        return JsonResponse({"status": "succeeded", "redirect": "/membership/account/?done=1"})
    donation = checkout.kind in (Checkout.Kind.DONATION_ONCE, Checkout.Kind.DONATION_MONTHLY)
    kind = "donation" if donation else "membership"
    payer = checkout.member
    assert payer is not None  # only a deleted buyer's gift checkout has none, and it is no join
    welcome = services.checkout_welcome(checkout=checkout, started_here=checkout_session.started_here(request))
    if welcome == services.Welcome.SIGN_IN:
        # This browser made the account a moment ago and it holds nothing but this payment.
        sign_in(request, payer, proven=False)
        redirect = "/membership/account/?welcome=1" + ("&donated=1" if kind == "donation" else "")
    elif welcome == services.Welcome.EMAIL_LINK:
        # An existing account: paying does not prove the address is yours, so no sign-in here.
        # The owner gets a link, within the usual per-address limits.
        email = payer.email
        if hit("signin-addr-minute", email, limit=1, window_seconds=60) and hit(
            "signin-addr-hour", email, limit=5, window_seconds=3600
        ):
            transaction.on_commit(lambda: tasks.send_sign_in_link.enqueue(email, "/membership/account/"))
        redirect = f"/membership/thanks/?sent=1&paid={kind}"
    else:
        redirect = f"/membership/thanks/?paid={kind}"
    return JsonResponse({"status": "succeeded", "redirect": redirect})


def _checkout_from(request: HttpRequest) -> Checkout | JsonResponse:
    if not same_origin(request):
        return json_error(FOREIGN, 403)
    data = json_body(request)
    checkout = services.checkout_find(
        token=str((data or {}).get("checkout") or ""), started_here=checkout_session.started_here(request)
    )
    if checkout is None:
        return json_error(EXPIRED, 404)
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
    return render(
        request,
        "members/thanks.html",
        {"link_sent": request.GET.get("sent") == "1", "donation": request.GET.get("paid") == "donation"},
    )
