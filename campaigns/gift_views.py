"""Gift pages: buy (a page plus three JSON steps its script calls), thank-you, redeem.

The buy page is the same HTML for everyone (attribution comes from the query string). The
JSON steps are called without a CSRF cookie and are protected by an Origin check, like the
members join page. The redeem page is never cached and uses Django's CSRF token; a GET only
shows the gift, the button POSTs (mail scanners open links).
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import date, timedelta
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods, require_POST

from campaigns import gifts
from campaigns.models import GiftMembership
from campaigns.selectors import known_source
from lib.json_steps import json_error, json_step, json_step_body

logger = logging.getLogger("masthead.campaigns")

GUESSES_PER_HOUR = 30
LIMIT_REACHED = (
    "Too many unknown gift codes were tried from your network, so we are not checking codes for an hour. "
    "Wait an hour, then type the code again; if it still does not work, reply to your gift email."
)


def gift_buy(request: HttpRequest) -> HttpResponse:
    from members.selectors import offered_plans
    from members.services import attribution_from, membership_settings
    from payments import client

    plans = offered_plans()
    currency = membership_settings().currency
    prices = [
        {"plan": plan, "months": [(months, gifts.gift_price(plan, months)) for months, _ in GiftMembership.MONTHS]}
        for plan in plans
    ]
    return render(
        request,
        "campaigns/gift_buy.html",
        {
            "prices": prices,
            "currency": currency.upper(),
            "source": known_source(attribution_from(request.GET)),
            "stripe_js": client.js_url(),
            "publishable_key": settings.STRIPE_PUBLISHABLE_KEY,
            "payments_ready": client.is_configured(),
        },
    )


def _order_from(data: dict[str, Any]) -> gifts.GiftOrder | str:
    """The buyer's choices, or a sentence saying what to fix."""
    from members.selectors import offered_plan
    from members.services import attribution_from

    plan = offered_plan(str(data.get("plan") or ""))
    months = str(data.get("months") or "")
    if plan is None or months not in {str(m) for m, _ in GiftMembership.MONTHS}:
        return "Choose a plan and how many months to give (1, 3, 6 or 12)."
    buyer_email = str(data.get("buyer_email") or "").strip()
    try:
        validate_email(buyer_email)
    except ValidationError:
        return "Enter your own email address, like name@example.com, so we can send your receipt."
    recipient_name = str(data.get("recipient_name") or "").strip()
    if not recipient_name:
        return "Enter the name of the person you are giving the membership to."
    delivery = str(data.get("delivery") or GiftMembership.Delivery.EMAIL)
    if delivery not in GiftMembership.Delivery.values:
        return "Choose whether we email the gift or you hand it over as a link."
    recipient_email = str(data.get("recipient_email") or "").strip()
    if delivery == GiftMembership.Delivery.EMAIL:
        try:
            validate_email(recipient_email)
        except ValidationError:
            return "Enter the recipient's email address so we can send the gift, or choose to hand it over as a link."
    today = timezone.localdate()
    try:
        deliver_on = date.fromisoformat(str(data.get("deliver_on") or today.isoformat()))
    except ValueError:
        return "Enter the delivery date as a date, like 2026-12-24."
    if deliver_on < today:
        return "The delivery date has passed. Choose today or a later date."
    if deliver_on > today + timedelta(days=365):  # not today.replace(year=…): 29 February has no twin
        return "Choose a delivery date within the next year."
    message = str(data.get("message") or "").strip()
    if len(message) > 1000:
        return "Keep the message under 1,000 characters."
    return gifts.GiftOrder(
        plan=plan,
        months=int(months),
        buyer_email=buyer_email,
        buyer_name=str(data.get("buyer_name") or "").strip(),
        recipient_name=recipient_name,
        recipient_email=recipient_email,
        message=message,
        delivery=delivery,
        deliver_on=deliver_on,
        source=known_source(attribution_from(data)),
    )


@json_step(scope="gift-ip", limit=30, window_seconds=3600)
def gift_start(request: HttpRequest, data: dict[str, Any]) -> JsonResponse:
    """Start members' gift checkout; the browser keeps the token (only in this session)."""
    from members.card_steps import start_answer

    order = _order_from(data)
    if isinstance(order, str):
        return json_error(order)
    return start_answer(request, lambda: gifts.gift_checkout_start(order=order)[1:], field="gift")


def _gift_step(request: HttpRequest, action: Callable[..., Any]) -> JsonResponse:
    """Run one of members' card steps on this browser's gift checkout; success shows the gift."""
    from members.card_steps import step_answer

    data = json_step_body(request, scope="gift-ip", limit=30, window_seconds=3600)
    if isinstance(data, JsonResponse):
        return data
    return step_answer(
        request,
        data,
        field="gift",
        gift=True,
        run=lambda checkout: action(checkout=checkout),
        succeeded=lambda _checkout, token: JsonResponse(
            {"status": "succeeded", "redirect": f"/support/gift/thanks/{token}/"}
        ),
    )


@csrf_exempt
@require_POST
def gift_pay(request: HttpRequest) -> JsonResponse:
    """After the card step: take the payment (members' checkout_pay; safe to repeat)."""
    from members.services import checkout_pay

    return _gift_step(request, checkout_pay)


@csrf_exempt
@require_POST
def gift_confirm(request: HttpRequest) -> JsonResponse:
    """After 3-D Secure in the browser: read the outcome from Stripe."""
    from members.services import checkout_after_authentication

    return _gift_step(request, checkout_after_authentication)


def gift_thanks(request: HttpRequest, token: str) -> HttpResponse:
    """The buyer's page after paying: the link to print or forward, or when we email it."""
    gift = gifts.gift_for_token(token)
    if gift is None or gift.status == GiftMembership.Status.PENDING:
        return render(
            request,
            "campaigns/gift_problem.html",
            {
                "problem": "We could not find this gift's payment. "
                "If money was taken, your receipt email has the gift details; otherwise start again."
            },
            status=404,
        )
    response = render(
        request, "campaigns/gift_thanks.html", {"gift": gift, "link": settings.SITE_URL + gift.redeem_path}
    )
    response["Cache-Control"] = "private, no-store"
    response["Referrer-Policy"] = "no-referrer"
    return response


@require_http_methods(["GET", "POST"])
def gift_enter_code(request: HttpRequest) -> HttpResponse:
    """Type a code from a card or an email."""
    raw = request.POST.get("code", "") or request.GET.get("code", "")
    if raw:
        normalized = gifts.normalize_code(raw)
        if normalized is not None:
            return redirect("campaigns:gift_redeem", code=normalized)
        return render(
            request,
            "campaigns/gift_enter_code.html",
            {"problem": gifts.gift_problem(None, typed=raw[:40]), "typed": raw[:40]},
            status=400,
        )
    return render(request, "campaigns/gift_enter_code.html", {})


@require_http_methods(["GET", "POST"])
def gift_redeem(request: HttpRequest, code: str) -> HttpResponse:
    """Show the gift (GET) and start it (POST). Knowing a code proves nothing about an email
    address, so redeeming never signs anyone in: the membership goes on the account for the
    address typed, and that address gets a sign-in link (members' own sign-in mail)."""
    from lib.client_ip import client_network
    from lib.rate_limits import hit
    from members.auth import get_member

    current = get_member(request)
    context: dict[str, Any] = {"gift": None, "problem": "", "code": code[:40], "current": current}
    # The limit is checked before the lookup: over it, no code is looked at, known or not,
    # so guessing stays slow however lucky the guesser is.
    if not _guesses_left(request):
        context["problem"] = LIMIT_REACHED
        return render(request, "campaigns/gift_redeem.html", context, status=429)
    gift = gifts.gift_find(code)
    problem = gifts.gift_problem(gift, typed=code[:40])
    if gift is None:
        hit("gift-code-ip", client_network(request), limit=GUESSES_PER_HOUR, window_seconds=3600)
    context.update(gift=gift, problem=problem)
    if problem:
        return render(request, "campaigns/gift_redeem.html", context, status=404 if gift is None else 410)
    assert gift is not None
    if request.method == "POST":
        email = current.email if current else request.POST.get("email", "").strip()
        try:
            validate_email(email)
        except ValidationError:
            context["form_error"] = "Enter the email address you want the membership on, like name@example.com."
            return render(request, "campaigns/gift_redeem.html", context, status=400)
        try:
            gift, member, _ = gifts.gift_redeem(code=gift.code, email=email, name=request.POST.get("name", ""))
        except gifts.GiftError as exc:
            context["problem"] = str(exc)
            return render(request, "campaigns/gift_redeem.html", context, status=410)
        signed_in = current is not None and current.pk == member.pk
        if not signed_in:
            gifts.gift_send_sign_in_link(member=member)
        response = render(
            request, "campaigns/gift_redeemed.html", {"gift": gift, "member": member, "signed_in": signed_in}
        )
        response["Cache-Control"] = "private, no-store"
        return response
    return render(request, "campaigns/gift_redeem.html", context)


def _guesses_left(request: HttpRequest) -> bool:
    """True while this network may still try unknown codes (the count only grows on misses)."""
    from lib.client_ip import client_network
    from lib.rate_limits import peek

    return peek("gift-code-ip", client_network(request), window_seconds=3600) < GUESSES_PER_HOUR
