"""A worker whose claim lapses (it stalled, it did not die) loses its batch to another worker,
and no subscriber gets two copies when the stalled one wakes up again.

Two real worker processes (`manage.py send_newsletter_issue`) share the test database and the
dev mailbox. The first is frozen with SIGSTOP while the relay holds one of its messages (the
message is complete, the reply not yet sent), so its process is alive and only the lease can
tell it has stopped. After the lease (3 s here) a second worker takes the batch over: the
relay's record settles what the first one handed over, the rest is sent by the second. Then
the first is woken with SIGCONT: it must check that each row is still its own before handing
it over, and send nothing again. Before the claim heartbeat and ownership check (issue 11),
4 of 6 recipients got two copies in this situation.

The cluster test (tests/cluster, `make cluster-test`) covers the other case: a worker killed
mid-send, whose claims are taken back at once because its process is gone.
"""

from __future__ import annotations

import asyncio
import email
import os
import signal
import subprocess
import sys
import threading
import time
from collections import Counter
from pathlib import Path

import pytest

from lib.tests.processes import ROOT, fetch, process_env, shared_database_url
from newsletters.dev_mailbox import MailboxHandler, free_port
from newsletters.tests.conftest import add_confirmed, make_issue

SUBSCRIBERS = 30
BATCH = 15
FREEZE_AT = 5  # the first worker is frozen while the relay holds its fifth message
LEASE_SECONDS = 3


class HoldingMailbox(MailboxHandler):
    """The dev mailbox, but the FREEZE_AT-th message waits (before it is stored) until the test
    has frozen its sender."""

    def __init__(self, directory: Path) -> None:
        super().__init__(directory)
        self.arrived = threading.Event()
        self.release = threading.Event()

    async def handle_DATA(self, server, session, envelope):  # type: ignore[no-untyped-def]
        if self.received == FREEZE_AT - 1 and not self.release.is_set():
            self.arrived.set()
            while not self.release.is_set():
                await asyncio.sleep(0.01)
        return await super().handle_DATA(server, session, envelope)


def _received(directory: Path) -> Counter[str]:
    counts: Counter[str] = Counter()
    for path in directory.glob("*.eml"):
        rcpt = email.message_from_bytes(path.read_bytes()).get("X-Mailbox-Rcpt", "")
        counts[str(rcpt).strip().lower()] += 1
    return counts


@pytest.mark.slow
@pytest.mark.django_db(transaction=True)
def test_a_stalled_workers_lapsed_claim_is_taken_over_and_nobody_gets_two_copies(tmp_path, morning):
    from aiosmtpd.controller import Controller

    subscribers = add_confirmed(morning, SUBSCRIBERS)
    issue = make_issue(morning, subject="Lease takeover")
    database = shared_database_url(tmp_path)
    mailbox_dir = tmp_path / "mailbox"
    handler = HoldingMailbox(mailbox_dir)
    port = free_port()
    relay = Controller(handler, hostname="127.0.0.1", port=port)
    relay.start()
    env = process_env(
        database,
        EMAIL_HOST="127.0.0.1",
        EMAIL_PORT=str(port),
        NEWSLETTERS_DELIVERY_CHECK_DIR=str(mailbox_dir),
        NEWSLETTERS_CLAIM_LEASE_SECONDS=str(LEASE_SECONDS),
        NEWSLETTERS_SETTLE_MS="200",
        EMAIL_TIMEOUT="60",  # the frozen worker's connection must survive its freeze
    )
    command = [sys.executable, "manage.py", "send_newsletter_issue", str(issue.pk), "--batch-size", str(BATCH)]
    first = subprocess.Popen(command, cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    try:
        assert handler.arrived.wait(timeout=120), "the first worker never reached the relay"
        os.kill(first.pid, signal.SIGSTOP)
        handler.release.set()
        held = fetch(
            database,
            "SELECT COUNT(*) FROM newsletters_delivery WHERE issue_id = ? AND status = 'handing_off'",
            [issue.pk],
        )[0][0]
        assert held == BATCH, f"the frozen worker should hold its whole batch, holds {held}"
        time.sleep(LEASE_SECONDS + 1)  # its claim is not renewed: the lease lapses

        second = subprocess.run(command, cwd=ROOT, env=env, capture_output=True, text=True, timeout=180)
        assert second.returncode == 0, second.stdout + second.stderr
        assert f"{SUBSCRIBERS} sent" in second.stdout, second.stdout
        taken_over = sum(_received(mailbox_dir).values()) - FREEZE_AT
        assert taken_over == SUBSCRIBERS - FREEZE_AT, "the second worker did not send the rest"

        os.kill(first.pid, signal.SIGCONT)
        output, _ = first.communicate(timeout=120)
        assert first.returncode == 0, output
    finally:
        if first.poll() is None:
            os.kill(first.pid, signal.SIGCONT)
            first.kill()
            first.communicate()
        relay.stop()

    received = _received(mailbox_dir)
    assert set(received) == {s.email for s in subscribers}, "someone missed the issue"
    assert [address for address, count in received.items() if count > 1] == [], "someone got two copies"
    statuses = fetch(
        database, "SELECT status, COUNT(*) FROM newsletters_delivery WHERE issue_id = ? GROUP BY status", [issue.pk]
    )
    assert statuses == [("sent", SUBSCRIBERS)]
