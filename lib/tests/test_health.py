from datetime import timedelta
from unittest import mock

import pytest
from django.db import OperationalError, connection
from django.test import override_settings
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from lib.tasks import prune_task_results
from lib.tests.sample_tasks import record_visit

DB_TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}


def _enqueue(n: int) -> list[str]:
    with override_settings(TASKS=DB_TASKS):
        return [str(record_visit.enqueue(f"page {i}").id) for i in range(n)]


@pytest.mark.django_db
def test_healthz_reports_database_and_task_queue(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    body = response.json()
    assert body["status"] == "ok"
    assert body["database"] == {"ok": True}
    assert body["tasks"] == {"ok": True, "oldest_ready_seconds": None}


@pytest.mark.django_db
def test_healthz_answers_503_when_the_database_is_unreachable(client):
    with mock.patch("lib.health.connection.cursor", side_effect=OperationalError("connection refused")):
        response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json()["database"]["ok"] is False


@pytest.mark.django_db
def test_healthz_reads_one_row_of_the_task_table_and_never_counts_it(client):
    ids = _enqueue(5)
    DBTaskResult.objects.filter(id=ids[0]).update(enqueued_at=timezone.now() - timedelta(minutes=10))
    with CaptureQueriesContext(connection) as queries:
        body = client.get("/healthz").json()
    assert body["tasks"]["oldest_ready_seconds"] >= 600
    table = DBTaskResult._meta.db_table
    on_tasks = [q["sql"] for q in queries.captured_queries if table in q["sql"]]
    assert len(queries.captured_queries) == 2  # SELECT 1, then the oldest ready task
    assert len(on_tasks) == 1
    assert "COUNT(" not in on_tasks[0].upper()
    assert "LIMIT 1" in on_tasks[0].upper()
    assert "ORDER BY" in on_tasks[0].upper() and "enqueued_at" in on_tasks[0]


@pytest.mark.django_db
def test_pruning_removes_old_finished_results_and_keeps_new_and_unfinished(settings):
    settings.TASK_RESULT_RETENTION_DAYS = 14
    old_done, old_failed, new_done, old_ready, old_running = _enqueue(5)
    long_ago = timezone.now() - timedelta(days=15)
    DBTaskResult.objects.filter(id=old_done).update(status="SUCCESSFUL", finished_at=long_ago)
    DBTaskResult.objects.filter(id=old_failed).update(status="FAILED", finished_at=long_ago)
    DBTaskResult.objects.filter(id=new_done).update(status="SUCCESSFUL", finished_at=timezone.now())
    DBTaskResult.objects.filter(id=old_ready).update(enqueued_at=long_ago)
    DBTaskResult.objects.filter(id=old_running).update(status="RUNNING", started_at=long_ago)

    prune_task_results.call()

    kept = {str(pk) for pk in DBTaskResult.objects.values_list("id", flat=True)}
    assert kept == {new_done, old_ready, old_running}
    assert "lib.tasks.prune_task_results" in settings.PERIODIC_TASKS
