"""Handing an issue's deliveries to the relay: prepare one row per recipient, claim a batch,
hand each message over and record what the relay accepted (CONTEXT.md "Sending", steps 2-4).

Rows a worker leaves Handing off when it dies are settled by newsletters.reconcile.
"""

from __future__ import annotations

import contextlib
import functools
import logging
import re
import secrets
import smtplib
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any, Protocol

from django.conf import settings
from django.core import mail
from django.core.mail.backends.smtp import EmailBackend as SmtpBackend
from django.db import connection, transaction
from django.db.models import F, Q
from django.utils import timezone

from lib import worker_identity
from newsletters.models import Delivery, Issue, Subscription, Suppression
from newsletters.rendering import PreparedEmail, RenderedIssue

logger = logging.getLogger("masthead.newsletters")

# A claim older than this is treated as abandoned even if its worker cannot be checked (another
# host). A batch must finish well within it: batch size × SMTP timeout is far below.
CLAIM_LEASE = timedelta(minutes=15)
# With a relay record to settle in-doubt rows, accepted messages are recorded in groups.
RECORD_EVERY_WITH_CHECK = 50


HOST = worker_identity.HOST
worker_id = worker_identity.worker_id


def claim_id() -> str:
    """host:pid:token:nonce: the worker (lib/worker_identity.py) lets reconcile see a dead one;
    the nonce tells two claims of one process (threads, or a batch taken over and claimed again)
    apart."""
    return f"{worker_id()}:{secrets.token_hex(4)}"


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


def claim_lease() -> timedelta:
    """How long a claim holds without renewal (NEWSLETTERS_CLAIM_LEASE_SECONDS, 15 minutes)."""
    return timedelta(seconds=getattr(settings, "NEWSLETTERS_CLAIM_LEASE_SECONDS", CLAIM_LEASE.total_seconds()))


class RelayUnavailable(Exception):
    """The relay (or provider API) could not take anything: nothing of the batch was handed
    over, every row went back to the queue, and the send waits (Issue.relay_retry_at)."""


@dataclass
class Claimed:
    delivery_id: int
    subscriber_id: int
    email: str
    owner: str = ""  # the claim's id (claimed_by): this batch only, not just this process


def claim_batch(issue_id: int, size: int, *, now: datetime | None = None) -> list[Claimed]:
    """Move up to `size` queued deliveries (not deferred to later) to handing_off under a new
    claim id. Two workers never claim the same row: PostgreSQL skips locked rows, SQLite
    serialises writers."""
    now = now or timezone.now()
    owner = claim_id()
    with transaction.atomic():
        queued = (
            Delivery.objects.filter(issue_id=issue_id, status=Delivery.Status.QUEUED)
            .filter(Q(not_before__isnull=True) | Q(not_before__lte=now))
            .order_by("id")
        )
        if connection.features.has_select_for_update_skip_locked:
            queued = queued.select_for_update(skip_locked=True)
        ids = list(queued.values_list("id", flat=True)[:size])
        if not ids:
            return []
        Delivery.objects.filter(id__in=ids, status=Delivery.Status.QUEUED).update(
            status=Delivery.Status.HANDING_OFF, claimed_by=owner, claimed_at=now, attempts=F("attempts") + 1
        )
    rows = list(
        Delivery.objects.filter(id__in=ids, status=Delivery.Status.HANDING_OFF, claimed_by=owner)
        .order_by("id")
        .values_list("id", "subscriber_id", "subscriber__email", "subscriber__email_hash")
    )
    return _drop_who_left(issue_id, rows, owner)


def _drop_who_left(issue_id: int, rows: list[tuple[int, int, str, str]], owner: str) -> list[Claimed]:
    """Skip people who unsubscribed or were suppressed after the send was prepared."""
    newsletter_id = Issue.objects.values_list("newsletter_id", flat=True).get(pk=issue_id)
    # Asked by subscriber only, the newsletter and status checked here: with them in the query,
    # SQLite walks the newsletter's whole audience index (every confirmed subscriber) for each
    # batch, and a send to 100,000 slowed as it went (docs/benchmarks.md, newsletters).
    still_in = {
        subscriber_id
        for subscriber_id, newsletter, status in Subscription.objects.filter(
            subscriber_id__in=[r[1] for r in rows]
        ).values_list("subscriber_id", "newsletter_id", "status")
        if newsletter == newsletter_id and status == Subscription.Status.CONFIRMED
    }
    suppressed = set(
        Suppression.objects.filter(email_hash__in=[r[3] for r in rows]).values_list("email_hash", flat=True)
    )
    skipped = [r[0] for r in rows if r[1] not in still_in or r[3] in suppressed]
    if skipped:
        Delivery.objects.filter(id__in=skipped).update(status=Delivery.Status.SKIPPED)
    return [Claimed(r[0], r[1], r[2], owner) for r in rows if r[0] not in skipped]


def _mark(ids: list[int], status: str, *, owner: str | None = None, **fields: Any) -> None:
    """Move handing_off rows on; with `owner`, only rows this claim still holds."""
    if ids:
        rows = Delivery.objects.filter(id__in=ids, status=Delivery.Status.HANDING_OFF)
        if owner is not None:
            rows = rows.filter(claimed_by=owner)
        rows.update(status=status, **fields)


def _requeue(ids: list[int], owner: str, **fields: Any) -> None:
    _mark(ids, Delivery.Status.QUEUED, owner=owner, claimed_by="", **fields)


class _Claim:
    """This batch's hold on its rows: renewed every third of the lease while the batch runs
    (the heartbeat), and asked before each hand-off whether a row is still ours.

    Between renewals nobody can take a row over: another worker takes a claim only once it is
    a whole lease old (or its process is gone), and ours is at most a third of one. So which
    rows are still ours is read from the database at each renewal (one query for the batch),
    not before every message; a batch woken from a stall longer than the lease renews first
    and skips whatever was taken over meanwhile (newsletters/tests/test_lease_takeover.py).
    """

    def __init__(self, batch: list[Claimed]) -> None:
        self.owner = batch[0].owner if batch else ""
        self.ids = [c.delivery_id for c in batch]
        self.held: set[int] = set()
        self.renewed = 0.0
        self.renew()  # however long ago the batch was claimed, start from what is ours now

    def renew(self) -> None:
        mine = Delivery.objects.filter(id__in=self.ids, status=Delivery.Status.HANDING_OFF, claimed_by=self.owner)
        mine.update(claimed_at=timezone.now())
        self.held = set(mine.values_list("id", flat=True))
        self.renewed = time.monotonic()

    def renew_if_due(self) -> None:
        if time.monotonic() - self.renewed >= claim_lease().total_seconds() / 3:
            self.renew()

    def holds(self, delivery_id: int) -> bool:
        self.renew_if_due()
        return delivery_id in self.held


# Errors after which the relay has definitely not taken the message (a reply to MAIL, RCPT or
# the end of DATA). 4xx replies are temporary (greylisting, a full queue): the row waits and is
# tried again; 5xx replies are final.
_REFUSED = (smtplib.SMTPRecipientsRefused, smtplib.SMTPSenderRefused, smtplib.SMTPDataError)
# Deferred rows wait 1, 2, 4, … minutes (at most 30); after this many tries they fail.
MAX_ATTEMPTS = 6


def _reply_code(error: Exception) -> int:
    if isinstance(error, smtplib.SMTPRecipientsRefused):
        codes = [code for code, _text in error.recipients.values()]
        return max(codes) if codes else 550
    return int(getattr(error, "smtp_code", 550) or 550)


def _is_anymail() -> bool:
    from anymail.backends.base import AnymailBaseBackend
    from django.utils.module_loading import import_string

    backend = import_string(settings.EMAIL_BACKEND)
    return isinstance(backend, type) and issubclass(backend, AnymailBaseBackend)


# An address that is its own addr-spec: what Django's prep_address would return unchanged, known
# without running the email package's header parser (two parses a message cost more than the
# SMTP exchange with a fast relay). Anything else goes through prep_address.
_ATOM = r"[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+"
_PLAIN_ADDRESS = re.compile(rf"{_ATOM}(\.{_ATOM})*@[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)+")


class _Envelope:
    """Hands prepared messages straight to the SMTP connection: the issue's sender is checked
    once per batch, each recipient by `_PLAIN_ADDRESS` (or prep_address), and the message bytes
    are already built (RenderedIssue.prepared). Other messages go through the backend as usual."""

    def __init__(self, backend: Any, rendered: RenderedIssue) -> None:
        self.backend = backend
        self.direct = isinstance(backend, SmtpBackend)
        self.sender = backend.prep_address(rendered.from_email) if self.direct else ""

    def send(self, message: Any, *, meanwhile: Callable[[], None] = lambda: None) -> None:
        """Hand one message over; `meanwhile` runs while the relay stores it (or after, when the
        message goes through the backend)."""
        if not (self.direct and isinstance(message, PreparedEmail)):
            self.backend.send_messages([message])
            meanwhile()
            return
        (recipient,) = message.to
        if not _PLAIN_ADDRESS.fullmatch(recipient):
            recipient = self.backend.prep_address(recipient)
        _sendmail(self.backend.connection, self.sender, recipient, message.raw, meanwhile)


_LINE_START_DOT = re.compile(rb"(?m)^\.")


def _sendmail(smtp: smtplib.SMTP, sender: str, recipient: str, raw: bytes, meanwhile: Callable[[], None]) -> None:
    """smtplib's `sendmail` for one recipient and a message already in bytes, the same commands,
    replies and errors, except that `meanwhile` runs after the data is sent and before the
    relay's reply to it is read: the time the relay spends storing the message."""
    smtp.ehlo_or_helo_if_needed()
    options = [f"size={len(raw)}"] if smtp.does_esmtp and smtp.has_extn("size") else []
    code, reply = smtp.mail(sender, options)
    if code != 250:
        _after_refusal(smtp, code)
        raise smtplib.SMTPSenderRefused(code, reply, sender)
    code, reply = smtp.rcpt(recipient)
    if code not in (250, 251):
        _after_refusal(smtp, code)
        raise smtplib.SMTPRecipientsRefused({recipient: (code, reply)})
    smtp.putcmd("data")
    code, reply = smtp.getreply()
    if code != 354:
        raise smtplib.SMTPDataError(code, reply)
    data = _LINE_START_DOT.sub(b"..", raw)
    if not data.endswith(b"\r\n"):
        data += b"\r\n"
    smtp.send(data + b".\r\n")
    meanwhile()
    code, reply = smtp.getreply()
    if code != 250:
        _after_refusal(smtp, code)
        raise smtplib.SMTPDataError(code, reply)


def _after_refusal(smtp: smtplib.SMTP, code: int) -> None:
    """What smtplib does after a refusal: 421 means the relay is closing; otherwise reset."""
    if code == 421:
        smtp.close()
    else:
        with contextlib.suppress(smtplib.SMTPServerDisconnected):  # as smtplib's own _rset
            smtp.rset()


class _Lookahead:
    """Each recipient's message, built while the relay stores the one before.

    Building a message (two signed links, the bodies' replacements, quoted-printable) costs
    about as much CPU as a fast relay takes to store one, so the next message is built between
    sending a message's data and reading the relay's reply to it (`_Envelope.send`'s
    `meanwhile`): the two overlap instead of adding up, in one thread (a second thread would
    make the sender wait for the GIL at every reply). An error while building a message is
    raised when that message is taken.
    """

    def __init__(self, rendered: RenderedIssue, batch: list[Claimed]) -> None:
        self.rendered = rendered
        self.batch = batch
        self.built: dict[int, tuple[Any, BaseException | None]] = {}

    def build(self, position: int) -> None:
        if position < len(self.batch) and position not in self.built:
            claimed = self.batch[position]
            try:
                message = self.rendered.prepared(subscriber_id=claimed.subscriber_id, email=claimed.email)
                self.built[position] = (message, None)
            except Exception as error:  # raised by take(), where that message would be sent
                self.built[position] = (None, error)

    def take(self, position: int) -> Any:
        self.build(position)
        message, error = self.built.pop(position)
        if error is not None:
            raise error
        return message


def _connected(backend: Any) -> bool:
    """Whether the SMTP connection is still open: a relay that said 421 (or hung up after its
    last reply) has closed it, and nothing of the next message would reach it."""
    smtp = getattr(backend, "connection", None)
    return smtp is not None and getattr(smtp, "sock", None) is not None


def send_batch(rendered: RenderedIssue, batch: list[Claimed]) -> tuple[int, int]:
    """Hand a claimed batch to the email backend; returns (sent, failed).

    SMTP: one connection for the batch, one message at a time, each only while this claim still
    holds the row (another worker may have taken it over). Accepted messages (the relay
    answered `250`) are recorded as sent after each message when nothing can be asked after a
    crash, or every RECORD_EVERY_WITH_CHECK messages when the relay's record can settle any row
    left in doubt (see CONTEXT.md). A 4xx reply defers the row (tried again later), a 5xx fails
    it. If the relay cannot be reached, or hangs up between messages, nothing is in doubt: the
    rest of the batch goes back to the queue and RelayUnavailable is raised. If the connection
    breaks during a hand-off, that message stays handing_off (in doubt, for reconcile) and the
    rest go back to the queue.
    """
    if not batch:
        return 0, 0
    if _is_anymail():
        from newsletters.provider_sending import send_batch_via_provider

        return send_batch_via_provider(rendered, batch)
    claim = _Claim(batch)
    record_every = 1 if configured_check() is None else RECORD_EVERY_WITH_CHECK
    accepted: list[int] = []
    sent = failed = 0
    backend = mail.mailers.default
    envelope = _Envelope(backend, rendered)
    try:
        backend.open()
    except (OSError, smtplib.SMTPException) as error:
        _requeue(claim.ids, claim.owner)
        raise RelayUnavailable(f"The mail relay could not be reached: {error}") from error
    ahead = _Lookahead(rendered, batch)
    try:
        for position, claimed in enumerate(batch):
            if not claim.holds(claimed.delivery_id):
                continue  # taken over after our lease lapsed: the new owner sends it
            if not _connected(backend):
                _record_sent(accepted, claim.owner)
                _requeue([c.delivery_id for c in batch[position:]], claim.owner)
                raise RelayUnavailable("The mail relay closed the connection.")
            message = ahead.take(position)
            try:
                envelope.send(message, meanwhile=functools.partial(ahead.build, position + 1))
            except ValueError as error:  # an address Django cannot put on the envelope
                _mark([claimed.delivery_id], Delivery.Status.FAILED, owner=claim.owner, error=str(error)[:300])
                failed += 1
                continue
            except _REFUSED as error:
                failed += _refused(claimed.delivery_id, claim.owner, error)
                continue
            except (smtplib.SMTPException, OSError) as error:
                # In doubt: the relay may or may not have the message. Everything after it in
                # the batch was never handed over and goes straight back to the queue; the
                # claim on the one in doubt is given up, so the next reconcile settles it.
                _requeue([c.delivery_id for c in batch[position + 1 :]], claim.owner)
                Delivery.objects.filter(pk=claimed.delivery_id, claimed_by=claim.owner).update(claimed_at=None)
                raise RelayUnavailable(f"The connection to the mail relay broke during a hand-off: {error}") from error
            accepted.append(claimed.delivery_id)
            sent += 1
            if len(accepted) >= record_every:
                _record_sent(accepted, claim.owner)
    finally:
        _record_sent(accepted, claim.owner)  # what the relay accepted before any error
        # Closing a broken connection must not hide the real error.
        with contextlib.suppress(Exception):
            backend.close()
    return sent, failed


def _refused(delivery_id: int, owner: str, error: Exception) -> int:
    """Record a refusal; returns 1 if the row failed for good, 0 if it was deferred."""
    code = _reply_code(error)
    text = str(error)[:300]
    attempts = Delivery.objects.filter(pk=delivery_id).values_list("attempts", flat=True).first() or 1
    if 400 <= code < 500 and attempts < MAX_ATTEMPTS:
        wait = timedelta(minutes=min(30, 2 ** (attempts - 1)))
        _requeue([delivery_id], owner, not_before=timezone.now() + wait, error=f"Deferred, will retry: {text}"[:300])
        return 0
    _mark([delivery_id], Delivery.Status.FAILED, owner=owner, error=text)
    return 1


def _record_sent(ids: list[int], owner: str | None = None) -> None:
    """Mark accepted deliveries sent (one statement) and empty the list."""
    if ids:
        _mark(ids, Delivery.Status.SENT, owner=owner, sent_at=timezone.now())
        ids.clear()
