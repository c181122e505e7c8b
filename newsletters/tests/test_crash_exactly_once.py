"""Kill the sending worker with SIGKILL at random moments, restart it, and check that every
subscriber received the issue exactly once — in every trial.

The worker is a real process running `send_newsletter_issue` against a SQLite file copied from
the test database; the SMTP server is the dev mailbox with a small delay per message, so kills
land in the middle of batches and of SMTP conversations. To keep the test fast each worker is
forked from a process that has already loaded Django (loading it takes seconds here).
"""

from __future__ import annotations

import os
import random
import re
import signal
import sqlite3
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path

import pytest
from django.conf import settings
from django.db import connection

from newsletters.dev_mailbox import start_mailbox
from newsletters.tests.conftest import add_confirmed, make_issue

ROOT = Path(__file__).resolve().parents[2]
SUBSCRIBERS = 30
TRIALS = 10
# Forks one worker per line on stdin, reports its pid, reaps it and reports how it ended.
ZYGOTE = """
import io, os, sys, django
django.setup()
from django.core.management import call_command
from django.template.loader import get_template
from django.urls import reverse
import newsletters.management.commands.send_newsletter_issue
reverse("newsletters:index")  # loads every URL module once, before forking
get_template("newsletters/email/issue.html"), get_template("newsletters/email/issue.txt")
for _line in sys.stdin:
    pid = os.fork()
    if pid == 0:
        try:
            call_command("send_newsletter_issue", *sys.argv[1:], verbosity=0, stdout=io.StringIO())
            os._exit(0)
        except BaseException:
            import traceback
            traceback.print_exc()
            os._exit(1)
    print("pid", pid, flush=True)
    _pid, status = os.waitpid(pid, 0)
    print("exit", os.waitstatus_to_exitcode(status), flush=True)
"""
MESSAGE_ID = re.compile(rb"^Message-ID: <issue(\d+)\.sub(\d+)\.", re.M | re.I)


def _copy_test_database(target: Path) -> None:
    """The worker process needs the schema and this test's rows in a file it can open."""
    # iterdump, not backup(): it sees this test's uncommitted rows (backup() waits forever
    # on a source with an open write transaction).
    connection.ensure_connection()
    destination = sqlite3.connect(target)
    try:
        destination.executescript("\n".join(connection.connection.iterdump()))
    finally:
        destination.close()


_parsed: dict[Path, tuple[int, int]] = {}


def _deliveries_per_subscriber(directory: Path, issue_id: int) -> Counter[int]:
    counts: Counter[int] = Counter()
    for path in directory.glob("*.eml"):
        if path not in _parsed:  # each stored message is read once
            match = MESSAGE_ID.search(path.read_bytes().split(b"\r\n\r\n", 1)[0])
            _parsed[path] = (int(match.group(1)), int(match.group(2))) if match else (0, 0)
        if _parsed[path][0] == issue_id:
            counts[_parsed[path][1]] += 1
    return counts


def _received(directory: Path, issue_id: int) -> int:
    return sum(_deliveries_per_subscriber(directory, issue_id).values())


@pytest.mark.django_db
def test_on_sqlite_every_subscriber_gets_each_issue_exactly_once_however_often_the_worker_is_killed(tmp_path, morning):
    if connection.vendor != "sqlite":
        pytest.skip("This variant copies the SQLite test database; the PostgreSQL variant runs instead.")
    subscribers = add_confirmed(morning, SUBSCRIBERS)
    issues = [make_issue(morning, subject=f"Trial {n}") for n in range(TRIALS)]
    database = tmp_path / "crash.sqlite3"
    _copy_test_database(database)
    _kill_and_restart(tmp_path, f"sqlite:///{database}", subscribers, issues)


@pytest.mark.django_db(transaction=True)
def test_on_postgresql_every_subscriber_gets_each_issue_exactly_once_however_often_the_worker_is_killed(
    tmp_path, morning
):
    if connection.vendor != "postgresql":
        pytest.skip("This variant shares the PostgreSQL test database with the worker process.")
    subscribers = add_confirmed(morning, SUBSCRIBERS)
    issues = [make_issue(morning, subject=f"Trial {n}") for n in range(TRIALS)]
    db = connection.settings_dict
    url = f"postgres://{db['USER']}:{db['PASSWORD']}@{db['HOST']}:{db['PORT']}/{db['NAME']}"
    _kill_and_restart(tmp_path, url, subscribers, issues)


def _kill_and_restart(tmp_path: Path, database_url: str, subscribers: list, issues: list) -> None:  # type: ignore[type-arg]
    mailbox = tmp_path / "mailbox"
    controller = start_mailbox(mailbox, delay=0.01)
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.settings",
        "DEBUG": "0",
        "SECRET_KEY": settings.SECRET_KEY,
        "DATABASE_URL": database_url,
        "EMAIL_HOST": "127.0.0.1",
        "EMAIL_PORT": str(controller.port),
        "NEWSLETTERS_DELIVERY_CHECK_DIR": str(mailbox),
        "NEWSLETTERS_SETTLE_MS": "100",
        "REDIS_URL": "",
        # One host without Redis: say so, or the worker's system checks stop it (lib.E001).
        "SINGLE_HOST": "1",
        "CACHE_DIR": str(tmp_path / "cache"),
        "LOG_LEVEL": "ERROR",
    }
    rng = random.Random(20261125)
    issue_args = [*[str(i.pk) for i in issues], "--batch-size", "7"]
    zygote = subprocess.Popen(
        [sys.executable, "-c", ZYGOTE, *issue_args],
        cwd=ROOT,
        env=env,
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    assert zygote.stdin is not None and zygote.stdout is not None

    def start_worker() -> int:
        zygote.stdin.write("run\n")  # type: ignore[union-attr]
        zygote.stdin.flush()  # type: ignore[union-attr]
        return int(zygote.stdout.readline().split()[1])  # type: ignore[union-attr]

    def exit_code() -> int:
        return int(zygote.stdout.readline().split()[1])  # type: ignore[union-attr]

    kills = 0
    try:
        # The worker sends the trials' issues in turn; it is killed inside every issue's send
        # (twice in every third), and each restart picks up where the dead one stopped.
        for trial, issue in enumerate(issues):
            for _kill in range(2 if trial % 3 == 2 else 1):
                target = _received(mailbox, issue.pk) + rng.randint(1, 10)
                pid = start_worker()
                deadline = time.monotonic() + 60
                while _received(mailbox, issue.pk) < target and time.monotonic() < deadline:
                    time.sleep(0.005)
                time.sleep(rng.random() * 0.02)  # land anywhere within a message's hand-off
                os.kill(pid, signal.SIGKILL)
                assert exit_code() == -signal.SIGKILL, "the worker finished before it could be killed"
                kills += 1
        start_worker()
        assert exit_code() == 0, "the last worker failed; its traceback is above"
        for trial, issue in enumerate(issues):
            counts = _deliveries_per_subscriber(mailbox, issue.pk)
            assert set(counts) == {s.pk for s in subscribers}, f"trial {trial}: someone missed the issue"
            assert set(counts.values()) == {1}, f"trial {trial}: duplicates {[k for k, v in counts.items() if v > 1]}"
    finally:
        zygote.stdin.close()
        zygote.wait(timeout=30)
        controller.stop()
    assert kills >= TRIALS
