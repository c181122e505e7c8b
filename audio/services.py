"""Narration: request it when an article is published, produce it in the worker, withdraw it.

Publishing never waits for audio and never fails because of it: the request only compares the
spoken text's hash and enqueues a task after commit; the task does the slow work and retries
with backoff when it fails.
"""

from __future__ import annotations

import logging
import signal
import tempfile
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import closing, contextmanager
from dataclasses import dataclass
from datetime import timedelta
from typing import Any

from django.conf import settings
from django.core.files import File
from django.core.files.storage import default_storage
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.crypto import get_random_string

from audio import part_cache
from audio.models import Narration
from audio.mp3 import Mp3Writer
from audio.synthesis import PartAudio, load_voice, narration_threads, sample_rate, script_pcm
from audio.text_preparation import Script, prepare_article
from lib import worker_identity

logger = logging.getLogger("masthead.audio")

# A running narration's worker records a heartbeat this often; a row whose heartbeat is older
# than the lease belongs to a worker that is gone (killed, or on a host that died), as in
# newsletters/sending.py. One sentence of synthesis takes well under a second.
HEARTBEAT = timedelta(seconds=15)
LEASE = timedelta(minutes=2)
# The rows a worker narrates carry its identity (lib/worker_identity.py: host, pid, token).
worker_id = worker_identity.worker_id


class NarrationInterrupted(Exception):
    """The worker was asked to stop (SIGTERM/SIGINT) while narrating: the row is handed back."""


@dataclass(frozen=True)
class NarrationResult:
    """What one narration run did: "done", "skipped" (nothing to do) or "failed"."""

    outcome: str
    narration: Narration | None = None
    detail: str = ""
    spoken_parts: int = 0  # parts the voice synthesised in this run
    cached_parts: int = 0  # parts read from the part cache (audio/part_cache.py)


def narration_request(*, article: Any, force: bool = False) -> Narration | None:
    """Queue narration of a published article if its spoken text (or voice) changed.

    Idempotent: publishing the same text again makes no new audio. Returns the narration row, or
    None when the article has narration switched off. The task is enqueued after commit.
    """
    if not article.narration_enabled:
        return None
    if article_is_private(article):
        narration_withdraw(article_id=article.pk)
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


def article_is_private(article: Any) -> bool:
    """True when the article or one of its ancestors (its section, home) has a Wagtail view
    restriction (password, sign-in or groups). A private article is never narrated: its words
    would reach the public through the MP3 and the podcast feed. Reads the database."""
    return bool(article.get_view_restrictions().exists())


def narrations_follow_privacy(*, page_id: int) -> int:
    """After a view restriction on `page_id` was added, changed or removed: withdraw the audio of
    every article under it that is now private, and queue narration for those public again.

    Idempotent. Returns how many articles were looked at."""
    from wagtail.models import Page

    from newsroom.models import ArticlePage
    from newsroom.selectors import is_private, private_paths

    page = Page.objects.filter(pk=page_id).first()
    if page is None:
        return 0
    paths = private_paths(fresh=True)
    articles = list(
        ArticlePage.objects.live().descendant_of(page, inclusive=True).only("id", "path", "narration_enabled")
    )
    for article in articles:
        if is_private(article, paths=paths):
            narration_withdraw(article_id=article.pk)
        elif article.narration_enabled and not Narration.objects.filter(article_id=article.pk).exists():
            _enqueue(article.pk)
    return len(articles)


# A draft's parts are spoken this long after the editor saves it: a burst of saves makes one
# run, for the newest revision (each older one finds itself superseded and stops).
DRAFT_SETTLE = timedelta(seconds=10)
# Below every narration of a published story (99 down to -100 by age, `_priority`), so a draft
# never delays a reader's audio; it also stops between parts when one is waiting.
DRAFT_PRIORITY = -100


def draft_saved(*, page_id: int, revision_id: int, saved_at: str) -> None:
    """A revision of an article was saved (a draft, a scheduled publication, or a publish), or
    overwritten: Wagtail's editor autosaves into the editor's latest revision as they type, which
    keeps its id and moves its `created_at` (`saved_at`, ISO 8601). After commit, queue speaking
    that content's parts into the part cache, so that publishing it later leaves only the parts
    edited since to synthesise. A revision that is already live is narrated by the publish."""
    if not settings.NARRATION_DRAFTS or not part_cache.enabled():
        return

    def send() -> None:
        from wagtail.models import Page

        if not Page.objects.filter(pk=page_id, live_revision_id=revision_id).exists():
            _queue_draft(page_id, revision_id, saved_at)

    transaction.on_commit(send)


def _queue_draft(page_id: int, revision_id: int, saved_at: str, *, again: bool = False) -> None:
    """Enqueue speaking a revision DRAFT_SETTLE from now. `again` (a run that stopped for readers
    or for a worker's stop) only where the backend can defer, so a backend that runs tasks at
    once never loops."""
    from audio.tasks import prenarrate_draft_task

    task = prenarrate_draft_task.using(priority=DRAFT_PRIORITY)
    if task.get_backend().supports_defer:
        task = task.using(run_after=timezone.now() + DRAFT_SETTLE)
    elif again:
        return
    task.enqueue(page_id, revision_id, saved_at)


def prenarrate_draft(*, page_id: int, revision_id: int, saved_at: str) -> NarrationResult:
    """Speak the parts of an article's newest revision that the part cache does not have yet.

    Nothing is published: no Narration row, no MP3, no URL; the speech stays on the narration
    host's disk (audio/part_cache.py) until the story is published and narrated, which then
    reads it from there. Skipped for a private article (it is never narrated) and for content
    saved over since (a newer revision, or an autosave into the same one: its own run speaks
    it). Stops between parts when the worker is asked to stop, when a
    newer revision is saved, or when a published story's narration is waiting (readers first);
    a later save or the publish itself picks up what is left."""
    from newsroom.models import ArticlePage

    article = ArticlePage.objects.filter(pk=page_id).first()
    if article is None:
        return NarrationResult("skipped", detail="The article no longer exists.")
    if _superseded(page_id, revision_id, saved_at):
        return NarrationResult("skipped", detail="A newer revision was saved; its own run speaks it.")
    if article_is_private(article):
        return NarrationResult("skipped", detail="The article is private (it has a view restriction).")
    draft = article.get_latest_revision_as_object()
    if not draft.narration_enabled:
        return NarrationResult("skipped", detail="Narration is switched off for this article.")
    script = prepare_article(draft)
    voice_name = settings.NARRATION_VOICE
    parts = PartAudio(load_voice(voice_name), voice_name=voice_name)
    to_speak = [part for part in script.parts if not parts.is_kept(part.text)]
    with _stop_requests() as stop:
        for part in to_speak:
            if _superseded(page_id, revision_id, saved_at):
                return NarrationResult("skipped", detail="A newer revision was saved; its own run speaks it.")
            if stop.is_set() or _readers_waiting():
                transaction.on_commit(lambda: _queue_draft(page_id, revision_id, saved_at, again=True))
                return NarrationResult(
                    "interrupted",
                    detail=f"Stopped after {parts.spoken} of {len(to_speak)} new parts; queued again.",
                    spoken_parts=parts.spoken,
                )
            parts.whole(part.text)
    part_cache.prune()
    return NarrationResult(
        "done",
        detail=f"{parts.spoken} new parts spoken, {len(script.parts) - len(to_speak)} already kept.",
        spoken_parts=parts.spoken,
        cached_parts=len(script.parts) - len(to_speak),
    )


def _readers_waiting() -> bool:
    """A published story's narration task is due on the queue, so the worker should take it now.
    Asks the queue, not the Narration rows: a row can stay Queued with no task behind it (one
    lost with a crashed database), and a draft must not wait for that. A backend that runs tasks
    as they are enqueued never has one waiting."""
    from django_tasks_db.backend import DatabaseBackend
    from django_tasks_db.models import DBTaskResult

    from audio.tasks import narrate_article_task

    if not isinstance(narrate_article_task.get_backend(), DatabaseBackend):
        return False
    return DBTaskResult.objects.ready().filter(task_path=narrate_article_task.module_path).exists()


def _superseded(page_id: int, revision_id: int, saved_at: str) -> bool:
    """Whether what was saved at `saved_at` is no longer the article's newest content."""
    from wagtail.models import Page, Revision

    if not Page.objects.filter(pk=page_id, latest_revision_id=revision_id).exists():
        return True
    created_at = Revision.objects.filter(pk=revision_id).values_list("created_at", flat=True).first()
    return created_at is None or created_at.isoformat() != saved_at


def narration_withdraw(*, article_id: int) -> None:
    """Stop serving an article's audio (it was unpublished, or became private): the row and the
    file go, and the pages and podcast feed that showed it are re-rendered."""
    narration = Narration.objects.filter(article_id=article_id).first()
    if narration is None:
        return
    name = narration.audio.name
    narration.delete()
    if name:
        transaction.on_commit(lambda: default_storage.delete(name))
    try:
        from newsroom.page_cache import invalidate_reader_pages

        invalidate_reader_pages(reason=f"narration of article {article_id} withdrawn")
    except Exception:
        logger.exception("could not invalidate the page cache", extra={"article_id": article_id})
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
        # Switched off after it was queued: no row may stay Queued with nothing to come of it.
        narration_withdraw(article_id=article_id)
        return NarrationResult("skipped", detail="Narration is switched off for this article.")
    if article_is_private(article):
        narration_withdraw(article_id=article_id)
        return NarrationResult("skipped", detail="The article is private (it has a view restriction).")

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

    me = worker_id()
    Narration.objects.filter(pk=narration.pk).update(
        status=Narration.Status.RUNNING,
        attempts=narration.attempts + 1,
        started_at=timezone.now(),
        heartbeat_at=timezone.now(),
        claimed_by=me,
        text_hash=script.digest,
        voice=voice_name,
    )
    narration.refresh_from_db()
    try:
        with _stop_requests() as stop:
            stored = _render_and_store(
                article, script, voice_name, beat=_heartbeat(narration.pk, me, stop), fresh=force
            )
    except (NarrationInterrupted, KeyboardInterrupt, SystemExit) as exc:
        _hand_back(narration.pk, me)
        if isinstance(exc, NarrationInterrupted):
            return NarrationResult("interrupted", narration, "The worker is stopping; the narration was handed back.")
        raise
    except Exception as exc:
        logger.exception("narration failed", extra={"article_id": article_id, "attempt": narration.attempts})
        narration.status = Narration.Status.FAILED
        narration.error = f"{type(exc).__name__}: {exc}"
        narration.finished_at = timezone.now()
        narration.claimed_by = ""
        narration.save(update_fields=["status", "error", "finished_at", "claimed_by"])
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
    narration.claimed_by = ""
    narration.save()
    if old_name and old_name != stored.name:
        default_storage.delete(old_name)
    invalidate_article_page(article)
    part_cache.prune()
    return NarrationResult(
        "done",
        narration,
        f"{stored.spoken_parts} parts spoken, {stored.cached_parts} from the part cache.",
        spoken_parts=stored.spoken_parts,
        cached_parts=stored.cached_parts,
    )


@dataclass(frozen=True)
class StoredAudio:
    name: str
    duration_seconds: float
    size_bytes: int
    synth_seconds: float
    encode_seconds: float
    spoken_parts: int = 0
    cached_parts: int = 0


_STOP = threading.Event()


@contextmanager
def _stop_requests() -> Iterator[threading.Event]:
    """While narrating in the main thread, SIGTERM and SIGINT also ask the narration to stop at the
    next sentence (the worker's own handler still runs: db_worker then exits after this task)."""
    if threading.current_thread() is not threading.main_thread():
        yield _STOP
        return
    previous: dict[int, Any] = {signum: signal.getsignal(signum) for signum in (signal.SIGTERM, signal.SIGINT)}

    def handler(signum: int, frame: Any) -> None:
        _STOP.set()
        chained = previous[signum]
        if callable(chained):
            chained(signum, frame)
        elif chained == signal.SIG_DFL:
            raise SystemExit(128 + signum)

    _STOP.clear()
    for signum in previous:
        signal.signal(signum, handler)
    try:
        yield _STOP
    finally:
        for signum, chained in previous.items():
            signal.signal(signum, chained)
        _STOP.clear()


def _heartbeat(narration_id: int, me: str, stop: threading.Event) -> Callable[[], None]:
    """Called between sentences: stop when asked, and keep the claim fresh for other workers."""
    last = time.monotonic()

    def beat() -> None:
        nonlocal last
        if stop.is_set():
            raise NarrationInterrupted
        if time.monotonic() - last >= HEARTBEAT.total_seconds():
            last = time.monotonic()
            Narration.objects.filter(pk=narration_id, claimed_by=me).update(heartbeat_at=timezone.now())

    return beat


def _hand_back(narration_id: int, me: str) -> None:
    """The worker stops mid-narration: queue the row again at once, for the next worker. The
    interrupted run does not count as an attempt (nothing went wrong with the story)."""
    handed = Narration.objects.filter(pk=narration_id, claimed_by=me, status=Narration.Status.RUNNING).update(
        status=Narration.Status.QUEUED,
        attempts=F("attempts") - 1,
        claimed_by="",
        heartbeat_at=None,
        queued_at=timezone.now(),
    )
    if handed:
        article_id = Narration.objects.filter(pk=narration_id).values_list("article_id", flat=True).first()
        if article_id is not None:
            _enqueue(article_id)
        logger.info("narration handed back", extra={"article_id": article_id})


def _render_and_store(
    article: Any, script: Script, voice_name: str, *, beat: Callable[[], None] = lambda: None, fresh: bool = False
) -> StoredAudio:
    """Synthesise sentence by sentence straight into the encoder and a temporary file, so memory
    stays flat however long the story is; then hand the file to the storage backend. `beat` is
    called between chunks (heartbeat, stop requests). Parts spoken before in the same words come
    from the part cache, unless `fresh` (Regenerate audio: the editor wants a new rendering)."""
    voice = load_voice(voice_name)
    parts = PartAudio(voice, voice_name=voice_name, read_cache=not fresh)
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
        threads = narration_threads(int(settings.NARRATION_THREADS))
        # closing: a stop request between chunks ends the synthesis threads before we return.
        with closing(script_pcm(voice, script, threads=threads, parts=parts)) as pcm:
            while True:
                beat()
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
        # A new name for every rendering, even of the same text: the name versions the audio URL.
        token = get_random_string(6, allowed_chars="abcdefghijklmnopqrstuvwxyz0123456789")
        name = default_storage.save(f"narrations/{article.pk}/{script.digest[:12]}-{token}.mp3", File(out))
        encode_seconds += time.perf_counter() - mark
        return StoredAudio(
            name,
            writer.duration_seconds,
            writer.bytes_written,
            synth_seconds,
            encode_seconds,
            spoken_parts=parts.spoken,
            cached_parts=parts.cached,
        )


def _newsroom_name(article: Any) -> str:
    from newsroom.models import NewsroomSettings

    site = article.get_site()
    return NewsroomSettings.for_site(site).name if site else ""


def _enqueue(article_id: int, *, force: bool = False, run_after: Any = None) -> None:
    from audio.tasks import narrate_article_task

    def send() -> None:
        task = narrate_article_task.using(priority=_priority(article_id))
        if run_after is not None and task.get_backend().supports_defer:
            task = task.using(run_after=run_after)
        task.enqueue(article_id, force=force)

    transaction.on_commit(send)


def _priority(article_id: int) -> int:
    """Newest story first: the queue's priority falls by one for each hour of the story's age
    (from 99 for a story published this hour to -100), so after a bulk publish (the demo
    newsroom, a migration) the lead story is read first. 100 is kept for taking back what a
    dead narrator held (audio.tasks.recover_stuck_narrations), which must not wait behind a
    backlog. Read after commit, when the story's publication time is final."""
    from newsroom.models import ArticlePage

    published = ArticlePage.objects.filter(pk=article_id).values_list("first_published_at", flat=True).first()
    if published is None:
        return 0
    hours = int((timezone.now() - published).total_seconds() // 3600)
    return max(-100, min(99, 100 - hours))


def _schedule_retry(narration: Narration) -> None:
    if narration.attempts >= settings.NARRATION_MAX_ATTEMPTS:
        logger.error("narration gave up", extra={"article_id": narration.article_id, "attempts": narration.attempts})
        return
    delay = settings.NARRATION_RETRY_SECONDS * 2 ** (narration.attempts - 1)
    # Not forced: a Failed row is narrated anyway, the parts spoken before the failure come from
    # the part cache, and a retry that finds the audio made meanwhile has nothing to do.
    _enqueue(narration.article_id, run_after=timezone.now() + timedelta(seconds=delay))


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


def _owner_is_gone(claimed_by: str, heartbeat_at: Any, now: Any) -> bool:
    """Whether a Running row's worker has stopped (lib/worker_identity.py): its heartbeat is
    older than the lease, or its process on this host no longer exists."""
    return worker_identity.is_gone(claimed_by, heartbeat_at, now, lease=LEASE)


def narrations_recover_stuck(*, older_than: timedelta = timedelta(minutes=30)) -> dict[str, int]:
    """Re-queue narrations whose worker is gone (Running, see `_owner_is_gone`) and narrations
    Queued longer than `older_than` whose task was lost.

    Respects NARRATION_MAX_ATTEMPTS: a narration that has already used every attempt (each run
    that a worker died in counts: the story itself may be what kills it) becomes Failed with a
    sentence saying what to do, instead of being queued again forever. Run by every worker when
    it starts and by the clock. Idempotent. Returns {"requeued": n, "failed": n}.
    """
    now = timezone.now()
    limit = settings.NARRATION_MAX_ATTEMPTS
    running = Narration.objects.filter(status=Narration.Status.RUNNING).values_list(
        "pk", "claimed_by", "heartbeat_at", "started_at", "attempts"
    )
    orphaned = [
        (pk, attempts)
        for pk, claimed_by, heartbeat_at, started_at, attempts in running
        if _owner_is_gone(claimed_by, heartbeat_at or (started_at if not claimed_by else None), now)
    ]
    lost = Narration.objects.filter(status=Narration.Status.QUEUED, queued_at__lt=now - older_than).values_list(
        "pk", "attempts"
    )
    stuck = [*orphaned, *lost]
    exhausted = [pk for pk, attempts in stuck if attempts >= limit]
    again = [pk for pk, attempts in stuck if attempts < limit]
    if exhausted:
        Narration.objects.filter(pk__in=exhausted).update(
            status=Narration.Status.FAILED,
            claimed_by="",
            finished_at=now,
            error=(
                f"The worker stopped while narrating this story {limit} times, so it was not tried again. "
                "Check the worker's log and memory, then choose Regenerate audio."
            ),
        )
        logger.error("stuck narrations gave up", extra={"narrations": exhausted})
    Narration.objects.filter(pk__in=again).update(
        status=Narration.Status.QUEUED, claimed_by="", heartbeat_at=None, queued_at=now
    )
    for article_id in Narration.objects.filter(pk__in=again).values_list("article_id", flat=True):
        _enqueue(article_id)
    return {"requeued": len(again), "failed": len(exhausted)}
