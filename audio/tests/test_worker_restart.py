"""A narration worker that stops, politely or not, never leaves a story without audio for long.

Real worker processes (`manage.py run_worker`, as `make run` starts them) narrate a long story
from a SQLite file copied from the test database: the first is killed with SIGKILL mid-story,
the next one reclaims the row as it starts (its pid is gone) and is stopped with SIGTERM
mid-story, handing the row back; a third finishes it. Issue 15.6.
"""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest
from django.conf import settings
from django.db import connection
from django.test import override_settings

from audio.tasks import narrate_article_task
from tests.support.newsroom import paragraphs

ROOT = Path(__file__).resolve().parents[2]
DB_TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default", "narration", "email"]}}
# Long enough that the worker is still reading it when the test stops the worker.
BODY = paragraphs(
    *[
        f"Paragraph {n}: the harbour authority in Sorvik said on Tuesday that the night ferry would sail "
        "again after a week in dock, and that the crossing would take about four hours in calm weather."
        for n in range(1, 11)
    ]
)


def _copy_test_database(target: Path) -> None:
    # iterdump sees this test's uncommitted rows (see newsletters/tests/test_crash_exactly_once.py).
    connection.ensure_connection()
    destination = sqlite3.connect(target)
    try:
        # The search index's FTS5 table cannot be restored statement by statement; the worker
        # does not search, so it and its triggers are left out.
        statements = [s for s in connection.connection.iterdump() if "indexentry_fts" not in s]
        destination.executescript("\n".join(statements))
    finally:
        destination.close()


def _row(database: Path, article_id: int) -> tuple[str, str, int]:
    with sqlite3.connect(database, timeout=30) as db:
        return db.execute(
            "SELECT status, claimed_by, attempts FROM audio_narration WHERE article_id = ?", [article_id]
        ).fetchone()


def _ready_tasks(database: Path) -> int:
    with sqlite3.connect(database, timeout=30) as db:
        return db.execute(
            "SELECT COUNT(*) FROM django_tasks_database_dbtaskresult WHERE status = 'READY' "
            "AND task_path = 'audio.tasks.narrate_article_task'"
        ).fetchone()[0]


def worker_env(tmp_path: Path, database: Path, log_level: str = "ERROR") -> dict[str, str]:
    """The environment of a worker process on the copied database, as production runs it."""
    return {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.settings",
        "DEBUG": "0",
        "SECRET_KEY": settings.SECRET_KEY,
        "DATABASE_URL": f"sqlite:///{database}",
        "MEDIA_ROOT": str(tmp_path / "media"),
        "REDIS_URL": "",
        # One host without Redis: say so, or the worker's system checks stop it (lib.E001).
        "SINGLE_HOST": "1",
        "CACHE_DIR": str(tmp_path / "cache"),
        "LOG_LEVEL": log_level,
    }


def _wait_for(condition, what: str, timeout: float = 240) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            pytest.fail(f"timed out waiting for {what}")
        time.sleep(0.2)


@pytest.mark.slow
@pytest.mark.django_db
def test_a_killed_or_stopped_worker_hands_its_narration_to_the_next(tmp_path, newsroom):
    if connection.vendor != "sqlite":
        pytest.skip("This test copies the SQLite test database for the worker processes.")
    article = newsroom.add_article("Night ferry sails again", body=BODY)
    with override_settings(TASKS=DB_TASKS):
        from audio import services

        services.narration_request(article=article, force=True)
        narrate_article_task.enqueue(article.pk)  # narration_request's own enqueue waits for a commit
    database = tmp_path / "worker.sqlite3"
    _copy_test_database(database)
    env = worker_env(tmp_path, database)

    def start(*command: str) -> subprocess.Popen[bytes]:
        return subprocess.Popen([sys.executable, "manage.py", *command], cwd=ROOT, env=env)

    worker = ["run_worker", "--queues", "narration", "--no-clock", "--interval", "0.2", "-v", "0"]
    first = start(*worker)
    try:
        _wait_for(lambda: _row(database, article.pk)[0] == "running", "the first worker to start narrating")
        first.send_signal(signal.SIGKILL)
        assert first.wait(timeout=30) == -signal.SIGKILL
        assert _row(database, article.pk)[0] == "running"  # the dead worker's claim is left behind

        second = start(*worker)
        try:
            # The new worker reclaims the row as it starts (the claimer's pid is gone) and reads it.
            _wait_for(
                lambda: _row(database, article.pk)[0] == "running" and str(second.pid) in _row(database, article.pk)[1],
                "the second worker to reclaim the narration",
            )
            time.sleep(1)
            second.send_signal(signal.SIGTERM)
            assert second.wait(timeout=60) == 0, "a stopping worker exits cleanly"
        finally:
            if second.poll() is None:
                second.kill()
        status, claimed_by, attempts = _row(database, article.pk)
        assert (status, claimed_by) == ("queued", ""), "the stopping worker hands its narration back"
        assert attempts == 1, "the handed-back run does not count; the killed one does"
        assert _ready_tasks(database) == 1, "and queues it for the next worker at once"

        third = start("db_worker", "--batch", "--queue-name", "narration", "--no-startup-delay", "-v", "0")
        assert third.wait(timeout=600) == 0
    finally:
        if first.poll() is None:
            first.kill()
    assert _row(database, article.pk)[0] == "ready"
