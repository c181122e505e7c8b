"""Sending an issue exactly once to every confirmed subscriber, crash or not.

The protocol, its states and its assumptions are written out in CONTEXT.md ("Sending"). In
short: `prepare` writes one Delivery per recipient in one statement; a worker `claims` a batch
(queued → handing_off, stamped with its id), opens one connection, hands messages over one by
one and records each accepted message as sent; a row still handing_off when its worker is
gone is *in doubt* and `reconcile` resolves it by asking the relay's record for its
Message-ID (or, where no record can be asked, by the NEWSLETTERS_IN_DOUBT policy).
"""

from __future__ import annotations

import contextlib
import logging
import os
import smtplib
import socket
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any, Protocol

from django.conf import settings
from django.core import mail
from django.db import connection, transaction
from django.db.models import Count, F, Q
from django.utils import timezone

from newsletters.models import Delivery, Issue, Subscription, Suppression, delivery_message_id
from newsletters.rendering import RenderedIssue, render_issue

logger = logging.getLogger("masthead.newsletters")

# A claim older than this is treated as abandoned even if its worker cannot be checked (another
# host). A batch must finish well within it: batch size × SMTP timeout is far below.
CLAIM_LEASE = timedelta(minutes=15)
HOST = socket.gethostname()[:40]
# With a relay record to settle in-doubt rows, accepted messages are recorded in groups.
RECORD_EVERY_WITH_CHECK = 50


def worker_id() -> str:
    return f"{HOST}:{os.getpid()}"


class DeliveryCheck(Protocol):
    def accepted(self, message_ids: list[str]) -> set[str]: ...


def configured_check() -> DeliveryCheck | None:
    directory = getattr(settings, "NEWSLETTERS_DELIVERY_CHECK_DIR", "")
    if not directory:
        return None
    from newsletters.dev_mailbox import MailboxDirectoryCheck

    return MailboxDirectoryCheck(directory)


# --- prepare -------------------------------------------------------------------------------


def prepare(issue_id: int) -> int:
    """Write one queued Delivery per confirmed, unsuppressed subscriber who confirmed before
    the send started. One INSERT … SELECT; the unique constraint and ON CONFLICT DO NOTHING
    make it idempotent, the transaction makes it all-or-nothing. Returns the total rows."""
    with transaction.atomic():
        issue = Issue.objects.select_for_update().get(pk=issue_id)
        if issue.prepared_at is None:
            started = issue.send_started_at or timezone.now()
            audience = (
                Subscription.objects.filter(
                    newsletter_id=issue.newsletter_id,
                    status=Subscription.Status.CONFIRMED,
                    confirmed_at__lte=started,
                )
                .exclude(subscriber__email_hash__in=Suppression.objects.values("email_hash"))
                .order_by()
                .values_list("subscriber_id")
            )
            select_sql, params = audience.query.sql_with_params()
            # Constant columns first; all literals are fixed strings of ours, never input.
            select_sql = select_sql.replace("SELECT ", f"SELECT {int(issue.pk)}, 'queued', '', 0, '', ", 1)
            table = Delivery._meta.db_table
            with connection.cursor() as cursor:
                cursor.execute(
                    f"INSERT INTO {table} (issue_id, status, claimed_by, attempts, error, subscriber_id) "
                    f"{select_sql} ON CONFLICT (issue_id, subscriber_id) DO NOTHING",
                    params,
                )
            issue.prepared_at = timezone.now()
            issue.send_started_at = started
            issue.status = Issue.Status.SENDING
            issue.save(update_fields=["prepared_at", "send_started_at", "status"])
    return Delivery.objects.filter(issue_id=issue_id).count()


# --- claim, hand off, record ------------------------------------------------------------------


@dataclass
class Claimed:
    delivery_id: int
    subscriber_id: int
    email: str


def claim_batch(issue_id: int, size: int, *, now: datetime | None = None) -> list[Claimed]:
    """Move up to `size` queued deliveries to handing_off under this worker's id. Two workers
    never claim the same row: PostgreSQL skips locked rows, SQLite serialises writers."""
    now = now or timezone.now()
    with transaction.atomic():
        queued = Delivery.objects.filter(issue_id=issue_id, status=Delivery.Status.QUEUED).order_by("id")
        if connection.features.has_select_for_update_skip_locked:
            queued = queued.select_for_update(skip_locked=True)
        ids = list(queued.values_list("id", flat=True)[:size])
        if not ids:
            return []
        Delivery.objects.filter(id__in=ids, status=Delivery.Status.QUEUED).update(
            status=Delivery.Status.HANDING_OFF, claimed_by=worker_id(), claimed_at=now, attempts=F("attempts") + 1
        )
    rows = list(
        Delivery.objects.filter(id__in=ids, status=Delivery.Status.HANDING_OFF, claimed_by=worker_id())
        .order_by("id")
        .values_list("id", "subscriber_id", "subscriber__email", "subscriber__email_hash")
    )
    return _drop_who_left(issue_id, rows)


def _drop_who_left(issue_id: int, rows: list[tuple[int, int, str, str]]) -> list[Claimed]:
    """Skip people who unsubscribed or were suppressed after the send was prepared."""
    newsletter_id = Issue.objects.values_list("newsletter_id", flat=True).get(pk=issue_id)
    still_in = set(
        Subscription.objects.filter(
            newsletter_id=newsletter_id,
            subscriber_id__in=[r[1] for r in rows],
            status=Subscription.Status.CONFIRMED,
        ).values_list("subscriber_id", flat=True)
    )
    suppressed = set(
        Suppression.objects.filter(email_hash__in=[r[3] for r in rows]).values_list("email_hash", flat=True)
    )
    skipped = [r[0] for r in rows if r[1] not in still_in or r[3] in suppressed]
    if skipped:
        Delivery.objects.filter(id__in=skipped).update(status=Delivery.Status.SKIPPED)
    return [Claimed(r[0], r[1], r[2]) for r in rows if r[0] not in skipped]


def _mark(ids: list[int], status: str, **fields: Any) -> None:
    if ids:
        Delivery.objects.filter(id__in=ids, status=Delivery.Status.HANDING_OFF).update(status=status, **fields)


# Errors after which the relay has definitely not taken the message.
_REFUSED = (smtplib.SMTPRecipientsRefused, smtplib.SMTPSenderRefused, smtplib.SMTPDataError)


def _is_anymail() -> bool:
    return settings.EMAIL_BACKEND.startswith("anymail.")


def send_batch(rendered: RenderedIssue, batch: list[Claimed]) -> tuple[int, int]:
    """Hand a claimed batch to the email backend; returns (sent, failed).

    SMTP: one connection for the batch, one message at a time. Accepted messages (the relay
    answered `250`) are recorded as sent after each message when nothing can be asked after a
    crash, or every RECORD_EVERY_WITH_CHECK messages when the relay's record can settle any row
    left in doubt (see CONTEXT.md). If the connection breaks, the message being handed over
    stays handing_off (in doubt, for reconcile) and the rest go back to the queue.
    """
    if _is_anymail():
        return _send_batch_anymail(rendered, batch)
    record_every = 1 if configured_check() is None else RECORD_EVERY_WITH_CHECK
    accepted: list[int] = []
    sent = failed = 0
    backend = mail.mailers.default
    backend.open()
    try:
        for position, claimed in enumerate(batch):
            message = rendered.prepared(subscriber_id=claimed.subscriber_id, email=claimed.email)
            try:
                backend.send_messages([message])
            except _REFUSED as error:
                _mark([claimed.delivery_id], Delivery.Status.FAILED, error=str(error)[:300])
                failed += 1
                continue
            except (smtplib.SMTPException, OSError):
                # In doubt: the relay may or may not have the message. Everything after it in
                # the batch was never handed over and goes straight back to the queue.
                _mark([c.delivery_id for c in batch[position + 1 :]], Delivery.Status.QUEUED, claimed_by="")
                raise
            accepted.append(claimed.delivery_id)
            sent += 1
            if len(accepted) >= record_every:
                _record_sent(accepted)
    finally:
        _record_sent(accepted)  # what the relay accepted before any error
        # Closing a broken connection must not hide the real error.
        with contextlib.suppress(Exception):
            backend.close()
    return sent, failed


def _record_sent(ids: list[int]) -> None:
    """Mark accepted deliveries sent (one statement) and empty the list."""
    if ids:
        _mark(ids, Delivery.Status.SENT, sent_at=timezone.now())
        ids.clear()


def _send_batch_anymail(rendered: RenderedIssue, batch: list[Claimed]) -> tuple[int, int]:
    """One provider API call for the whole batch (anymail merge_data → the provider's batch
    send, one message per recipient). Each recipient's links go in as merge fields written in
    the provider's syntax (NEWSLETTERS_MERGE_FIELD_FORMAT), their List-Unsubscribe headers via
    merge_headers, and our delivery id via merge_metadata, which tracking webhooks echo back."""
    from anymail.message import AnymailMessage

    fmt = settings.NEWSLETTERS_MERGE_FIELD_FORMAT
    fields = {name: fmt.replace("NAME", name) for name in ("unsubscribe_url", "preferences_url", "email")}
    html_body, text_body = rendered.with_merge_fields(fields)
    message = AnymailMessage(
        subject=rendered.subject,
        body=text_body,
        from_email=rendered.from_email,
        to=[c.email for c in batch],
        reply_to=list(rendered.reply_to),
    )
    message.attach_alternative(html_body, "text/html")
    message.merge_data, message.merge_headers = {}, {}
    for c in batch:
        personal = rendered.personal(subscriber_id=c.subscriber_id, email=c.email)
        message.merge_data[c.email] = {
            "unsubscribe_url": personal.unsubscribe_url,
            "preferences_url": personal.preferences_url,
            "email": c.email,
        }
        message.merge_headers[c.email] = {k: v for k, v in personal.headers.items() if k.startswith("List-")}
    message.merge_metadata = {c.email: {"delivery_id": str(c.delivery_id)} for c in batch}
    message.send()
    status = message.anymail_status
    sent_ids, failed_ids = [], []
    for claimed in batch:
        recipient = status.recipients.get(claimed.email)
        if recipient is not None and recipient.status in {"rejected", "invalid"}:
            failed_ids.append(claimed.delivery_id)
        else:
            sent_ids.append(claimed.delivery_id)
    _mark(sent_ids, Delivery.Status.SENT, sent_at=timezone.now())
    _mark(failed_ids, Delivery.Status.FAILED, error="Refused by the email provider.")
    return len(sent_ids), len(failed_ids)


# --- reconcile --------------------------------------------------------------------------------


def _owner_is_gone(claimed_by: str, claimed_at: datetime | None, now: datetime) -> bool:
    if claimed_at is None or now - claimed_at > CLAIM_LEASE:
        return True
    host, _, pid = claimed_by.rpartition(":")
    if host != HOST or not pid.isdigit():
        return False
    if int(pid) == os.getpid():
        return False  # our own batch in progress (another thread of this process)
    try:
        os.kill(int(pid), 0)
    except ProcessLookupError:
        return True
    except PermissionError:
        return False
    return False


def reconcile(issue_id: int, *, check: DeliveryCheck | None = None, now: datetime | None = None) -> dict[str, int]:
    """Resolve in-doubt deliveries whose worker is gone. Idempotent.

    With a delivery check: accepted → sent, not accepted (twice, NEWSLETTERS_SETTLE_MS apart) →
    queued. Without: policy "resend" → queued (same Message-ID), "hold" → failed.
    """
    now = now or timezone.now()
    check = check if check is not None else configured_check()
    rows = list(
        Delivery.objects.filter(issue_id=issue_id, status=Delivery.Status.HANDING_OFF).values_list(
            "id", "subscriber_id", "claimed_by", "claimed_at"
        )
    )
    orphans = {r[0]: delivery_message_id(issue_id, r[1]) for r in rows if _owner_is_gone(r[2], r[3], now)}
    outcome = {"in_doubt": len(orphans), "found_sent": 0, "requeued": 0, "held": 0}
    if not orphans:
        return outcome
    if check is None:
        if settings.NEWSLETTERS_IN_DOUBT == "hold":
            _mark(
                list(orphans),
                Delivery.Status.FAILED,
                error="In doubt after a crash: check the relay's log, then retry or leave it.",
            )
            outcome["held"] = len(orphans)
        else:
            _mark(list(orphans), Delivery.Status.QUEUED, claimed_by="")
            outcome["requeued"] = len(orphans)
        return outcome
    accepted = check.accepted(list(orphans.values()))
    missing = [d for d, mid in orphans.items() if mid not in accepted]
    if missing:
        # The relay may still be storing a message whose sender just died: look again.
        time.sleep(settings.NEWSLETTERS_SETTLE_MS / 1000)
        late = check.accepted([orphans[d] for d in missing])
        missing = [d for d in missing if orphans[d] not in late]
    found = [d for d in orphans if d not in missing]
    _mark(found, Delivery.Status.SENT, sent_at=now, error="Found at the relay after a crash.")
    _mark(missing, Delivery.Status.QUEUED, claimed_by="")
    outcome["found_sent"], outcome["requeued"] = len(found), len(missing)
    if orphans:
        logger.info("reconciled in-doubt deliveries", extra={"issue": issue_id, **outcome})
    return outcome


# --- the whole send -----------------------------------------------------------------------------


@dataclass
class Progress:
    total: int
    queued: int
    handing_off: int
    sent: int
    failed: int
    skipped: int
    rate: float  # messages per second since the send started
    eta_seconds: float | None

    @property
    def done(self) -> int:
        return self.sent + self.failed + self.skipped


def progress(issue: Issue, *, now: datetime | None = None) -> Progress:
    now = now or timezone.now()
    counts = Delivery.objects.filter(issue=issue).aggregate(
        total=Count("id"),
        **{s.value: Count("id", filter=Q(status=s.value)) for s in Delivery.Status},  # type: ignore[misc]
    )
    elapsed = (now - issue.prepared_at).total_seconds() if issue.prepared_at else 0.0
    rate = counts["sent"] / elapsed if elapsed > 0 else 0.0
    remaining = counts["queued"] + counts["handing_off"]
    eta = remaining / rate if rate > 0 else None
    return Progress(
        total=counts["total"],
        queued=counts["queued"],
        handing_off=counts["handing_off"],
        sent=counts["sent"],
        failed=counts["failed"],
        skipped=counts["skipped"],
        rate=rate,
        eta_seconds=eta,
    )


def deliver_issue(
    issue_id: int, *, batch_size: int | None = None, on_batch: Callable[[Progress], None] | None = None
) -> Progress:
    """Send whatever of an issue is left to send: reconcile, prepare (if not yet), then claim
    and send batches until the queue is empty. Safe to run again at any time, also in
    parallel with another worker; marks the issue sent when nothing is left in flight."""
    batch_size = batch_size or settings.NEWSLETTERS_BATCH_SIZE
    issue = Issue.objects.select_related("newsletter").get(pk=issue_id)
    if issue.status not in {Issue.Status.SENDING, Issue.Status.SENT}:
        raise ValueError(f"Issue {issue_id} is {issue.status}; start the send first.")
    reconcile(issue_id)
    prepare(issue_id)
    issue.refresh_from_db()
    rendered: RenderedIssue | None = None  # rendered on the first claim: a finished send needs none
    while True:
        while batch := claim_batch(issue_id, batch_size):
            rendered = rendered or render_issue(issue)
            send_batch(rendered, batch)
            if on_batch is not None:
                on_batch(progress(issue))
        if reconcile(issue_id)["requeued"] == 0:
            break
    final = progress(issue)
    if final.queued == 0 and final.handing_off == 0:
        finished = Issue.objects.filter(pk=issue_id, finished_at__isnull=True).update(
            status=Issue.Status.SENT, finished_at=timezone.now()
        )
        if finished:
            from newsroom.page_cache import purge_pages_showing

            purge_pages_showing(issue, reason="newsletter issue sent")  # its newsletter page lists it
    return final
