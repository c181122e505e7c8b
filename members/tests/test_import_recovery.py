"""A member import whose worker dies is failed with what to do next, never left Running.

Two real processes: the first runs an import and is killed with SIGKILL between chunks; the
second (another worker, as the clock or a starting worker runs it) sees the first one's process
is gone and fails the import, keeping the counts of the chunks that were imported.
"""

from __future__ import annotations

import io
import signal
import time
from datetime import UTC, datetime, timedelta

import pytest

from lib import worker_identity
from lib.tests.processes import fetch, process_env, run_python, shared_database_url, start_python
from members.importing import CHUNK_SIZE, LEASE, STOPPED_MESSAGE, member_imports_recover
from members.models import MemberImport, Plan

ROWS = CHUNK_SIZE * 6

# The first worker: the import as the task runs it, each chunk's write slowed a little so the
# test can kill the process between chunks (a real import of 20,000 rows takes long enough).
RUN_SLOWLY = """
import sys, time
from members import importing
real = importing._write_bulk
def slow(*args, **kwargs):
    time.sleep(0.4)
    return real(*args, **kwargs)
importing._write_bulk = slow
importing.member_import_run(import_id=int(sys.argv[1]))
"""

RECOVER = """
from members.importing import member_imports_recover
print(member_imports_recover())
"""


def _csv(rows: int) -> bytes:
    out = io.StringIO("email,name,plan,start_date,stripe_customer_id\n")
    out.seek(0, io.SEEK_END)
    for n in range(rows):
        out.write(f"reader{n}@example.com,Reader {n},member,2026-01-{n % 28 + 1:02d},\n")
    return out.getvalue().encode()


@pytest.mark.slow
@pytest.mark.django_db(transaction=True)
def test_an_import_whose_worker_is_killed_is_failed_by_the_next_worker(tmp_path):
    Plan.objects.get_or_create(slug="member", defaults={"name": "Member", "monthly_amount": 500, "yearly_amount": 5000})
    job = MemberImport.objects.create(data=_csv(ROWS), dry_run=False, created_by_name="boss", filename="members.csv")
    database = shared_database_url(tmp_path)
    env = process_env(database)

    def row() -> tuple[str, int, int]:
        query = "SELECT status, rows_done, rows_created FROM members_memberimport WHERE id = ?"
        return fetch(database, query, [job.pk])[0]

    worker = start_python(RUN_SLOWLY.replace("sys.argv[1]", str(job.pk)), env)
    try:
        deadline = time.monotonic() + 120
        while row()[1] < CHUNK_SIZE * 2:
            assert worker.poll() is None, worker.communicate()
            assert time.monotonic() < deadline, "the import did not get through two chunks"
            time.sleep(0.05)
        worker.send_signal(signal.SIGKILL)
        worker.wait(timeout=30)
    finally:
        if worker.poll() is None:
            worker.kill()
            worker.wait()
    status, done, created = row()
    assert status == "running" and CHUNK_SIZE * 2 <= done < ROWS, "the worker was not killed mid-import"

    recovered = run_python(RECOVER, env)
    assert recovered.stdout.strip().splitlines()[-1] == "1"
    status, done_after, created_after = row()
    assert status == "failed"
    assert (done_after, created_after) == (done, created)  # the counts of what was imported stay true
    message = fetch(database, "SELECT message, finished_at FROM members_memberimport WHERE id = ?", [job.pk])[0]
    assert message[0] == STOPPED_MESSAGE and message[1] is not None
    assert fetch(database, "SELECT COUNT(*) FROM members_member")[0][0] == created


@pytest.mark.django_db
def test_a_running_import_is_left_alone_while_its_worker_lives_and_failed_once_its_lease_lapses():
    now = datetime.now(UTC)
    ours = MemberImport.objects.create(
        status=MemberImport.Status.RUNNING, claimed_by=worker_identity.worker_id(), heartbeat_at=now
    )
    elsewhere = MemberImport.objects.create(
        status=MemberImport.Status.RUNNING, claimed_by="other-host:4242:abcd1234", heartbeat_at=now
    )
    assert member_imports_recover(now=now) == 0
    assert set(MemberImport.objects.values_list("status", flat=True)) == {MemberImport.Status.RUNNING}

    # Another host cannot be asked: only a heartbeat older than the lease tells it is gone.
    assert member_imports_recover(now=now + LEASE + timedelta(seconds=1)) == 2
    elsewhere.refresh_from_db()
    ours.refresh_from_db()
    assert elsewhere.status == ours.status == MemberImport.Status.FAILED
    assert "upload the file again" in elsewhere.message
