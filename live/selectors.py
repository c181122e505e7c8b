"""Reads of live coverage: the page's entries in reading order, and the polling answer.

The polling answer (`updates_payload`) is built once per entry change and kept in the cache
under the page's *version*; every reader of the page gets the same bytes, so 10,000 readers
cost what one costs (docs/benchmarks.md).
"""

from __future__ import annotations

import hashlib
import json
import time
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.core.cache import cache
from django.core.paginator import EmptyPage, PageNotAnInteger, Paginator
from django.db.models import QuerySet
from django.http import HttpRequest
from django.template.loader import render_to_string
from django.utils import dateformat
from django.utils.html import strip_tags

from live.models import ENTRIES_PER_PAGE, LiveEntry, LivePage
from newsroom.page_cache import current_generation

# Entries in the polling answer: the newest ones; a reader further behind reloads the page.
WINDOW = 30
# Seconds a browser waits between polls (plus jitter, in live.js); CDNs may keep an answer this long.
POLL_SECONDS = 5


def version_key(page_id: int) -> str:
    return f"live:version:{page_id}"


def page_version(page_id: int) -> int:
    """A number that changes whenever an entry of the page is added, corrected or deleted."""
    version = cache.get(version_key(page_id))
    if version is None:
        cache.add(version_key(page_id), time.time_ns(), timeout=None)
        version = cache.get(version_key(page_id))
    return int(version)


def entries_in_order(page: LivePage) -> QuerySet[LiveEntry]:
    """Unpinned entries, newest first (pinned ones are shown above them, once)."""
    return (
        LiveEntry.objects.filter(page=page, pinned=False).select_related("author", "page").order_by("-posted_at", "-pk")
    )


def pinned_entries(page: LivePage) -> list[LiveEntry]:
    return list(
        LiveEntry.objects.filter(page=page, pinned=True).select_related("author", "page").order_by("-posted_at", "-pk")
    )


def key_events(page: LivePage) -> list[LiveEntry]:
    return list(LiveEntry.objects.filter(page=page, key_event=True).order_by("-posted_at", "-pk"))


def stream_page_of(entry: LiveEntry) -> int:
    """Which ?page= of the stream shows the entry (pinned entries are on the first)."""
    if entry.pinned:
        return 1
    newer = (
        LiveEntry.objects.filter(page_id=entry.page_id, pinned=False, posted_at__gt=entry.posted_at).count()
        + LiveEntry.objects.filter(
            page_id=entry.page_id, pinned=False, posted_at=entry.posted_at, pk__gt=entry.pk
        ).count()
    )
    return newer // ENTRIES_PER_PAGE + 1


def entry_plain_text(entry: LiveEntry) -> str:
    parts: list[str] = []
    for block in entry.body:
        if block.block_type == "paragraph":
            parts.append(strip_tags(getattr(block.value, "source", str(block.value))))
        elif block.block_type == "quote":
            parts.append(str(block.value["text"]))
    return " ".join(" ".join(parts).split())


def live_page_view(page: LivePage, request: HttpRequest) -> dict[str, Any]:
    """What the live page template shows: pinned entries, one page of the stream, key events."""
    paginator = Paginator(entries_in_order(page), ENTRIES_PER_PAGE)
    try:
        page_obj = paginator.page(request.GET.get("page", 1))
    except (PageNotAnInteger, EmptyPage):
        page_obj = paginator.page(1)
    first = page_obj.number == 1
    return {
        "pinned": pinned_entries(page) if first else [],
        "page_obj": page_obj,
        "entries": list(page_obj.object_list),
        "key_events": key_events(page),
        "live_version": page_version(page.pk),
        "poll_seconds": POLL_SECONDS,
    }


@dataclass(frozen=True)
class Answer:
    etag: str
    body: bytes
    # The previous answer, handed out while another request builds the new one.
    stale: bool = False


def _etag(page_id: int) -> str:
    # The entry version says "an entry changed"; the generation says "the page (status, summary)
    # or something it shows was republished".
    return f'"live-{page_id}-{page_version(page_id)}-{current_generation()}"'


def current_etag(page_id: int) -> str:
    return _etag(page_id)


def updates_answer(page_id: int, request: HttpRequest) -> Answer | None:
    """The polling answer for a live, public page, from the cache or built once; None if there is
    no such page for readers.

    When an entry changes, a thousand readers ask at once: one request builds the new answer,
    the others get the previous one (marked stale, so no proxy keeps it) instead of each
    rendering the same entries again."""
    etag = _etag(page_id)
    key = f"live:answer:{hashlib.sha256(etag.encode()).hexdigest()[:24]}"
    body = cache.get(key)
    if isinstance(body, bytes):
        return Answer(etag, body)
    latest_key, lock_key = f"live:latest:{page_id}", f"live:building:{page_id}"
    if not cache.add(lock_key, 1, timeout=10):
        previous = cache.get(latest_key)
        if isinstance(previous, tuple):
            return Answer(previous[0], previous[1], stale=True)
    try:
        payload = updates_payload(page_id, request)
        if payload is None:
            return None
        body = json.dumps(payload, ensure_ascii=False, separators=(",", ":")).encode()
        timeout = getattr(settings, "PAGE_CACHE_TIMEOUT", 300)
        cache.set_many({key: body, latest_key: (etag, body)}, timeout=timeout)
        return Answer(etag, body)
    finally:
        cache.delete(lock_key)


def updates_payload(page_id: int, request: HttpRequest) -> dict[str, Any] | None:
    page = LivePage.objects.live().public().filter(pk=page_id).first()
    if page is None:
        return None
    stream = list(entries_in_order(page)[:WINDOW])
    pinned = pinned_entries(page)

    def entry_json(entry: LiveEntry) -> dict[str, Any]:
        return {
            "id": entry.pk,
            "posted_at": entry.posted_at.isoformat(),
            "updated_at": entry.updated_at.isoformat(),
            # What the entry's data-updated attribute holds: the browser compares the two.
            "stamp": dateformat.format(entry.updated_at, "U.u"),
            "pinned": entry.pinned,
            "key_event": entry.key_event,
            "html": render_to_string("live/includes/entry.html", {"entry": entry, "request": request}),
        }

    return {
        "page": page.pk,
        "status": page.status,
        "summary_html": render_to_string("live/includes/summary.html", {"page": page}),
        "key_events_html": render_to_string(
            "live/includes/key_events.html", {"key_events": key_events(page), "page": page}
        ),
        "pinned": [entry_json(entry) for entry in pinned],
        "entries": [entry_json(entry) for entry in stream],
        "total": LiveEntry.objects.filter(page=page, pinned=False).count(),
        "poll_seconds": POLL_SECONDS,
    }


def latest_entries(page: LivePage, *, count: int = 3) -> list[LiveEntry]:
    """The newest entries (pinned or not), for newsletters and cards."""
    return list(LiveEntry.objects.filter(page=page).select_related("author").order_by("-posted_at", "-pk")[:count])
