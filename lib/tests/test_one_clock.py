"""Two real workers, one clock: each periodic tick is enqueued once and a scheduled story is
published once, however many `manage.py run_worker` processes run their clocks."""

from __future__ import annotations

import subprocess
import sys
import threading
import time
from datetime import timedelta
from pathlib import Path

import pytest
from django.utils import timezone

from lib.tests.processes import ROOT, fetch, process_env, shared_database_url

SAMPLE = "lib.tests.sample_tasks.periodic_sample"
PUBLISH = "newsroom.tasks.publish_scheduled_pages"
# Both tasks are due once an hour, so the whole test sits inside one tick of each: every clock
# that starts wants to enqueue both, and exactly one of them may.
CLUSTER_SETTINGS = f"""
from config.settings import *  # noqa
PERIODIC_TASKS = {{"{SAMPLE}": 3600, "{PUBLISH}": 3600}}
PERIODIC_CLOCK_SECONDS = 0.2
LOGGING["root"]["level"] = "WARNING"
LOGGING["loggers"]["masthead.periodic"] = {{"level": "INFO"}}
"""


class Worker:
    def __init__(self, env: dict[str, str]) -> None:
        self.process = subprocess.Popen(
            [sys.executable, "manage.py", "run_worker", "--queues", "default", "--interval", "0.2"],
            cwd=ROOT,
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
        )
        self.lines: list[str] = []
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self) -> None:
        assert self.process.stdout is not None
        for line in self.process.stdout:
            self.lines.append(line)

    def decided(self, task: str) -> bool:
        """This worker's clock has enqueued `task` or seen that another clock did."""
        return any(f'"task": "{task}"' in line for line in list(self.lines))

    def stop(self) -> None:
        self.process.terminate()
        try:
            self.process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()


def _wait(condition, timeout: float) -> bool:  # type: ignore[no-untyped-def]
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.2)
    return False


@pytest.mark.slow
@pytest.mark.django_db(transaction=True)
def test_two_workers_enqueue_each_tick_once_and_publish_a_scheduled_story_once(newsroom, tmp_path: Path):
    article = newsroom.add_article("Embargoed budget story", live=False)
    article.go_live_at = timezone.now() - timedelta(seconds=5)
    article.save_revision(approved_go_live_at=article.go_live_at)
    database = shared_database_url(tmp_path)
    (tmp_path / "cluster_settings.py").write_text(CLUSTER_SETTINGS)
    env = process_env(
        database,
        DJANGO_SETTINGS_MODULE="cluster_settings",
        PYTHONPATH=f"{tmp_path}:{ROOT}",
        TASKS_BACKEND="django_tasks_db.DatabaseBackend",
        LOG_LEVEL="WARNING",
    )

    workers = [Worker(env), Worker(env)]
    try:
        both_decided = _wait(lambda: all(w.decided(SAMPLE) and w.decided(PUBLISH) for w in workers), timeout=240)

        def published_and_idle() -> bool:
            live = fetch(database, "SELECT live FROM wagtailcore_page WHERE id = ?", [article.pk])
            waiting = fetch(
                database,
                "SELECT COUNT(*) FROM django_tasks_database_dbtaskresult "
                "WHERE queue_name = 'default' AND status IN ('READY', 'RUNNING')",
            )
            return bool(live and live[0][0]) and waiting[0][0] == 0

        idle = _wait(published_and_idle, timeout=120)
    finally:
        for worker in workers:
            worker.stop()
    output = "".join([*workers[0].lines, "\n--- second worker ---\n", *workers[1].lines])
    assert both_decided and idle, output

    enqueued = dict(
        fetch(
            database,
            "SELECT task_path, COUNT(*) FROM django_tasks_database_dbtaskresult "
            "WHERE task_path IN (?, ?) GROUP BY task_path",
            [SAMPLE, PUBLISH],
        )
    )
    assert enqueued == {SAMPLE: 1, PUBLISH: 1}, output  # each clock enqueued both before
    publishes = fetch(
        database,
        "SELECT COUNT(*) FROM wagtailcore_pagelogentry WHERE page_id = ? AND action = 'wagtail.publish.scheduled'",
        [article.pk],
    )
    assert publishes[0][0] == 1
