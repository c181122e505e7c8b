"""CSV import of members for staff, run by a task (members.tasks.run_member_import).

Import columns: email, name, plan, start_date (YYYY-MM-DD), stripe_customer_id (optional).
The upload only checks the file's header and stores it (a MemberImport); the worker reads the
rows in chunks with one lookup query per chunk and bulk writes, so 20,000 rows cost a few
hundred queries, not tens of thousands, and no web request waits for them. Every row is
checked on its own, so a bad row never costs the good ones, and a dry run reports exactly what
a real run would do (created, updated, skipped, errors) without saving any member.
"""

from __future__ import annotations

import csv
import io
import logging
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from functools import partial
from typing import Any

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import IntegrityError, transaction
from django.db.models import Exists, OuterRef

from lib import worker_identity
from lib.email_address import account_email
from members.models import Interval, Member, MemberEvent, MemberImport, Membership, Placement, Plan
from members.services import log_event, member_refresh_summary

REQUIRED = ("email", "name", "plan", "start_date")
MAX_ROWS = 20_000
MAX_BYTES = 5 * 1024 * 1024
# Rows per lookup query and bulk write; progress is saved after each chunk.
CHUNK_SIZE = 500

logger = logging.getLogger(__name__)


class _RowError(Exception):
    pass


def _parse_row(row: dict[str, str], plans: dict[str, Plan]) -> tuple[str, str, Plan, date, str]:
    email = account_email(row.get("email") or "")
    try:
        validate_email(email)
    except ValidationError:
        raise _RowError("The email address is missing or not valid.") from None
    plan_key = (row.get("plan") or "").strip().lower()
    plan = plans.get(plan_key)
    if plan is None:
        raise _RowError(f"Unknown plan “{row.get('plan', '')}”. Use one of: {', '.join(sorted(plans))}.")
    raw_date = (row.get("start_date") or "").strip()
    try:
        start = date.fromisoformat(raw_date)
    except ValueError:
        raise _RowError(f"The start date “{raw_date}” is not a date. Write it as YYYY-MM-DD.") from None
    if not date(1900, 1, 1) <= start <= date(9000, 1, 1):
        raise _RowError(f"The start date “{raw_date}” is out of range. Check the year.")
    customer = (row.get("stripe_customer_id") or "").strip()
    if customer and not customer.startswith("cus_"):
        raise _RowError("A Stripe customer id starts with cus_. Leave the column empty if you have none.")
    return email, (row.get("name") or "").strip()[:150], plan, start, customer


def _paid_through(start: date, now: datetime) -> tuple[datetime, datetime]:
    """Imported members have access for one paid period from their start date, renewed in
    31-day steps up to now: they paid elsewhere."""
    started = datetime.combine(start, time.min, tzinfo=UTC)
    paid_through = started + timedelta(days=31)
    if paid_through < now:
        periods = (now - paid_through) // timedelta(days=31) + 1
        paid_through += periods * timedelta(days=31)
    return started, paid_through


# --- imports as tasks -------------------------------------------------------------------------


class ImportFileError(Exception):
    """The whole file is unusable; the message says what to do next."""

    @staticmethod
    def too_big() -> str:
        return f"The file is larger than {MAX_BYTES // (1024 * 1024)} MB. Split it and upload the parts."


def _decode(data: bytes) -> str:
    if not data.strip():
        raise ImportFileError("The file is empty. Export the members again and upload the CSV file.")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise ImportFileError("The file is not UTF-8 text. Save it as “CSV UTF-8” and upload it again.") from None
    if "\x00" in text:
        # A spreadsheet's own format or UTF-16 text; PostgreSQL would refuse the NUL anyway.
        raise ImportFileError("The file is not a CSV file. Save it as “CSV UTF-8” and upload it again.")
    return text


def _reader(text: str) -> csv.DictReader[str]:
    # strict: an unclosed quote fails the file instead of swallowing the rows after it.
    reader = csv.DictReader(io.StringIO(text), strict=True)
    try:
        headers = [(h or "").strip().lower() for h in (reader.fieldnames or [])]
    except csv.Error as exc:
        raise ImportFileError(
            f"The file could not be read as CSV ({exc}). Check the quoting and upload it again."
        ) from None
    missing = [column for column in REQUIRED if column not in headers]
    if missing:
        raise ImportFileError(f"The first line must name the columns; missing: {', '.join(missing)}.")
    reader.fieldnames = headers
    return reader


def check_file(data: bytes) -> None:
    """Cheap checks done while the upload waits: size, empty, encoding and the header line.
    Raises ImportFileError with a sentence for staff; reads no rows."""
    if len(data) > MAX_BYTES:
        raise ImportFileError(ImportFileError.too_big())
    _reader(_decode(data))


def member_import_start(
    *, data: bytes, filename: str, dry_run: bool, user: Any, checked_by: MemberImport | None = None
) -> MemberImport:
    """Stores the upload as a queued MemberImport and enqueues `run_member_import` once the
    transaction commits, so the worker always finds the row. No row is read here: the request
    answers at once. Raises ImportFileError (nothing stored) for a file that cannot be imported."""
    from members.tasks import run_member_import

    check_file(data)
    job = MemberImport.objects.create(
        created_by=user if getattr(user, "pk", None) else None,
        created_by_name=user.get_username() if user is not None else "",
        filename=filename[:255],
        data=data,
        dry_run=dry_run,
        checked_by=checked_by,
    )
    transaction.on_commit(partial(run_member_import.enqueue, job.pk))
    return job


def member_import_run(*, import_id: int) -> MemberImport | None:
    """Runs one queued import to the end: claims it (a second worker given the same id does
    nothing), then handles the rows in chunks of CHUNK_SIZE with one lookup query for the
    chunk's existing members, bulk inserts and updates, and the progress saved per chunk. Each
    chunk commits on its own, so a crash leaves the finished chunks imported and the import
    Failed with its counts true. Bad rows are reported, never raised; a bad file fails the import."""
    now = datetime.now(UTC)
    claimed = MemberImport.objects.filter(pk=import_id, status=MemberImport.Status.QUEUED).update(
        status=MemberImport.Status.RUNNING, started_at=now, claimed_by=worker_identity.worker_id(), heartbeat_at=now
    )
    if not claimed:
        return None
    job = MemberImport.objects.get(pk=import_id)
    try:
        rows = _read_rows(bytes(job.data))
        job.rows_total = len(rows)
        job.save(update_fields=["rows_total"])
        _run_rows(job, rows)
    except ImportFileError as exc:
        _finish(job, status=MemberImport.Status.FAILED, message=str(exc))
        return job
    except Exception:
        logger.exception("Member import %s stopped", import_id)
        _finish(
            job,
            status=MemberImport.Status.FAILED,
            message="The import stopped unexpectedly after the rows counted below. "
            "Download the report, then upload the remaining rows again (imported rows are skipped).",
        )
        raise
    _finish(job, status=MemberImport.Status.DONE)
    return job


# A Running import whose worker has not renewed its heartbeat for this long is taken for dead
# (the sign from another host; a dead process on this host is seen at once). One chunk of
# CHUNK_SIZE rows takes seconds, so a live worker renews far more often.
LEASE = timedelta(minutes=5)
STOPPED_MESSAGE = (
    "The worker running this import stopped after the rows counted below. Download the report, "
    "then upload the file again: rows already imported are skipped."
)


def member_imports_recover(*, now: datetime | None = None) -> int:
    """Fail every Running import whose worker is gone (lib/worker_identity.py), so the CMS page
    says what happened and what to do instead of showing Running forever. Not resumed: a chunk
    that committed just before the crash is not yet in the counts, and re-running it would
    report its rows as skipped. Run by the clock and by each worker as it starts. Idempotent.
    Returns how many imports were failed."""
    now = now or datetime.now(UTC)
    running = MemberImport.objects.filter(status=MemberImport.Status.RUNNING).values_list(
        "pk", "claimed_by", "heartbeat_at", "started_at"
    )
    gone = [
        pk
        for pk, claimed_by, heartbeat_at, started_at in running
        if worker_identity.is_gone(claimed_by, heartbeat_at or started_at, now, lease=LEASE)
    ]
    failed = 0
    for job in MemberImport.objects.filter(pk__in=gone, status=MemberImport.Status.RUNNING):
        _finish(job, status=MemberImport.Status.FAILED, message=STOPPED_MESSAGE)
        logger.warning("Member import %s failed: its worker stopped", job.pk)
        failed += 1
    return failed


def _finish(job: MemberImport, *, status: str, message: str = "") -> None:
    job.status = status
    job.message = message
    job.finished_at = datetime.now(UTC)
    fields = ["status", "message", "finished_at", "rows_done", "rows_created", "rows_updated"]
    fields += ["rows_skipped", "rows_failed", "problems"]
    if not job.dry_run:
        # The rows are readers' personal data: kept no longer than the real run needs them.
        job.data = b""
        fields.append("data")
    job.save(update_fields=fields)


def _read_rows(data: bytes) -> list[dict[str, str]]:
    reader = _reader(_decode(data))
    try:
        rows = list(reader)
    except csv.Error as exc:
        raise ImportFileError(
            f"The file could not be read as CSV ({exc}). Check the quoting and upload it again."
        ) from None
    if not rows:
        raise ImportFileError("The file has a header line but no rows. Add the members and upload it again.")
    if len(rows) > MAX_ROWS:
        raise ImportFileError(f"The file has {len(rows)} rows; split it into files of at most {MAX_ROWS}.")
    return rows


@dataclass
class _Valid:
    line: int
    email: str
    name: str
    plan: Plan
    start: date
    customer: str


def _run_rows(job: MemberImport, rows: list[dict[str, str]]) -> None:
    all_plans = list(Plan.objects.all())
    plans = {p.slug: p for p in all_plans} | {p.name.lower(): p for p in all_plans}
    seen: set[str] = set()
    imported_by = job.created_by_name or "staff"
    for first in range(0, len(rows), CHUNK_SIZE):
        chunk = rows[first : first + CHUNK_SIZE]
        problems: list[dict[str, Any]] = []
        valid: list[_Valid] = []
        for line, row in enumerate(chunk, start=first + 2):
            raw_email = (row.get("email") or "").strip()
            try:
                email, name, plan, start, customer = _parse_row(row, plans)
                if email in seen:
                    raise _RowError("This address appears earlier in the file.")
                seen.add(email)
                valid.append(_Valid(line, email, name, plan, start, customer))
            except _RowError as exc:
                problems.append({"line": line, "email": raw_email, "result": "error", "message": str(exc)})
        created, updated, skipped = _apply_chunk(valid, problems, dry_run=job.dry_run, imported_by=imported_by)
        problems.sort(key=lambda p: p["line"])
        job.rows_done += len(chunk)
        job.rows_created += created
        job.rows_updated += updated
        job.rows_skipped += skipped
        job.rows_failed += sum(1 for p in problems if p["result"] == "error")
        job.problems = [*job.problems, *problems]
        job.heartbeat_at = datetime.now(UTC)  # alive: member_imports_recover leaves it running
        job.save(
            update_fields=[
                *("rows_done", "rows_created", "rows_updated", "rows_skipped", "rows_failed"),
                *("problems", "heartbeat_at"),
            ]
        )


def _apply_chunk(
    valid: list[_Valid], problems: list[dict[str, Any]], *, dry_run: bool, imported_by: str
) -> tuple[int, int, int]:
    """One query finds the chunk's existing members (and whether they have a membership);
    then members, memberships and history lines are written in bulk, all or nothing for the
    chunk. Returns (created, updated, skipped); skipped rows are added to `problems`."""
    existing = {
        member.email: member
        for member in Member.objects.filter(email__in=[v.email for v in valid]).annotate(
            has_membership=Exists(Membership.objects.filter(member=OuterRef("pk")))
        )
    }
    to_create: list[_Valid] = []
    to_update: list[tuple[_Valid, Member]] = []
    skipped = 0
    for v in valid:
        member = existing.get(v.email)
        if member is None:
            to_create.append(v)
        elif member.has_membership:  # type: ignore[attr-defined]
            skipped += 1
            problems.append(
                {
                    "line": v.line,
                    "email": v.email,
                    "result": "skipped",
                    "message": "This address already has a membership; it was left unchanged.",
                }
            )
        else:
            to_update.append((v, member))
    if dry_run:
        return len(to_create), len(to_update), skipped
    try:
        with transaction.atomic():
            _write_bulk(to_create, to_update, imported_by=imported_by)
    except IntegrityError:
        # Someone joined with one of these addresses since the lookup: redo this chunk row by
        # row so only the clashing row is lost.
        created = updated = 0
        for v in [*to_create, *(v for v, _ in to_update)]:
            try:
                was_new = _save_row(
                    email=v.email,
                    name=v.name,
                    plan=v.plan,
                    start=v.start,
                    customer=v.customer,
                    imported_by=imported_by,
                )
            except IntegrityError:
                problems.append(
                    {
                        "line": v.line,
                        "email": v.email,
                        "result": "error",
                        "message": "This row clashes with an existing member or customer id.",
                    }
                )
            except _RowError as exc:
                skipped += 1
                problems.append({"line": v.line, "email": v.email, "result": "skipped", "message": str(exc)})
            else:
                created += was_new
                updated += not was_new
        return created, updated, skipped
    return len(to_create), len(to_update), skipped


def _summary(member: Member, plan: Plan, started: datetime, paid_through: datetime) -> None:
    # What member_refresh_summary computes for a member whose only membership is this active
    # imported one, set here so a chunk needs no query per member.
    member.status = Member.Status.ACTIVE
    member.plan = plan
    member.source = Placement.IMPORT
    member.joined_at = started
    member.access_until = paid_through


def _write_bulk(to_create: list[_Valid], to_update: list[tuple[_Valid, Member]], *, imported_by: str) -> None:
    now = datetime.now(UTC)
    periods = {v.email: _paid_through(v.start, now) for v in [*to_create, *(v for v, _ in to_update)]}
    new_members = []
    for v in to_create:
        member = Member(email=v.email, name=v.name, stripe_customer_id=v.customer)
        _summary(member, v.plan, *periods[v.email])
        new_members.append(member)
    Member.objects.bulk_create(new_members, batch_size=CHUNK_SIZE)
    # Not every database hands back the new ids from a bulk insert: look them up (one query).
    ids = dict(Member.objects.filter(email__in=[v.email for v in to_create]).values_list("email", "pk"))
    for v, member in to_update:
        if v.customer:
            member.stripe_customer_id = v.customer
        _summary(member, v.plan, *periods[v.email])
        ids[v.email] = member.pk
    Member.objects.bulk_update(
        [member for _, member in to_update],
        ["stripe_customer_id", "status", "plan", "source", "joined_at", "access_until"],
        batch_size=CHUNK_SIZE,
    )
    memberships = []
    events = []
    for v in [*to_create, *(v for v, _ in to_update)]:
        started, paid_through = periods[v.email]
        memberships.append(
            Membership(
                member_id=ids[v.email],
                kind=Membership.Kind.IMPORTED,
                plan=v.plan,
                interval=Interval.MONTH,
                amount=v.plan.monthly_amount,
                status=Membership.Status.ACTIVE,
                started_at=started,
                paid_through=paid_through,
                access_until=paid_through,
                source=Placement.IMPORT,
                note=f"Imported by {imported_by}",
            )
        )
        message = f"Imported by {imported_by} with plan {v.plan.name}, started {v.start:%Y-%m-%d}."
        events.append(MemberEvent(member_id=ids[v.email], kind="imported", message=message[:255]))
    Membership.objects.bulk_create(memberships, batch_size=CHUNK_SIZE)
    MemberEvent.objects.bulk_create(events, batch_size=CHUNK_SIZE)


def _save_row(*, email: str, name: str, plan: Plan, start: date, customer: str, imported_by: str) -> bool:
    """One row on its own (the fallback when a chunk clashes). Returns True for a new member."""
    started, paid_through = _paid_through(start, datetime.now(UTC))
    with transaction.atomic():
        member, created = Member.objects.get_or_create(email=email, defaults={"name": name})
        if member.memberships.exists():
            raise _RowError("This address already has a membership; it was left unchanged.")
        if customer:
            member.stripe_customer_id = customer
            member.save(update_fields=["stripe_customer_id"])
        Membership.objects.create(
            member=member,
            kind=Membership.Kind.IMPORTED,
            plan=plan,
            interval=Interval.MONTH,
            amount=plan.monthly_amount,
            status=Membership.Status.ACTIVE,
            started_at=started,
            paid_through=paid_through,
            access_until=paid_through,
            source=Placement.IMPORT,
            note=f"Imported by {imported_by}",
        )
        log_event(
            member=member,
            kind="imported",
            message=f"Imported by {imported_by} with plan {plan.name}, started {start:%Y-%m-%d}.",
        )
        member_refresh_summary(member=member)
    return created


REPORT_HEADER = ["line", "email", "result", "message"]


def report_rows(job: MemberImport) -> list[list[Any]]:
    """The rows of the downloadable report (errors and skipped rows), header first. Write them
    with lib.spreadsheet.SafeCsvWriter: emails and names in them came from the uploaded file."""
    return [REPORT_HEADER, *([p["line"], p["email"], p["result"], p["message"]] for p in job.problems)]
