from __future__ import annotations

import pytest
from django.core.management import call_command
from django.db import transaction
from django.test import override_settings
from django_tasks_db.models import DBTaskResult

from lib.tests.sample_tasks import record_visit

DB_TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}


@pytest.mark.django_db(transaction=True)
def test_a_task_enqueued_on_commit_runs_in_the_worker():
    with override_settings(TASKS=DB_TASKS):
        with transaction.atomic():
            transaction.on_commit(lambda: record_visit.enqueue("front-page"))
            # Nothing is queued while the transaction is open: a rollback would lose nothing.
            assert DBTaskResult.objects.count() == 0
        result = DBTaskResult.objects.get()
        assert result.status == "READY"
        call_command("db_worker", batch=True, queue_name="*", startup_delay=False, reload=False, verbosity=0)
        result.refresh_from_db()
    assert result.status == "SUCCESSFUL"
    assert result.return_value == "visited front-page"


@pytest.mark.django_db(transaction=True)
def test_a_task_enqueued_in_a_rolled_back_transaction_never_runs():
    with override_settings(TASKS=DB_TASKS):
        with pytest.raises(RuntimeError), transaction.atomic():
            transaction.on_commit(lambda: record_visit.enqueue("never"))
            raise RuntimeError("roll back")
        assert DBTaskResult.objects.count() == 0
