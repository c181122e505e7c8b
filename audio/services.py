"""Narration: request it when an article is published, produce it in the worker, withdraw it.

Publishing never waits for audio and never fails because of it: the request only compares the
spoken text's hash and enqueues a task after commit; the task does the slow work and retries
with backoff when it fails.
"""

from __future__ import annotations

import logging
import tempfile
import time
from dataclasses import dataclass
from datetime import timedelta
from typing import Any

from django.conf import settings
from django.core.files import File
from django.core.files.storage import default_storage
from django.db import transaction
from django.utils import timezone

from audio.models import Narration
from audio.mp3 import Mp3Writer
from audio.synthesis import load_voice, sample_rate, script_pcm
from audio.text_preparation import Script, prepare_article

logger = logging.getLogger("masthead.audio")


@dataclass(frozen=True)
class NarrationResult:
    """What one narration run did: "done", "skipped" (nothing to do) or "failed"."""

    outcome: str
    narration: Narration | None = None
    detail: str = ""


def narration_request(*, article: Any, force: bool = False) -> Narration | None:
    """Queue narration of a published article if its spoken text (or voice) changed.

    Idempotent: publishing the same text again makes no new audio. Returns the narration row, or
    None when the article has narration switched off. The task is enqueued after commit.
    """
    if not article.narration_enabled:
        return None
    script = prepare_article(article)
    voice = settings.NARRATION_VOICE
    narration = Narration.objects.filter(article_id=article.pk).first()
    unchanged = narration is not None and narration.text_hash == script.digest and narration.voice == voice
    if unchanged and not force and narration is not None and narration.status != Narration.Status.FAILED:
        return narration
    narration, _ = Narration.objects.update_or_create(
        article_id=article.pk,
        defaults={
            "status": Narration.Status.QUEUED,
            "text_hash": script.digest,
            "voice": voice,
            "attempts": 0,
            "error": "",
            "queued_at": timezone.now(),
        },
    )
    _enqueue(article.pk, force=force)
    return narration


def narration_withdraw(*, article_id: int) -> None:
    """Stop serving an article's audio (it was unpublished): the row and the file go."""
    narration = Narration.objects.filter(article_id=article_id).first()
    if narration is None:
        return
    name = narration.audio.name
    narration.delete()
    if name:
        transaction.on_commit(lambda: default_storage.delete(name))
    transaction.on_commit(_invalidate_podcast_feed)


def narrate_article(*, article_id: int, force: bool = False) -> NarrationResult:
    """Produce and store the MP3 for one live article. Skips when the stored audio already reads
    the current text with the current voice (unless forced). On failure the row says why and a
    retry is scheduled with exponential backoff, up to NARRATION_MAX_ATTEMPTS."""
    from newsroom.models import ArticlePage

    article = ArticlePage.objects.live().filter(pk=article_id).first()
    if article is None:
        return NarrationResult("skipped", detail="The article is not published.")
    if not article.narration_enabled:
        return NarrationResult("skipped", detail="Narration is switched off for this article.")

    started = time.perf_counter()
    script = prepare_article(article)
    prepare_seconds = time.perf_counter() - started
    voice_name = settings.NARRATION_VOICE
    narration, _ = Narration.objects.get_or_create(
        article=article, defaults={"text_hash": script.digest, "voice": voice_name, "queued_at": timezone.now()}
    )
    same_audio = narration.text_hash == script.digest and narration.voice == voice_name
    if narration.is_ready and same_audio and not force:
        return NarrationResult("skipped", narration, "The audio already reads the current text.")

    Narration.objects.filter(pk=narration.pk).update(
        status=Narration.Status.RUNNING,
        attempts=narration.attempts + 1,
        started_at=timezone.now(),
        text_hash=script.digest,
        voice=voice_name,
    )
    narration.refresh_from_db()
    try:
        stored = _render_and_store(article, script, voice_name)
    except Exception as exc:
        logger.exception("narration failed", extra={"article_id": article_id, "attempt": narration.attempts})
        narration.status = Narration.Status.FAILED
        narration.error = f"{type(exc).__name__}: {exc}"
        narration.finished_at = timezone.now()
        narration.save(update_fields=["status", "error", "finished_at"])
        _schedule_retry(narration)
        return NarrationResult("failed", narration, narration.error)

    old_name = narration.audio.name
    narration.audio.name = stored.name
    narration.status = Narration.Status.READY
    narration.error = ""
    narration.duration_seconds = stored.duration_seconds
    narration.size_bytes = stored.size_bytes
    narration.prepare_seconds = prepare_seconds
    narration.synth_seconds = stored.synth_seconds
    narration.encode_seconds = stored.encode_seconds
    narration.finished_at = timezone.now()
    narration.save()
    if old_name and old_name != stored.name:
        default_storage.delete(old_name)
    invalidate_article_page(article)
    return NarrationResult("done", narration)


@dataclass(frozen=True)
class StoredAudio:
    name: str
    duration_seconds: float
    size_bytes: int
    synth_seconds: float
    encode_seconds: float


def _render_and_store(article: Any, script: Script, voice_name: str) -> StoredAudio:
    """Synthesise sentence by sentence straight into the encoder and a temporary file, so memory
    stays flat however long the story is; then hand the file to the storage backend."""
    voice = load_voice(voice_name)
    newsroom_name = _newsroom_name(article)
    synth_seconds = encode_seconds = 0.0
    with tempfile.TemporaryFile() as out:
        writer = Mp3Writer(
            out,
            sample_rate=sample_rate(voice),
            bitrate_kbps=settings.NARRATION_BITRATE_KBPS,
            title=article.title,
            artist=", ".join(author.title for author in article.authors) or newsroom_name,
            album=newsroom_name,
        )
        pcm = script_pcm(voice, script)
        while True:
            mark = time.perf_counter()
            chunk = next(pcm, None)
            synth_seconds += time.perf_counter() - mark
            if chunk is None:
                break
            mark = time.perf_counter()
            writer.write(chunk)
            encode_seconds += time.perf_counter() - mark
        mark = time.perf_counter()
        writer.close()
        out.seek(0)
        name = default_storage.save(f"narrations/{article.pk}/{script.digest[:12]}.mp3", File(out))
        encode_seconds += time.perf_counter() - mark
        return StoredAudio(name, writer.duration_seconds, writer.bytes_written, synth_seconds, encode_seconds)


def _newsroom_name(article: Any) -> str:
    from newsroom.models import NewsroomSettings

    site = article.get_site()
    return NewsroomSettings.for_site(site).name if site else ""


def _enqueue(article_id: int, *, force: bool = False, run_after: Any = None) -> None:
    from audio.tasks import narrate_article_task

    def send() -> None:
        task = narrate_article_task
        if run_after is not None and task.get_backend().supports_defer:
            task = task.using(run_after=run_after)
        task.enqueue(article_id, force=force)

    transaction.on_commit(send)


def _schedule_retry(narration: Narration) -> None:
    if narration.attempts >= settings.NARRATION_MAX_ATTEMPTS:
        logger.error("narration gave up", extra={"article_id": narration.article_id, "attempts": narration.attempts})
        return
    delay = settings.NARRATION_RETRY_SECONDS * 2 ** (narration.attempts - 1)
    _enqueue(narration.article_id, force=True, run_after=timezone.now() + timedelta(seconds=delay))


def invalidate_article_page(article: Any) -> None:
    """Re-render the article page (now with its player) and the podcast feed for readers.

    Calls the newsroom's page-cache service, which also purges the edge proxy when one is
    configured; the podcast feed is purged from the edge separately.
    """
    try:
        from newsroom.page_cache import purge_pages_showing

        purge_pages_showing(article, reason="narration ready")
    except Exception:
        # A cache that cannot be reached must not turn finished audio into a failure.
        logger.exception("could not purge the article page from the cache", extra={"article_id": article.pk})
    transaction.on_commit(_invalidate_podcast_feed)


def _invalidate_podcast_feed() -> None:
    if not getattr(settings, "WAGTAILFRONTENDCACHE", None):
        return  # no edge proxy: the page cache's generation bump already covers the feed
    try:
        from django.urls import reverse
        from wagtail.contrib.frontend_cache.utils import purge_url_from_cache

        purge_url_from_cache(settings.SITE_URL + reverse("audio:podcast"))
    except Exception:
        logger.exception("could not purge the podcast feed from the cache")


def narrations_recover_stuck(*, older_than: timedelta = timedelta(minutes=30)) -> int:
    """Re-queue narrations left Running by a worker that died, or Queued whose task was lost.

    Run periodically by the worker's clock. Idempotent: a re-queued narration whose audio is
    already current is skipped by the task. Returns how many were re-queued.
    """
    cutoff = timezone.now() - older_than
    stuck = list(
        Narration.objects.filter(status=Narration.Status.RUNNING, started_at__lt=cutoff).values_list(
            "article_id", flat=True
        )
    ) + list(
        Narration.objects.filter(status=Narration.Status.QUEUED, queued_at__lt=cutoff).values_list(
            "article_id", flat=True
        )
    )
    Narration.objects.filter(article_id__in=stuck).update(status=Narration.Status.QUEUED, queued_at=timezone.now())
    for article_id in stuck:
        _enqueue(article_id)
    return len(stuck)
