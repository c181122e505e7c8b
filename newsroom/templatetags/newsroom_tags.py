"""Template helpers for reader pages: times the way a newsroom prints them, bylines."""

from __future__ import annotations

from datetime import datetime, timedelta

from django import template
from django.utils import timezone
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString

register = template.Library()


@register.filter
def feed_time(value: datetime | None) -> str:
    """ "5:50 AM" within the last day, otherwise "Nov 21" (with the year once it is not this year)."""
    if value is None:
        return ""
    local = timezone.localtime(value)
    now = timezone.localtime()
    if now - local < timedelta(days=1):
        return local.strftime("%-I:%M %p")
    if local.year == now.year:
        return local.strftime("%b %-d")
    return local.strftime("%b %-d, %Y")


@register.filter
def story_time(value: datetime | None) -> str:
    """ "November 24, 2026, 9:05 AM", in the newsroom's time zone."""
    if value is None:
        return ""
    return timezone.localtime(value).strftime("%B %-d, %Y, %-I:%M %p")


@register.filter
def byline(authors: list) -> SafeString:
    """Linked author names: "A", "A and B", "A, B and C"."""
    links = [format_html('<a href="{}" rel="author">{}</a>', a.url, a.title) for a in authors]
    if not links:
        return SafeString("")
    if len(links) == 1:
        return links[0]
    return format_html("{} and {}", format_html_join(", ", "{}", ((link,) for link in links[:-1])), links[-1])


@register.filter
def public_story(page: object) -> object:
    """The page if a reader may see a card of it (live, not behind a view restriction), else None."""
    from newsroom.selectors import public_story as selector

    return selector(page)
