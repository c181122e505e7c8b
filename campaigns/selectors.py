"""Reads of drives for reader pages: which drive is on, and how far it has come.

Both are cached so an anonymous page costs no extra queries: the active drive for a minute
(a drive that starts or ends shows up within that minute, and saving a drive clears it at
once), the progress for PROGRESS_SECONDS (the issue allows progress to lag by one minute).
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, replace
from datetime import datetime
from typing import Any

from django.contrib.humanize.templatetags.humanize import intcomma
from django.core.cache import cache
from django.utils import timezone

from campaigns import tally
from campaigns.models import Campaign
from lib.money import format_money, whole_units

ACTIVE_KEY = "campaigns:active-drive"
PROGRESS_KEY = "campaigns:progress:{id}"
ACTIVE_SECONDS = 60
PROGRESS_SECONDS = 30
_NONE = "none"  # cached marker for "no drive is on", so that case is cached too


def active_campaign(at: datetime | None = None) -> Campaign | None:
    """The drive on at `at` (now by default); if drives overlap, the one that started last."""
    if at is not None:
        return _query_active(at)
    cached = cache.get(ACTIVE_KEY)
    if cached is None:
        cached = _query_active(timezone.now()) or _NONE
        cache.set(ACTIVE_KEY, cached, ACTIVE_SECONDS)
    return None if cached == _NONE else cached


# Largest primary keys the tables can hold: Campaign's is a 64-bit integer, Wagtail's Page an
# `AutoField` (32-bit on PostgreSQL). A larger number is no row and would overflow the query.
_MAX_CAMPAIGN_ID = 2**63 - 1
MAX_PAGE_ID = 2**31 - 1


def known_source(source: Any) -> Any:
    """The attribution with every drive or article id that names no row dropped.

    Attribution arrives from a query string or a form and is a label, never a reason to refuse
    money: an unknown, deleted or absurd id (999999, 20 digits) becomes "none" instead of a
    foreign-key error or an OverflowError in the middle of a payment. Takes and returns a
    `members.services.Source`.
    """
    from wagtail.models import Page

    campaign_id, article_id = source.campaign_id, source.article_page_id
    if campaign_id is not None and not (
        0 < campaign_id <= _MAX_CAMPAIGN_ID and Campaign.objects.filter(pk=campaign_id).exists()
    ):
        campaign_id = None
    if article_id is not None and not (0 < article_id <= MAX_PAGE_ID and Page.objects.filter(pk=article_id).exists()):
        article_id = None
    return replace(source, campaign_id=campaign_id, article_page_id=article_id)


def _query_active(at: datetime) -> Campaign | None:
    return Campaign.objects.filter(starts_at__lte=at, ends_at__gt=at).order_by("-starts_at", "-pk").first()


@dataclass(frozen=True)
class DriveProgress:
    campaign_id: int
    reached: int  # new members, or money in whole currency units
    goal: int
    supporters: int
    counts_members: bool
    currency: str = ""  # ISO code in capitals, for money goals

    @property
    def percent(self) -> int:
        return min(100, round(100 * self.reached / self.goal)) if self.goal else 0

    @property
    def text(self) -> str:
        """“634 of 1,000 new members” or “12,300 of 25,000 EUR raised”."""
        if self.counts_members:
            noun = "new member" if self.goal == 1 else "new members"
            return f"{intcomma(self.reached)} of {intcomma(self.goal)} {noun}"
        reached = format_money(whole_units(self.reached, self.currency), self.currency)
        goal = format_money(whole_units(self.goal, self.currency), self.currency)
        return f"{reached} of {goal} raised"

    @property
    def supporters_text(self) -> str:
        return f"{intcomma(self.supporters)} supporter{'' if self.supporters == 1 else 's'}"

    def as_json(self) -> dict[str, object]:
        return {**asdict(self), "percent": self.percent, "text": self.text, "supporters_text": self.supporters_text}


def drive_progress(campaign: Campaign, *, fresh: bool = False) -> DriveProgress:
    """Progress from real payments (see campaigns/tally.py), cached for PROGRESS_SECONDS."""
    key = PROGRESS_KEY.format(id=campaign.pk)
    progress = None if fresh else cache.get(key)
    if progress is None:
        counted = tally.drive_tally(
            campaign.starts_at, campaign.ends_at, members=campaign.counts_members, money=not campaign.counts_members
        )
        reached = counted.new_members if campaign.counts_members else counted.amount_minor // 100
        progress = DriveProgress(
            campaign_id=campaign.pk,
            reached=reached,
            goal=campaign.goal,
            supporters=tally.supporter_count(),
            counts_members=campaign.counts_members,
            currency=currency_code(),
        )
        cache.set(key, progress, PROGRESS_SECONDS)
    return progress


def currency_code() -> str:
    """The currency members pay in (members' settings), e.g. "EUR"."""
    from members.services import membership_settings

    return membership_settings().currency.upper()


def forget_drive_cache() -> None:
    """Called when a drive is saved or a payment changes a count: readers see it at once."""
    cache.delete(ACTIVE_KEY)
    active = _query_active(timezone.now())
    if active is not None:
        cache.delete(PROGRESS_KEY.format(id=active.pk))


def member_gifts_export(member: Any) -> dict[str, Any]:
    """The member's gifts for "download my data" (members.services.member_export_data): those
    they bought (by account or by the address they paid with) and those they redeemed."""
    from django.db.models import Q

    from campaigns.models import GiftMembership

    def iso(value: datetime | None) -> str | None:
        return value.isoformat() if value else None

    def row(gift: GiftMembership) -> dict[str, Any]:
        return {
            "code": gift.code,
            "status": gift.status,
            "plan": gift.plan.name,
            "months": gift.months,
            "amount": gift.amount,
            "currency": gift.currency,
            "buyer_name": gift.buyer_name,
            "buyer_email": gift.buyer_email,
            "recipient_name": gift.recipient_name,
            "recipient_email": gift.recipient_email,
            "message": gift.message,
            "delivery": gift.delivery,
            "deliver_on": gift.deliver_on.isoformat(),
            "paid_at": iso(gift.paid_at),
            "delivered_at": iso(gift.delivered_at),
            "redeemed_at": iso(gift.redeemed_at),
            "starts_at": iso(gift.starts_at),
            "ends_at": iso(gift.ends_at),
        }

    gifts = GiftMembership.objects.select_related("plan").exclude(status=GiftMembership.Status.PENDING)
    bought = gifts.filter(Q(buyer=member) | Q(buyer_email=member.email)).order_by("created_at")
    received = gifts.filter(redeemed_by=member).order_by("redeemed_at")
    return {"gifts": {"bought": [row(g) for g in bought], "received": [row(g) for g in received]}}
