"""The drive's top banner and end-of-article appeal, and the reader-count beacon.

What these render goes into the shared page cache, so it depends only on the drive and the
page and the kind of reader (a supporter's copy has none), never on the person.
"""

from __future__ import annotations

from typing import Any

from django import template

from campaigns import links, tally
from campaigns.selectors import active_campaign, drive_progress

register = template.Library()


def _is_supporter(context: template.Context) -> bool:
    request = context.get("request")
    return request is not None and tally.is_supporter(request)


def _drive_now(context: template.Context) -> tuple[Any, Any]:
    """The drive on now and its progress, read once per request: a page shows the banner, asks
    whether the appeal will show and then shows it, and each would read the shared cache."""
    request = context.get("request")
    known = getattr(request, "_drive_now", None) if request is not None else None
    if known is None:
        campaign = active_campaign()
        known = (campaign, drive_progress(campaign) if campaign is not None else None)
        if request is not None:
            request._drive_now = known
    return known


def drive_state(context: template.Context) -> tuple[Any, ...]:
    """What the banner and the appeal show besides the page and the kind of reader: which drive
    is on and how far it got (the key of their kept copies, newsroom/slots.py)."""
    campaign, progress = _drive_now(context)
    if campaign is None:
        return ()
    return (campaign.pk, progress.reached, progress.goal, progress.supporters)


def _drive_context(context: template.Context, placement: str) -> dict[str, Any]:
    campaign, progress = _drive_now(context)
    if campaign is None or _is_supporter(context):
        return {"campaign": None}
    from newsroom.models import ArticlePage

    page = context.get("page")
    article_id = page.pk if isinstance(page, ArticlePage) else None
    return {
        "campaign": campaign,
        "progress": progress,
        "join_url": links.with_attribution(
            links.join_url(), placement=placement, campaign_id=campaign.pk, article_id=article_id
        ),
        "gift_url": links.with_attribution(
            links.gift_url(), placement=placement, campaign_id=campaign.pk, article_id=article_id
        ),
        "request": context.get("request"),
    }


@register.inclusion_tag("campaigns/banner.html", takes_context=True)
def drive_banner(context: template.Context) -> dict[str, Any]:
    return _drive_context(context, "banner")


@register.inclusion_tag("campaigns/appeal.html", takes_context=True)
def drive_appeal(context: template.Context) -> dict[str, Any]:
    return _drive_context(context, "article_appeal")


@register.simple_tag(takes_context=True)
def has_drive_appeal(context: template.Context) -> bool:
    """True when a drive's appeal will show, so a generic membership ask can step aside."""
    return _drive_context(context, "article_appeal")["campaign"] is not None


@register.inclusion_tag("campaigns/view_beacon.html")
def view_beacon(article_id: int) -> dict[str, Any]:
    return {"article_id": article_id}
