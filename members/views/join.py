"""The join page and the three JSON steps its script calls: start, pay, confirm."""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.db import transaction
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from lib.json_steps import FOREIGN, json_body, json_error, json_step
from lib.money import format_money, whole_units
from lib.rate_limits import hit
from lib.same_origin import same_origin
from members import card_steps, checkout_session, services, tasks
from members.auth import get_member, sign_in
from members.models import Checkout, Interval, Plan
from members.selectors import offered_plans
from members.services import attribution_from
from payments import client

logger = logging.getLogger("masthead.members")


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


@json_step(scope="join-ip", limit=30, window_seconds=3600)
def join_start(request: HttpRequest, data: dict[str, Any]) -> JsonResponse:
    """Start a join, donation checkout: the member (if new), the checkout and the card step."""
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

    def start() -> tuple[str, services.Step]:
        _checkout, token, step = services.checkout_start(
            email=email,
            name=name,
            choice=choice,
            source=attribution_from(data),
            signed_in=get_member(request),
            started_here=checkout_session.started_here(request),
        )
        return token, step

    return card_steps.start_answer(request, start, field="checkout")


def _welcome(request: HttpRequest, checkout: Checkout) -> JsonResponse:
    """A join, donation or new card succeeded: where the browser goes, signed in or not."""
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


def _run_step(request: HttpRequest, step_for: Callable[[Checkout], services.Step]) -> JsonResponse:
    if not same_origin(request):
        return json_error(FOREIGN, 403)
    return card_steps.step_answer(
        request,
        json_body(request),
        field="checkout",
        gift=False,
        run=step_for,
        succeeded=lambda checkout, _token: _welcome(request, checkout),
    )


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
