"""Reads of the newsletters app."""

from __future__ import annotations

from typing import Any

from django.core.cache import cache
from django.urls import reverse

from newsletters.models import Issue, Newsletter

PUBLIC_LIST_KEY = "newsletters:public-list:v1"


def public_newsletters() -> list[dict[str, Any]]:
    """The public newsletters for sign-up forms, cached: the footer form is on every page and
    must not add a query to it. Invalidated when a newsletter is saved (signal_handlers.py)."""
    cached = cache.get(PUBLIC_LIST_KEY)
    if cached is None:
        cached = list(Newsletter.objects.filter(is_public=True).values("id", "slug", "name", "cadence", "description"))
        cache.set(PUBLIC_LIST_KEY, cached, timeout=3600)
    return cached


def forget_public_newsletters() -> None:
    cache.delete(PUBLIC_LIST_KEY)


def recent_issues(newsletter: Newsletter, *, limit: int = 20) -> list[Issue]:
    return list(newsletter.issues.filter(status=Issue.Status.SENT).order_by("-send_started_at")[:limit])


def subscriptions_for_email(email: str) -> dict[str, Any]:
    """The newsletters an address receives or has asked for, and the signed link to its preference
    page, for the member account panel. Empty lists and no link for an unknown address."""
    from newsletters.models import Subscriber, Subscription
    from newsletters.tokens import make_preferences_token

    subscriber = Subscriber.objects.filter(email__iexact=email.strip()).first()
    if subscriber is None:
        return {"confirmed": [], "pending": [], "preferences_url": ""}
    rows = list(
        subscriber.subscriptions.exclude(status=Subscription.Status.UNSUBSCRIBED)
        .select_related("newsletter")
        .order_by("newsletter__name")
    )
    return {
        "confirmed": [row.newsletter.name for row in rows if row.status == Subscription.Status.CONFIRMED],
        "pending": [row.newsletter.name for row in rows if row.status == Subscription.Status.PENDING],
        "preferences_url": reverse("newsletters:preferences", args=[make_preferences_token(subscriber.pk)]),
    }


def member_newsletters_export(member: Any) -> dict[str, Any]:
    """The member's newsletters for "download my data" (members' MEMBERS_DATA_EXPORTERS): every
    subscription of their address with its dates, and every consent record we keep."""
    from newsletters.models import Subscriber

    subscriber = Subscriber.objects.filter(email__iexact=member.email.strip()).first()
    if subscriber is None:
        return {"newsletters": {"subscriptions": [], "consent": []}}

    def iso(value: Any) -> str | None:
        return value.isoformat() if value else None

    subscriptions = [
        {
            "newsletter": row.newsletter.name,
            "status": row.status,
            "requested_at": iso(row.requested_at),
            "confirmed_at": iso(row.confirmed_at),
            "unsubscribed_at": iso(row.unsubscribed_at),
        }
        for row in subscriber.subscriptions.select_related("newsletter").order_by("newsletter__name")
    ]
    consent = [
        {
            "newsletter": row.newsletter.name,
            "action": row.action,
            "at": iso(row.at),
            "form": row.form,
            "page": row.page,
            "ip_address": row.ip_address,
            "wording_version": row.wording_version,
        }
        for row in subscriber.consent_records.select_related("newsletter").order_by("at", "pk")
    ]
    return {"newsletters": {"subscriptions": subscriptions, "consent": consent}}
