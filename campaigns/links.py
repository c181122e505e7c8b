"""Where a drive's buttons lead, with the attribution the sign-up and gift flows record.

The query string names the placement (`source`, one of members.models.Placement), the drive
and the article the reader was on; the join and gift forms carry these as hidden fields into
the payment (no cookies, no third parties).
"""

from __future__ import annotations

from urllib.parse import urlencode

from django.urls import NoReverseMatch, reverse


def placement_labels() -> dict[str, str]:
    from members.services import Placement

    return dict(Placement.choices)


def _url(name: str, fallback: str) -> str:
    try:
        return reverse(name)
    except NoReverseMatch:
        return fallback


def join_url() -> str:
    return _url("members:join", "/membership/join/")


def gift_url() -> str:
    return _url("campaigns:gift_buy", "/gift/")


def with_attribution(url: str, *, placement: str, campaign_id: int | None, article_id: int | None) -> str:
    params = {"source": placement}
    if campaign_id:
        params["campaign"] = str(campaign_id)
    if article_id:
        params["article"] = str(article_id)
    return f"{url}?{urlencode(params)}"
