"""CSV import and export of members for staff.

Import columns: email, name, plan, start_date (YYYY-MM-DD), stripe_customer_id (optional).
Every row is checked and saved on its own, so a bad row never costs the good ones, and a dry
run reports exactly what a real run would do without saving anything.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import IntegrityError, transaction

from members.models import Interval, Member, Membership, Placement, Plan
from members.services import log_event, member_refresh_summary, normalize_email

REQUIRED = ("email", "name", "plan", "start_date")
MAX_ROWS = 20_000


@dataclass
class RowResult:
    line: int
    email: str
    ok: bool
    message: str


@dataclass
class ImportReport:
    dry_run: bool
    rows: list[RowResult] = field(default_factory=list)
    error: str = ""

    @property
    def imported(self) -> int:
        return sum(1 for row in self.rows if row.ok)

    @property
    def failed(self) -> int:
        return sum(1 for row in self.rows if not row.ok)


class _RowError(Exception):
    pass


def _parse_row(row: dict[str, str], plans: dict[str, Plan]) -> tuple[str, str, Plan, date, str]:
    email = normalize_email(row.get("email") or "")
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
    customer = (row.get("stripe_customer_id") or "").strip()
    if customer and not customer.startswith("cus_"):
        raise _RowError("A Stripe customer id starts with cus_. Leave the column empty if you have none.")
    return email, (row.get("name") or "").strip()[:150], plan, start, customer


def import_members(data: bytes, *, dry_run: bool, imported_by: str) -> ImportReport:
    """Never raises for bad input: problems become the report's error or row messages."""
    report = ImportReport(dry_run=dry_run)
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        report.error = "The file is not UTF-8 text. Save it as “CSV UTF-8” and upload it again."
        return report
    reader = csv.DictReader(io.StringIO(text))
    headers = [(h or "").strip().lower() for h in (reader.fieldnames or [])]
    missing = [column for column in REQUIRED if column not in headers]
    if missing:
        report.error = f"The first line must name the columns; missing: {', '.join(missing)}."
        return report
    reader.fieldnames = headers
    plans = {p.slug: p for p in Plan.objects.all()} | {p.name.lower(): p for p in Plan.objects.all()}
    seen: set[str] = set()
    try:
        rows = list(reader)
    except csv.Error as exc:
        report.error = f"The file could not be read as CSV ({exc}). Check the quoting and upload it again."
        return report
    if len(rows) > MAX_ROWS:
        report.error = f"The file has {len(rows)} rows; split it into files of at most {MAX_ROWS}."
        return report
    for line, row in enumerate(rows, start=2):
        email = (row.get("email") or "").strip()
        try:
            email, name, plan, start, customer = _parse_row(row, plans)
            if email in seen:
                raise _RowError("This address appears earlier in the file.")
            seen.add(email)
            if Member.objects.filter(email=email, memberships__isnull=False).exists():
                raise _RowError("This address already has a membership; it was left unchanged.")
            if not dry_run:
                _save_row(email=email, name=name, plan=plan, start=start, customer=customer, imported_by=imported_by)
            report.rows.append(RowResult(line, email, True, "Would be imported." if dry_run else "Imported."))
        except _RowError as exc:
            report.rows.append(RowResult(line, email, False, str(exc)))
        except IntegrityError:
            report.rows.append(
                RowResult(line, email, False, "This row clashes with an existing member or customer id.")
            )
    return report


def _save_row(*, email: str, name: str, plan: Plan, start: date, customer: str, imported_by: str) -> None:
    """Imported members have access for one paid period from their start date (a yearly plan
    for a year): they paid elsewhere. Linking their Stripe customer lets them manage billing."""
    started = datetime.combine(start, time.min, tzinfo=UTC)
    paid_through = started + timedelta(days=31)
    now = datetime.now(UTC)
    while paid_through < now:
        paid_through += timedelta(days=31)
    with transaction.atomic():
        member, _ = Member.objects.get_or_create(email=email, defaults={"name": name})
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
        log_event(member, "imported", f"Imported by {imported_by} with plan {plan.name}, started {start:%Y-%m-%d}.")
        member_refresh_summary(member)
