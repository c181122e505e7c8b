"""A worker started for the narration queue loads the voice before its first story (WORKER_WARM_UPS).

A real `run_worker --queues narration`, with no story queued, must say it loaded the voice; a
worker for other queues, or for every queue, must not pay for it."""

from __future__ import annotations

import subprocess
import sys
import time

import pytest
from django.conf import settings
from django.db import connection

from audio.tests.test_worker_restart import ROOT, _copy_test_database, worker_env
from lib.management.commands.run_worker import warm_ups


def test_only_a_worker_named_for_the_narration_queue_warms_it_up():
    assert warm_ups("narration") == ["audio.tasks.warm_up_narration"]
    assert warm_ups("default, narration") == ["audio.tasks.warm_up_narration"]
    assert warm_ups("default,email") == []
    assert warm_ups("*") == []  # a worker for everything loads the voice on its first story


@pytest.mark.slow
@pytest.mark.django_db
def test_the_narration_worker_loads_the_voice_before_any_story(tmp_path):
    if connection.vendor != "sqlite":
        pytest.skip("This test copies the SQLite test database for the worker process.")
    database = tmp_path / "worker.sqlite3"
    _copy_test_database(database)
    env = worker_env(tmp_path, database, log_level="INFO")
    log = tmp_path / "worker.log"
    command = [sys.executable, "manage.py", "run_worker", "--queues", "narration", "--no-clock", "-v", "0"]
    with log.open("wb") as out:
        worker = subprocess.Popen(command, cwd=ROOT, env=env, stdout=out, stderr=subprocess.STDOUT)
    try:
        deadline = time.monotonic() + 120
        while f"Narration voice {settings.NARRATION_VOICE} loaded" not in log.read_text(errors="replace"):
            if worker.poll() is not None or time.monotonic() > deadline:
                pytest.fail(f"the worker did not load the voice as it started:\n{log.read_text(errors='replace')}")
            time.sleep(0.2)
    finally:
        worker.terminate()
        worker.wait(timeout=60)
    assert "narrate_article_task" not in log.read_text(errors="replace"), "no story was queued"
