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


def test_the_clock_enqueues_each_task_once_per_interval(monkeypatch):
    calls = []

    class FakeTask:
        def enqueue(self):
            calls.append(1)

    monkeypatch.setattr("lib.periodic.import_string", lambda path: FakeTask())
    last: dict[str, float] = {}
    schedule = {"x.task": 60}
    assert enqueue_due(schedule, last, now=1000.0) == ["x.task"]
    assert enqueue_due(schedule, last, now=1059.0) == []
    assert enqueue_due(schedule, last, now=1060.0) == ["x.task"]
    assert len(calls) == 2
