"""Fixtures for the audio tests: short articles narrated by the real voice."""

from __future__ import annotations

from dataclasses import dataclass

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.utils import timezone

from audio import services
from audio.models import Narration
from audio.text_preparation import prepare_article
from tests.support.newsroom import paragraphs


@dataclass
class MadeAudio:
    data: bytes
    narration: dict


# The real voice narrates the fixture article once per test process; later tests that only need
# ready audio (serving, player, feed, CMS) reuse that MP3 for the same text instead of
# synthesising it again. Tests of narration itself call the service directly.
_made: dict[str, MadeAudio] = {}


@pytest.fixture
def short_article(newsroom):
    return newsroom.add_article(
        "Ferry returns to Sorvik",
        body=paragraphs("The night ferry sailed again on Tuesday after a week in dock. About 40 people were on board."),
    )


@pytest.fixture
def narrated_article(short_article):
    """A published article with ready audio, made by the real Piper voice."""
    digest = prepare_article(short_article).digest
    made = _made.get(digest)
    if made is None:
        result = services.narrate_article(article_id=short_article.pk)
        assert result.outcome == "done", result.detail
        narration = Narration.objects.get(article=short_article)
        fields = ("voice", "text_hash", "duration_seconds", "size_bytes", "prepare_seconds", "synth_seconds")
        _made[digest] = MadeAudio(
            default_storage.open(narration.audio.name).read(),
            {name: getattr(narration, name) for name in (*fields, "encode_seconds")},
        )
    else:
        name = default_storage.save(f"narrations/{short_article.pk}/{digest[:12]}.mp3", ContentFile(made.data))
        Narration.objects.update_or_create(
            article=short_article,
            defaults={
                **made.narration,
                "audio": name,
                "status": Narration.Status.READY,
                "attempts": 1,
                "queued_at": timezone.now(),
                "started_at": timezone.now(),
                "finished_at": timezone.now(),
            },
        )
    short_article.refresh_from_db()
    return short_article
