"""What the podcast feed says about the show and each episode (rendered by audio/podcast.xml)."""

from __future__ import annotations

import logging
from typing import Any

from django.conf import settings
from django.http import HttpRequest
from django.urls import reverse
from django.utils import timezone
from django.utils.http import http_date

from audio.models import Narration
from lib.site_url import absolute_url

logger = logging.getLogger("masthead.audio")


def _newsroom(request: HttpRequest) -> Any:
    from newsroom.models import NewsroomSettings

    return NewsroomSettings.for_request(request)


def channel_context(request: HttpRequest) -> dict[str, Any]:
    newsroom = _newsroom(request)
    return {
        "title": newsroom.name,
        "link": absolute_url("/"),
        "feed_url": absolute_url(reverse("audio:podcast")),
        "description": (newsroom.tagline or newsroom.name)
        + ". Every story, read aloud by the newsroom's AI voice. This audio is created with AI assistance.",
        "language": newsroom.language or "en",
        "author": newsroom.name,
        "owner_email": settings.PODCAST_OWNER_EMAIL,
        "image": absolute_url(reverse("audio:podcast_artwork")),
        "category": settings.PODCAST_CATEGORY,
        "explicit": "true" if settings.PODCAST_EXPLICIT else "false",
        "copyright": f"© {timezone.now().year} {newsroom.name}",
        "build_date": http_date(),
    }


def episode_context(request: HttpRequest, narration: Narration) -> dict[str, Any]:
    article = narration.article
    published = article.first_published_at or narration.finished_at or timezone.now()
    return {
        "title": article.title,
        "link": absolute_url(article.get_url(request)),
        "guid": narration.podcast_guid,
        "pub_date": http_date(published.timestamp()),
        "description": article.standfirst,
        "author": ", ".join(author.title for author in article.authors),
        "enclosure_url": absolute_url(narration.audio_url),
        "enclosure_length": narration.size_bytes,
        "duration": round(narration.duration_seconds),
        "image": _episode_image(request, article),
    }


def _episode_image(request: HttpRequest, article: Any) -> str:
    if article.hero_image is None:
        return ""
    try:
        rendition = article.hero_image.get_rendition("fill-1400x1400|format-jpeg")
    except Exception:
        # A missing original must not take the whole feed down; the show artwork stands in.
        logger.warning("no episode artwork", extra={"article_id": article.pk})
        return ""
    return absolute_url(rendition.url)
