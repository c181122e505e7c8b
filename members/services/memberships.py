"""Memberships members manage (cancel, resume, change plan) and staff grant (complimentary)."""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import datetime

from django.db import transaction
from django.utils import timezone

from members.models import (
    Interval,
    Member,
    Membership,
    Placement,
    Plan,
)
from members.services.accounts import MembershipError, log_event, member_refresh_summary
from members.services.stripe_sync import ensure_stripe_plan, subscription_apply
from members.signals import membership_started
from payments import client

logger = logging.getLogger("masthead.members")


# --- Members managing their membership --------------------------------------------------------


def _paid_membership(member: Member) -> Membership:
    membership = (
        member.memberships.exclude(stripe_subscription_id=None)
        .exclude(status__in=[Membership.Status.ENDED, Membership.Status.PENDING])
        .order_by("-created_at")
        .first()
    )
    if membership is None:
        raise MembershipError("You have no paid membership to change. Join from the membership page.")
    return membership


def _set_renewal(member: Member, *, cancel: bool, kind: str, message: str) -> Membership:
    membership = _paid_membership(member)
    subscription_apply(snapshot=client.set_cancel_at_period_end(membership.stripe_subscription_id or "", cancel=cancel))
    log_event(member=member, kind=kind, message=message)
    membership.refresh_from_db()
    return membership


def membership_cancel(*, member: Member) -> Membership:
    """Stop renewing; access continues to the end of the paid period."""
    return _set_renewal(
        member, cancel=True, kind="cancel", message="Cancelled; access continues to the end of the paid period."
    )


def membership_resume(*, member: Member) -> Membership:
    """Renew again at the period's end (undo a cancellation while access lasts)."""
    return _set_renewal(member, cancel=False, kind="resume", message="Resumed; the membership renews again.")


@dataclass(frozen=True)
class PlanChangePreview:
    """What a plan change would charge now (positive) or credit (negative), in minor units."""

    plan: Plan
    interval: str
    amount_now: int
    currency: str
    new_amount: int  # the new plan's price per interval


def _changeable_membership(member: Member, plan: Plan, interval: str) -> Membership:
    membership = _paid_membership(member)
    if membership.kind != Membership.Kind.TIER:
        raise MembershipError("A monthly donation cannot change plan. Cancel it and join as a member instead.")
    if membership.plan_id == plan.pk and membership.interval == interval:
        raise MembershipError("That is already your plan. Choose another plan or how often to pay.")
    return membership


def membership_preview_plan_change(*, member: Member, plan: Plan, interval: str) -> PlanChangePreview:
    """Asks Stripe what the change would invoice now (its own proration), charging nothing.

    Ensures the Stripe plan for the new price exists (idempotent), so the preview and the change
    use the same plan."""
    membership = _changeable_membership(member, plan, interval)
    amount = plan.amount_for(interval)
    plan_id = ensure_stripe_plan(plan=plan, interval=interval, amount=amount, currency=membership.currency)
    amount_now, currency = client.preview_plan_change(membership.stripe_subscription_id or "", plan_id=plan_id)
    return PlanChangePreview(
        plan=plan, interval=interval, amount_now=amount_now, currency=currency or membership.currency, new_amount=amount
    )


def membership_change_plan(*, member: Member, plan: Plan, interval: str) -> Membership:
    """Changes the plan in Stripe, which charges or credits the prorated difference at once.
    Views call it only after the member confirmed the amount from `membership_preview_plan_change`."""
    membership = _changeable_membership(member, plan, interval)
    amount = plan.amount_for(interval)
    plan_id = ensure_stripe_plan(plan=plan, interval=interval, amount=amount, currency=membership.currency)
    snapshot = client.change_plan(membership.stripe_subscription_id or "", plan_id=plan_id)
    Membership.objects.filter(pk=membership.pk).update(plan=plan, interval=interval, amount=amount)
    subscription_apply(snapshot=snapshot)
    log_event(
        member=member, kind="plan_change", message=f"Plan changed to {plan.name} ({Interval(interval).label.lower()})."
    )
    membership.refresh_from_db()
    return membership


# --- Staff ------------------------------------------------------------------------------------


def membership_grant_complimentary(
    *,
    member: Member,
    plan: Plan | None,
    ends_at: datetime,
    note: str,
    granted_by: str,
    source: str = Placement.STAFF,
) -> Membership:
    """A free membership until `ends_at`, granted by staff (or, with source=Placement.GIFT, by a
    redeemed gift; `granted_by` and `note` then say whose gift and which code). Gives access
    like a paid one."""
    if ends_at <= timezone.now():
        raise MembershipError("Choose an end date in the future.")
    with transaction.atomic():
        membership = Membership.objects.create(
            member=member,
            kind=Membership.Kind.COMPLIMENTARY,
            plan=plan,
            status=Membership.Status.ACTIVE,
            started_at=timezone.now(),
            paid_through=ends_at,
            access_until=ends_at,
            ends_at=ends_at,
            note=note[:255],
            granted_by=granted_by[:150],
            source=source,
        )
        log_event(
            member=member,
            kind="complimentary",
            # No giver's name in the history: it outlives the giver's account (granted_by doesn't).
            message=f"Complimentary membership until {ends_at:%Y-%m-%d} from a gift, {note}."
            if source == Placement.GIFT
            else f"Complimentary membership until {ends_at:%Y-%m-%d} granted by {granted_by}.",
        )
        membership_started.send(sender=Membership, membership_id=membership.pk)
        member_refresh_summary(member=member)
    return membership


def memberships_relabel_grant(*, membership_ids: list[int], granted_by: str) -> int:
    """Change who a complimentary membership says granted it (e.g. a gift's buyer deleted their
    account: "Gift from a reader"). Nothing else about the memberships changes."""
    return Membership.objects.filter(pk__in=membership_ids, kind=Membership.Kind.COMPLIMENTARY).update(
        granted_by=granted_by[:150]
    )
