"""Reads of narrations for readers: only ready audio of live, public articles with narration on.

A private article (a Wagtail view restriction on it or on its section) has no audio anywhere:
no player, no MP3, no podcast item. Its narration is withdrawn when the restriction is added
(audio/signal_handlers.py); these reads exclude it as well, so a row left behind never leaks.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.db.models import Prefetch, Q, QuerySet

from audio.models import Narration


def servable_narrations() -> QuerySet[Narration]:
    """Ready audio of live, public articles. Reads the view restrictions from the database (one
    query): the MP3 view is not behind the page cache, so it must not trust a cached answer."""
    from newsroom.selectors import private_paths

    narrations = Narration.objects.filter(
        status=Narration.Status.READY, article__live=True, article__narration_enabled=True
    ).exclude(audio="")
    private = Q()
    for path in private_paths(fresh=True):
        private |= Q(article__path__startswith=path)
    return narrations.exclude(private) if private else narrations


def narration_for_player(article: Any) -> Narration | None:
    """The ready narration of the article shown on its page, or None. One query per page render:
    the answer is kept on the article object for the player and the JSON-LD alike."""
    if not getattr(article, "narration_enabled", False):
        return None
    from newsroom.selectors import is_private

    if is_private(article):
        return None
    if not hasattr(article, "_ready_narration"):
        article._ready_narration = (
            Narration.objects.filter(article_id=article.pk, status=Narration.Status.READY).exclude(audio="").first()
        )
    return article._ready_narration


def servable_narration(*, article_id: int) -> Narration | None:
    return servable_narrations().filter(article_id=article_id).first()


def podcast_episodes(*, limit: int = 100) -> list[Narration]:
    """Narrated live articles, newest story first, with what an episode needs in a fixed number of queries."""
    from newsroom.models import ArticleAuthor

    narrations = (
        servable_narrations()
        .select_related("article", "article__hero_image")
        .prefetch_related(
            Prefetch(
                "article__article_authors",
                queryset=ArticleAuthor.objects.select_related("author").order_by("sort_order"),
            )
        )
        .order_by("-article__first_published_at")[:limit]
    )
    return list(narrations)


@dataclass(frozen=True)
class Backlog:
    """Narrations waiting or running, within the batch they were queued in: "narrating 3 of 14"."""

    position: int  # the one being narrated now (or the next one), counted within the batch
    total: int  # everything queued since the oldest narration still waiting, done ones included
    running: list[str]  # headlines being narrated right now
    waiting: int


def narration_backlog() -> Backlog | None:
    """The work ahead of the narration worker, or None when every narration is finished."""
    pending = Narration.objects.filter(status__in=[Narration.Status.QUEUED, Narration.Status.RUNNING])
    oldest = pending.order_by("queued_at").values_list("queued_at", flat=True).first()
    if oldest is None and not pending.exists():
        return None
    running = list(
        pending.filter(status=Narration.Status.RUNNING).order_by("started_at").values_list("article__title", flat=True)
    )
    waiting = pending.filter(status=Narration.Status.QUEUED).count()
    batch = Narration.objects.filter(queued_at__gte=oldest) if oldest is not None else pending
    total = max(batch.count(), len(running) + waiting)
    done = total - len(running) - waiting
    return Backlog(position=done + max(1, len(running)), total=total, running=running, waiting=waiting)
