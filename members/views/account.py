"""The member's own pages: account, plan changes, card, history, export and deletion."""

from __future__ import annotations

import json
import logging
from collections.abc import Callable
from functools import wraps
from typing import Any

from django.conf import settings
from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect, JsonResponse
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_POST

from lib.money import format_money
from members import checkout_session, selectors, services, tasks
from members.auth import get_member, session_is_proven, sign_out
from members.models import Interval, Member, Payment, Plan
from payments import client

logger = logging.getLogger("masthead.members")

TRY_AGAIN = "We could not reach our payment provider. Nothing changed. Please try again in a few minutes."


def member_required(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    @wraps(view)
    def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        member = get_member(request)
        if member is None:
            return HttpResponseRedirect(f"/membership/sign-in/?next={request.path}")
        return view(request, member, *args, **kwargs)

    return wrapped


@member_required
def account(request: HttpRequest, member: Member) -> HttpResponse:
    membership = selectors.current_membership(member)
    response = render(
        request,
        "members/account.html",
        {
            "member": member,
            "membership": membership,
            "payments": selectors.payments_for(member),
            "years": selectors.payment_years(member),
            "plans": selectors.offered_plans(),
            "intervals": Interval.choices,
            "welcome": request.GET.get("welcome") == "1",
            "donated": request.GET.get("donated") == "1",
            "proven": session_is_proven(request),
            "stripe_js": client.js_url(),
            "publishable_key": settings.STRIPE_PUBLISHABLE_KEY,
            "account_panels": getattr(settings, "MEMBERS_ACCOUNT_PANELS", []),
        },
    )
    response["Cache-Control"] = "private, no-store"
    return response


def _act(request: HttpRequest, action: Callable[[], Any], done: str) -> HttpResponse:
    try:
        action()
        messages.success(request, done)
    except services.MembershipError as exc:
        messages.error(request, str(exc))
    except client.CardError as exc:
        messages.error(request, exc.message)
    except (client.StripeUnavailable, client.PaymentsNotConfigured):
        logger.exception("account action failed")
        messages.error(request, TRY_AGAIN)
    return HttpResponseRedirect("/membership/account/")


@require_POST
@member_required
def cancel(request: HttpRequest, member: Member) -> HttpResponse:
    return _act(
        request,
        lambda: services.membership_cancel(member=member),
        "Your membership will not renew. You keep access until the end of the period you paid for.",
    )


@require_POST
@member_required
def resume(request: HttpRequest, member: Member) -> HttpResponse:
    return _act(request, lambda: services.membership_resume(member=member), "Your membership will renew again.")


@require_POST
@member_required
def change_plan(request: HttpRequest, member: Member) -> HttpResponse:
    plan = Plan.objects.filter(active=True, slug=request.POST.get("plan") or "").first()
    interval = request.POST.get("interval") or ""
    if plan is None or interval not in Interval.values:
        messages.error(request, "Choose one of the plans and how often to pay, then press Change plan.")
        return HttpResponseRedirect("/membership/account/")
    if request.POST.get("confirm") != "yes":
        # First press: show what Stripe will charge or credit, and ask before charging anything.
        try:
            preview = services.membership_preview_plan_change(member=member, plan=plan, interval=interval)
        except services.MembershipError as exc:
            messages.error(request, str(exc))
            return HttpResponseRedirect("/membership/account/")
        except (client.StripeUnavailable, client.PaymentsNotConfigured):
            logger.exception("plan change preview failed")
            messages.error(request, TRY_AGAIN)
            return HttpResponseRedirect("/membership/account/")
        return render(
            request,
            "members/change_plan_confirm.html",
            {
                "preview": preview,
                "interval_label": Interval(interval).label.lower(),
                "charge": format_money(max(preview.amount_now, 0), preview.currency),
                "credit": format_money(max(-preview.amount_now, 0), preview.currency),
                "new_price": format_money(preview.new_amount, preview.currency),
            },
        )
    return _act(
        request,
        lambda: services.membership_change_plan(member=member, plan=plan, interval=interval),
        f"Your plan is now {plan.name}.",
    )


@require_POST
@member_required
def card_start(request: HttpRequest, member: Member) -> JsonResponse:
    try:
        token, step = services.card_update_start(member=member)
    except (client.StripeUnavailable, client.PaymentsNotConfigured):
        logger.exception("card update failed")
        return JsonResponse({"status": "failed", "message": TRY_AGAIN}, status=503)
    checkout_session.bind(request, token)
    return JsonResponse({"status": step.status, "client_secret": step.client_secret, "checkout": token})


@require_POST
@member_required
def resend_receipt(request: HttpRequest, member: Member, payment_id: int) -> HttpResponse:
    payment = member.payments.filter(pk=payment_id, status=Payment.Status.SUCCEEDED).first()
    if payment is None:
        messages.error(request, "We could not find that payment on your account.")
    else:
        tasks.resend_receipt.enqueue(payment.pk)
        messages.success(request, f"We emailed the receipt to {member.email}.")
    return HttpResponseRedirect("/membership/account/#payments")


FIRST_SUMMARY_YEAR = 1970


@member_required
def yearly_summary(request: HttpRequest, member: Member, year: int) -> HttpResponse:
    # Outside these years there is nothing to sum (and year 0 or 10000 is no date at all).
    if not FIRST_SUMMARY_YEAR <= year <= timezone.now().year + 1:
        raise Http404("There is no yearly summary for that year.")
    if request.method == "POST":
        tasks.send_yearly_summary.enqueue(member.pk, year)
        messages.success(request, f"We emailed your {year} summary to {member.email}.")
        return HttpResponseRedirect(f"/membership/account/summary/{year}/")
    payments = selectors.payments_in_year(member, year)
    totals: dict[str, int] = {}
    for p in payments:
        totals[p.currency.upper()] = totals.get(p.currency.upper(), 0) + p.amount - p.amount_refunded
    response = render(
        request,
        "members/yearly_summary.html",
        {"member": member, "year": year, "payments": payments, "totals": sorted(totals.items())},
    )
    response["Cache-Control"] = "private, no-store"
    return response


def _prove_address(request: HttpRequest, member: Member, what: str) -> HttpResponse:
    """A session signed in by paying has not shown it reads the member's mail; pages with data
    found by address (other apps' parts, e.g. newsletters, gifts) ask for a link first."""
    response = render(
        request,
        "members/confirm_address.html",
        {"member": member, "what": what, "next": request.path},
        status=403,
    )
    response["Cache-Control"] = "private, no-store"
    return response


@member_required
def export_data(request: HttpRequest, member: Member) -> HttpResponse:
    if not session_is_proven(request):
        return _prove_address(request, member, "download your data")
    body = json.dumps(services.member_export_data(member=member), indent=2, ensure_ascii=False)
    response = HttpResponse(body, content_type="application/json; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="my-membership-data.json"'
    response["Cache-Control"] = "private, no-store"
    return response


@member_required
def delete_account(request: HttpRequest, member: Member) -> HttpResponse:
    if not session_is_proven(request):
        return _prove_address(request, member, "delete your account")
    if request.method != "POST":
        return render(request, "members/delete_account.html", {"member": member})
    if (request.POST.get("confirm_email") or "").strip().lower() != member.email:
        return render(
            request,
            "members/delete_account.html",
            {"member": member, "error": "Type your email address exactly as shown to confirm."},
            status=400,
        )
    try:
        services.member_delete(member=member)
    except (client.StripeUnavailable, client.PaymentsNotConfigured):
        logger.exception("account deletion failed")
        return render(
            request,
            "members/delete_account.html",
            {
                "member": member,
                "error": "We could not cancel your billing, so nothing was deleted. Try again in a few minutes.",
            },
            status=503,
        )
    sign_out(request)
    return render(request, "members/deleted.html")
