"""Members' accounts: finding or making a member, their CMS summary, their Stripe customer,
the history staff read, and everything about them for "download my data" and deletion."""

from __future__ import annotations

import logging
from datetime import datetime
from typing import Any

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from lib.email_address import account_email
from members import billing
from members.models import (
    Checkout,
    Member,
    MemberEvent,
    Membership,
    MembershipSettings,
    Payment,
)
from members.signals import member_deleting
from payments import client

logger = logging.getLogger("masthead.members")


class MembershipError(Exception):
    """Something the reader can fix; the message says how."""


# What the card steps tell the reader; the join and gift pages share them.


def membership_settings() -> MembershipSettings:
    """The membership settings (currency, donation bounds) edited in the CMS."""
    return MembershipSettings.load()


def log_event(*, member: Member, kind: str, message: str) -> None:
    """Add a line to the member's history staff read (at most 255 characters)."""
    MemberEvent.objects.create(member=member, kind=kind, message=message[:255])


# --- Members ----------------------------------------------------------------------------------


def member_get_or_create(*, email: str, name: str = "") -> tuple[Member, bool]:
    """The member with this address (folded to its account key), made if new; a name fills an
    empty one. Returns (member, created)."""
    member, created = Member.objects.get_or_create(email=account_email(email), defaults={"name": name.strip()[:150]})
    if not created and name and not member.name:
        member.name = name.strip()[:150]
        member.save(update_fields=["name"])
    return member, created


def member_refresh_summary(*, member: Member) -> None:
    """Keep the member's summary fields (for the CMS list) in step with their memberships."""
    memberships = list(member.memberships.select_related("plan").order_by("-created_at"))
    current = next((m for m in memberships if m.has_access), None) or next(
        (m for m in memberships if m.status != Membership.Status.PENDING), None
    )
    status: str
    if current is None:
        status = Member.Status.PENDING if memberships else Member.Status.NONE
    elif current.kind == Membership.Kind.COMPLIMENTARY and current.has_access:
        status = Member.Status.COMPLIMENTARY
    elif current.status == Membership.Status.ACTIVE and not current.has_access:
        status = Member.Status.ENDED
    else:
        status = current.status
    access = [m.access_until for m in memberships if m.access_until]
    started = [m.started_at for m in memberships if m.started_at]
    member.status = status
    member.plan = current.plan if current else None
    member.source = current.source if current else ""
    member.joined_at = min(started) if started else None
    member.access_until = max(access) if access else None
    member.save(update_fields=["status", "plan", "source", "joined_at", "access_until"])


def members_refresh_lapsed() -> int:
    """Update the summary of members whose access ran out since it was last computed (grace
    over, complimentary or imported period ended). Access itself never waits for this."""
    stale = Member.objects.filter(access_until__lt=timezone.now()).exclude(
        status__in=[Member.Status.ENDED, Member.Status.NONE, Member.Status.PAST_DUE]
    )
    count = 0
    for member in stale:
        member_refresh_summary(member=member)
        count += 1
    return count


def ensure_customer(*, member: Member) -> str:
    """The member's Stripe customer id, made once (a stored key makes a retried call find the
    same customer)."""
    if member.stripe_customer_id:
        return member.stripe_customer_id
    customer_id = client.create_customer(
        email=member.email,
        name=member.name,
        idempotency_key=f"customer-{member.stripe_customer_key}",
        metadata={"member_id": str(member.pk)},
    )
    Member.objects.filter(pk=member.pk).update(stripe_customer_id=customer_id)
    member.stripe_customer_id = customer_id
    return customer_id


# --- Export and deletion ----------------------------------------------------------------------


def _iso(value: datetime | None) -> str | None:
    return value.isoformat() if value else None


def member_export_data(*, member: Member) -> dict[str, Any]:
    """Everything we hold about a member, for "download my data". Other apps add their part
    through settings.MEMBERS_DATA_EXPORTERS (dotted paths of functions taking the member)."""
    from django.utils.module_loading import import_string

    data: dict[str, Any] = {
        "member": {
            "email": member.email,
            "name": member.name,
            "created_at": _iso(member.created_at),
            "card": {"brand": member.card_brand, "last4": member.card_last4} if member.card_last4 else None,
        },
        "memberships": [
            {
                "kind": m.kind,
                "plan": m.plan.name if m.plan else None,
                "interval": m.interval,
                "amount": m.amount,
                "currency": m.currency,
                "status": m.status,
                "started_at": _iso(m.started_at),
                "paid_through": _iso(m.paid_through),
                "cancel_at_period_end": m.cancel_at_period_end,
                "source": m.source,
            }
            for m in member.memberships.select_related("plan")
        ],
        "payments": [
            {
                "purpose": p.purpose,
                "amount": p.amount,
                "currency": p.currency,
                "status": p.status,
                "amount_refunded": p.amount_refunded,
                "created_at": _iso(p.created_at),
                "paid_at": _iso(p.paid_at),
            }
            for p in member.payments.all()
        ],
        "history": [{"when": _iso(e.created_at), "what": e.message} for e in member.events.all()],
    }
    for path in getattr(settings, "MEMBERS_DATA_EXPORTERS", []):
        data.update(import_string(path)(member))
    return data


def member_delete(*, member: Member) -> None:
    """Cancel billing first, then delete the member. Payment rows stay (the law asks for them)
    with the member unlinked and the email kept only as a hash. If Stripe cannot be reached,
    nothing is deleted and the error propagates so the member can try again."""
    if member.stripe_customer_id:
        for membership in member.memberships.exclude(stripe_subscription_id=None).exclude(
            stripe_status__in=billing.TERMINAL
        ):
            client.cancel_subscription_now(membership.stripe_subscription_id or "")
        client.delete_customer(member.stripe_customer_id)
    with transaction.atomic():
        member_deleting.send(sender=Member, member_id=member.pk, email=member.email)
        from members.models import email_hash

        Payment.objects.filter(member=member).update(email_hash=email_hash(member.email), member=None, membership=None)
        # A gift's checkout stays, unlinked like its Payment: the gift's money facts hang on it.
        Checkout.objects.filter(member=member).exclude(kind=Checkout.Kind.GIFT).delete()
        member.delete()
