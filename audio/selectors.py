"""Reads of narrations for readers: only ready audio of live articles with narration switched on."""

from __future__ import annotations

from typing import Any

from django.db.models import Prefetch, QuerySet

from audio.models import Narration


def servable_narrations() -> QuerySet[Narration]:
    return Narration.objects.filter(
        status=Narration.Status.READY, article__live=True, article__narration_enabled=True
    ).exclude(audio="")


def narration_for_player(article: Any) -> Narration | None:
    """The ready narration of the article shown on its page, or None. One query per page render:
    the answer is kept on the article object for the player and the JSON-LD alike."""
    if not getattr(article, "narration_enabled", False):
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
