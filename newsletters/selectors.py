"""Reads of the newsletters app."""

from __future__ import annotations

from typing import Any

from django.core.cache import cache

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
