"""Writes of live coverage: posting, correcting and removing entries, and telling readers.

The CMS saves entries through Wagtail's snippet views; the signal handlers then call
`live_page_changed`, as these services do, so both paths purge the same caches.
"""

from __future__ import annotations

import time
from datetime import datetime
from typing import Any

from django.core.cache import cache
from django.db import transaction
from django.utils import timezone

from live.models import LiveEntry, LivePage
from live.selectors import version_key


def live_page_changed(*, page_id: int, reason: str = "") -> None:
    """An entry of the page changed: its polling answer and every cached reader page are stale.

    Bumps the page's version now and again after commit (a poll racing the commit must not keep
    the old answer under the new version), and purges the page from the page cache and the edge.
    Idempotent and cheap; safe in signals, services and tasks.
    """
    from newsroom.page_cache import purge_pages_showing

    def bump() -> None:
        cache.set(version_key(page_id), time.time_ns(), timeout=None)

    bump()
    transaction.on_commit(bump)
    page = LivePage.objects.filter(pk=page_id).first()
    purge_pages_showing(*([page] if page is not None else []), reason=reason or f"live page {page_id} entry changed")


@transaction.atomic
def entry_post(
    *,
    page: LivePage,
    body: list[tuple[str, Any]],
    title: str = "",
    author: Any = None,
    pinned: bool = False,
    key_event: bool = False,
    posted_at: datetime | None = None,
    user: Any = None,
) -> LiveEntry:
    """Add an entry to a live page, with its first revision. Readers see it on their next poll."""
    entry = LiveEntry(
        page=page,
        body=body,
        title=title,
        author=author,
        pinned=pinned,
        key_event=key_event,
        posted_at=posted_at or timezone.now(),
    )
    entry.save()
    entry.save_revision(user=user, log_action="wagtail.create")
    return entry


@transaction.atomic
def entry_correct(*, entry: LiveEntry, user: Any = None, **changes: Any) -> LiveEntry:
    """Change an entry in place (its time stays; `updated_at` moves), with a new revision."""
    allowed = {"title", "body", "author", "pinned", "key_event", "posted_at"}
    unknown = set(changes) - allowed
    if unknown:
        raise ValueError(f"An entry has no field {', '.join(sorted(unknown))}.")
    for name, value in changes.items():
        setattr(entry, name, value)
    entry.save()
    entry.save_revision(user=user, log_action="wagtail.edit")
    return entry


@transaction.atomic
def entry_remove(*, entry: LiveEntry) -> None:
    """Delete an entry; readers' pages drop it on their next poll."""
    entry.delete()
