from __future__ import annotations

from datetime import timedelta

import pytest
from django.core.management import call_command
from django.test import override_settings
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from lib.periodic import enqueue_due
from newsroom.models import ArticlePage

DB_TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default", "narration", "email"]}}


@pytest.mark.django_db(transaction=True)
def test_a_scheduled_story_goes_live_through_the_worker_without_a_person(newsroom, settings):
    article = newsroom.add_article("Embargoed budget story", live=False)
    # An editor schedules it for a moment that has now passed (as at 10:00 when the clock ticks).
    article.go_live_at = timezone.now() - timedelta(seconds=5)
    article.save_revision(approved_go_live_at=article.go_live_at)
    assert not ArticlePage.objects.get(pk=article.pk).live

    with override_settings(TASKS=DB_TASKS):
        enqueued = enqueue_due(settings.PERIODIC_TASKS, {}, now=0.0)
        assert "newsroom.tasks.publish_scheduled_pages" in enqueued  # other apps add periodic tasks too
        assert (
            DBTaskResult.objects.filter(task_path="newsroom.tasks.publish_scheduled_pages", status="READY").count() == 1
        )
        call_command("db_worker", batch=True, queue_name="*", startup_delay=False, reload=False, verbosity=0)

    assert ArticlePage.objects.get(pk=article.pk).live
    assert DBTaskResult.objects.get(task_path="newsroom.tasks.publish_scheduled_pages").status == "SUCCESSFUL"


@pytest.mark.django_db
def test_the_clock_enqueues_each_task_once_per_tick(monkeypatch):
    calls = []

    class FakeTask:
        def enqueue(self):
            calls.append(1)

    monkeypatch.setattr("lib.periodic.import_string", lambda path: FakeTask())
    schedule = {"x.task": 60}
    assert enqueue_due(schedule, {}, now=960.0) == ["x.task"]  # tick 16
    assert enqueue_due(schedule, {}, now=1019.0) == []  # tick 16 again, from a second clock
    assert enqueue_due(schedule, {}, now=1020.0) == ["x.task"]  # tick 17
    assert len(calls) == 2


@pytest.mark.django_db
def test_scheduled_publishing_never_runs_while_another_run_holds_the_lock(newsroom):
    from lib.locks import acquire, release
    from newsroom.tasks import publish_scheduled_pages

    article = newsroom.add_article("Embargoed budget story", live=False)
    article.go_live_at = timezone.now() - timedelta(seconds=5)
    article.save_revision(approved_go_live_at=article.go_live_at)

    assert acquire("newsroom.publish_scheduled_pages", seconds=60, holder="the other worker")
    assert publish_scheduled_pages.call().startswith("skipped")
    assert not ArticlePage.objects.get(pk=article.pk).live  # the other run publishes it, not this one

    release("newsroom.publish_scheduled_pages", holder="the other worker")
    publish_scheduled_pages.call()
    assert ArticlePage.objects.get(pk=article.pk).live


@pytest.mark.django_db
def test_a_lock_left_by_a_dead_worker_expires(newsroom):
    from lib.locks import acquire

    assert acquire("newsroom.publish_scheduled_pages", seconds=0, holder="a worker that died")
    assert acquire("newsroom.publish_scheduled_pages", seconds=60, holder="the next worker")
    assert not acquire("newsroom.publish_scheduled_pages", seconds=60, holder="a third")
