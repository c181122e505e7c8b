"""Reads about members for pages and the CMS."""

from __future__ import annotations

from datetime import datetime

from django.http import HttpRequest
from django.utils import timezone

from members.auth import get_member
from members.models import Member, Membership, Payment, Plan
from members.reader_kind import SUPPORTER, shared_kind


def is_supporter(request: HttpRequest) -> bool:
    """Signed in and with access now. False without a session cookie (anonymous cached pages);
    in the page cache's shared copy for a kind of reader, whether that kind is "supporter"."""
    kind = shared_kind(request)
    if kind is not None:
        return kind == SUPPORTER
    member = get_member(request)
    return member is not None and member.is_supporter


def current_membership(member: Member) -> Membership | None:
    memberships = list(member.memberships.select_related("plan").order_by("-created_at"))
    with_access = [m for m in memberships if m.has_access]
    if with_access:
        # A paid membership is what the member manages, even next to a complimentary one.
        with_access.sort(key=lambda m: (m.stripe_subscription_id is None, -m.created_at.timestamp()))
        return with_access[0]
    return next((m for m in memberships if m.status != Membership.Status.PENDING), None)


def payments_for(member: Member) -> list[Payment]:
    return list(member.payments.exclude(status=Payment.Status.PENDING).order_by("-created_at"))


def payments_in_year(member: Member, year: int) -> list[Payment]:
    return list(member.payments.filter(status=Payment.Status.SUCCEEDED, paid_at__year=year).order_by("paid_at"))


def payment_years(member: Member) -> list[int]:
    return sorted(
        {d.year for d in member.payments.filter(status=Payment.Status.SUCCEEDED).dates("paid_at", "year")}, reverse=True
    )


def offered_plans() -> list[Plan]:
    return list(Plan.objects.filter(active=True))


def supporter_count() -> int:
    return Member.objects.filter(access_until__gt=timezone.now()).count()


def offered_plan(slug: str) -> Plan | None:
    """The active plan with this slug (what a join or gift form names), or None."""
    return Plan.objects.filter(active=True, slug=slug).first() if slug else None


def checkout_token_hash(token: str) -> str:
    """What members stores of a checkout token (its SHA-256), to find rows that point at it."""
    from members import checkout_session

    return checkout_session.token_hash(token)


def paid_access_until(member: Member, *, now: datetime | None = None) -> datetime | None:
    """When the member's paid (Stripe) access runs out, if they have it now; None otherwise."""
    return (
        member.memberships.exclude(stripe_subscription_id=None)
        .filter(access_until__gt=now or timezone.now())
        .exclude(status=Membership.Status.ENDED)
        .order_by("-access_until")
        .values_list("access_until", flat=True)
        .first()
    )


def receipt_number(payment_id: int | None) -> str:
    """What receipts (members' and gifts') call a payment: MH- and eight digits."""
    return f"MH-{(payment_id or 0):08d}"
