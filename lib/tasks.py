"""Housekeeping tasks of the shared library, run by the clock (settings.PERIODIC_TASKS)."""

from __future__ import annotations

from datetime import timedelta

from django.conf import settings
from django.tasks import TaskResultStatus, task
from django.utils import timezone

# Rows deleted per statement: keeps each SQLite write short, so web requests never wait long.
BATCH = 1000
# Clock ticks are only needed while a clock could still claim them; a day is plenty.
TICK_RETENTION = timedelta(days=1)


@task()
def prune_task_results() -> str:
    """Delete finished task results older than TASK_RESULT_RETENTION_DAYS, expired rate-limit
    counters and old clock ticks. Ready and running tasks are never touched. Idempotent."""
    from django_tasks_db.models import DBTaskResult

    from lib.models import PeriodicTick, RateLimitCounter

    now = timezone.now()
    cutoff = now - timedelta(days=settings.TASK_RESULT_RETENTION_DAYS)
    finished = DBTaskResult.objects.filter(
        status__in=[TaskResultStatus.SUCCESSFUL, TaskResultStatus.FAILED], finished_at__lt=cutoff
    )
    results = 0
    while True:
        ids = list(finished.order_by().values_list("id", flat=True)[:BATCH])
        if not ids:
            break
        results += DBTaskResult.objects.filter(id__in=ids).delete()[0]
    counters = RateLimitCounter.objects.filter(expires_at__lt=now).delete()[0]
    ticks = PeriodicTick.objects.filter(enqueued_at__lt=now - TICK_RETENTION).delete()[0]
    return f"deleted {results} task results, {counters} rate-limit counters, {ticks} clock ticks"
