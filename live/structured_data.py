"""schema.org LiveBlogPosting for a live page: coverage times and the newest entries as
`liveBlogUpdate` BlogPostings, each with its permalink (Google's live-coverage markup)."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest

from lib.site_url import absolute_url, page_url
from live.models import LivePage
from live.selectors import entry_plain_text, latest_entries
from newsroom import structured_data

# Updates listed in the JSON-LD: the newest, as the page shows them.
UPDATES = 20


def _iso(value: Any) -> str | None:
    return value.isoformat() if value else None


def live_blog_posting(page: LivePage, request: HttpRequest) -> dict[str, Any]:
    url = page_url(page, request)
    entries = latest_entries(page, count=UPDATES)
    modified = max(
        (m for m in (page.last_published_at, *(e.updated_at for e in entries)) if m is not None), default=None
    )
    data: dict[str, Any] = {
        "@context": "https://schema.org",
        "@type": "LiveBlogPosting",
        "headline": page.title,
        "description": page.search_description or page.standfirst,
        "url": url,
        "mainEntityOfPage": {"@type": "WebPage", "@id": url},
        "datePublished": _iso(page.first_published_at),
        "dateModified": _iso(modified),
        "coverageStartTime": _iso(page.coverage_started_at),
        "coverageEndTime": _iso(page.coverage_ended_at),
        "publisher": structured_data.publisher(request),
        "author": [
            {"@type": "Person", "name": author.title, "url": page_url(author, request)} for author in page.authors
        ],
        "isAccessibleForFree": True,
        "inLanguage": structured_data._newsroom_settings(request).language,
        "image": [structured_data.absolute_url(request, structured_data.static(structured_data.LOGO_PATH))],
        "liveBlogUpdate": [_update(entry, url) for entry in entries],
    }
    images = structured_data.hero_images(page, request)
    if images:
        data["image"] = [images[ratio]["url"] for ratio in structured_data.IMAGE_RATIOS]
    return {key: value for key, value in data.items() if value is not None}


def _update(entry: Any, page_address: str) -> dict[str, Any]:
    update: dict[str, Any] = {
        "@type": "BlogPosting",
        "headline": entry.headline,
        "articleBody": entry_plain_text(entry),
        "datePublished": _iso(entry.posted_at),
        "dateModified": _iso(entry.updated_at),
        "url": f"{page_address}#{entry.anchor}",
        "sameAs": absolute_url(f"/live-coverage/entry/{entry.pk}/"),
    }
    if entry.author is not None:
        update["author"] = {"@type": "Person", "name": entry.author.title}
    return update
