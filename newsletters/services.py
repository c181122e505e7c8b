"""Writes of the newsletters app: sign-up, confirmation, leaving, suppression and issues.

Every function is keyword-only and says what it promises. Email is never sent here: tasks
send it after the transaction commits, so a request takes as long for a known address as for
an unknown one.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from django.core.cache import cache
from django.db import transaction
from django.utils import timezone

from lib.email_address import normalise_email
from newsletters import tokens
from newsletters.models import (
    ConsentRecord,
    Issue,
    Newsletter,
    Subscriber,
    Subscription,
    Suppression,
    email_hash,
)

# Bump when the sign-up wording next to the forms changes; stored with every consent record.
CONSENT_WORDING_VERSION = "2026-11-a"
CONSENT_WORDING = "We will email you the newsletters you choose. Every email has a link to unsubscribe in one click."
CONFIRMATION_EMAIL_INTERVAL = timedelta(hours=1)


@dataclass(frozen=True)
class ConsentContext:
    form: str = ""
    page: str = ""
    ip_address: str | None = None


def is_suppressed(address: str) -> bool:
    return Suppression.objects.filter(email_hash=email_hash(address)).exists()


def _confirmation_sent_recently(subscriber: Subscriber, now: datetime) -> bool:
    sent = subscriber.confirmation_sent_at
    return sent is not None and now - sent < CONFIRMATION_EMAIL_INTERVAL


def _note_confirmation_asked(address: str, now: datetime) -> datetime | None:
    """Remember that a confirmation email was asked for this address, known or not (in the
    cache, by hash). Returns None for the first ask in CONFIRMATION_EMAIL_INTERVAL, else when
    another can be asked for. Keyed on the asking, not on our records, so the answer built on
    it is the same for an address we know and one we don't."""
    key = f"newsletters:confirmation-asked:{email_hash(address)}"
    if cache.add(key, now.timestamp(), timeout=int(CONFIRMATION_EMAIL_INTERVAL.total_seconds())):
        return None
    asked = cache.get(key)
    if asked is None:
        return None
    return datetime.fromtimestamp(float(asked), tz=now.tzinfo) + CONFIRMATION_EMAIL_INTERVAL


def _mark_confirmation_sent(subscriber: Subscriber, now: datetime) -> None:
    subscriber.confirmation_sent_at = now
    subscriber.save(update_fields=["confirmation_sent_at"])


def subscriber_request(
    *, email: str, newsletter_ids: Iterable[int], consent: ConsentContext, now: datetime | None = None
) -> None:
    """Ask to subscribe `email` to public newsletters. Returns nothing on purpose: the caller
    must answer the same whether the address was new, pending, confirmed or suppressed.

    Creates pending subscriptions and a consent record, and sends at most one confirmation
    email per address per hour (from a task, after commit). Idempotent for repeats.
    """
    from newsletters import tasks

    now = now or timezone.now()
    address = normalise_email(email)
    _note_confirmation_asked(address, now)
    if is_suppressed(address):
        return
    chosen = list(Newsletter.objects.filter(pk__in=list(newsletter_ids), is_public=True).values_list("pk", flat=True))
    if not chosen:
        return
    with transaction.atomic():
        subscriber, _ = Subscriber.objects.get_or_create(
            email=address, defaults={"email_hash": email_hash(address), "created_at": now}
        )
        needs_confirmation = False
        for newsletter_id in chosen:
            subscription, _created = Subscription.objects.get_or_create(
                subscriber=subscriber, newsletter_id=newsletter_id, defaults={"requested_at": now}
            )
            if subscription.status == Subscription.Status.CONFIRMED:
                continue
            if subscription.status == Subscription.Status.UNSUBSCRIBED:
                subscription.status = Subscription.Status.PENDING
                subscription.requested_at = now
                subscription.save(update_fields=["status", "requested_at"])
            needs_confirmation = True
            ConsentRecord.objects.create(
                subscriber=subscriber,
                newsletter_id=newsletter_id,
                action=ConsentRecord.Action.REQUESTED,
                at=now,
                form=consent.form[:40],
                page=consent.page[:500],
                ip_address=consent.ip_address,
                wording_version=CONSENT_WORDING_VERSION,
            )
        if needs_confirmation and not _confirmation_sent_recently(subscriber, now):
            _mark_confirmation_sent(subscriber, now)
            subscriber_id = subscriber.pk
            transaction.on_commit(lambda: tasks.send_confirmation_email.enqueue(subscriber_id))


def pending_newsletter_ids(subscriber_id: int) -> list[int]:
    return list(
        Subscription.objects.filter(subscriber_id=subscriber_id, status=Subscription.Status.PENDING)
        .order_by("newsletter__sort_order")
        .values_list("newsletter_id", flat=True)
    )


@dataclass
class ConfirmOutcome:
    subscriber: Subscriber
    newly_confirmed: list[Newsletter] = field(default_factory=list)
    confirmed: list[Newsletter] = field(default_factory=list)


def subscription_confirm(*, token: str, ip_address: str | None = None, now: datetime | None = None) -> ConfirmOutcome:
    """Confirm the subscriptions named in a confirmation link (raises tokens.BadToken).

    Idempotent: confirming twice changes nothing and sends no second welcome email. A
    subscription the person has since left is not revived by an old link.
    """
    from newsletters import tasks

    now = now or timezone.now()
    data = tokens.read_confirm_token(token)
    with transaction.atomic():
        subscriber = Subscriber.objects.filter(pk=data.subscriber_id).first()
        if subscriber is None:
            raise tokens.BadToken(expired=False)
        outcome = ConfirmOutcome(subscriber=subscriber)
        subscriptions = Subscription.objects.select_related("newsletter").filter(
            subscriber=subscriber, newsletter_id__in=data.newsletter_ids
        )
        for subscription in subscriptions:
            if subscription.status == Subscription.Status.PENDING and not is_suppressed(subscriber.email):
                subscription.status = Subscription.Status.CONFIRMED
                subscription.confirmed_at = now
                subscription.save(update_fields=["status", "confirmed_at"])
                ConsentRecord.objects.create(
                    subscriber=subscriber,
                    newsletter=subscription.newsletter,
                    action=ConsentRecord.Action.CONFIRMED,
                    at=now,
                    form="confirmation-email",
                    ip_address=ip_address,
                    wording_version=CONSENT_WORDING_VERSION,
                )
                outcome.newly_confirmed.append(subscription.newsletter)
            if subscription.status == Subscription.Status.CONFIRMED:
                outcome.confirmed.append(subscription.newsletter)
        if outcome.newly_confirmed:
            ids = [n.pk for n in outcome.newly_confirmed]
            transaction.on_commit(lambda: tasks.send_welcome_email.enqueue(subscriber.pk, ids))
    return outcome


def confirmation_resend(*, email: str, now: datetime | None = None) -> datetime | None:
    """Send a fresh confirmation link for whatever is still pending; same rules as subscribing
    (at most one email per address per hour). Returns None if this ask may have sent one, or,
    when one was asked for this address within the hour (by sign-up or here), the time another
    can be asked for. Which of the two depends only on earlier asks, never on whether the
    address is known, so a caller can say it without revealing that."""
    from newsletters import tasks

    now = now or timezone.now()
    address = normalise_email(email)
    retry_at = _note_confirmation_asked(address, now)
    if retry_at is not None:
        return retry_at
    subscriber = Subscriber.objects.filter(email=address).first()
    if subscriber is None or is_suppressed(subscriber.email) or not pending_newsletter_ids(subscriber.pk):
        return None
    if _confirmation_sent_recently(subscriber, now):
        return None
    _mark_confirmation_sent(subscriber, now)
    subscriber_id = subscriber.pk
    transaction.on_commit(lambda: tasks.send_confirmation_email.enqueue(subscriber_id))
    return None


def subscription_leave(
    *, subscriber_id: int, newsletter_ids: Iterable[int] | None = None, via: str, now: datetime | None = None
) -> int:
    """Unsubscribe from the given newsletters (None: from all). Idempotent; returns how many
    subscriptions changed. Withdrawal is recorded like consent."""
    now = now or timezone.now()
    with transaction.atomic():
        subscriptions = Subscription.objects.filter(subscriber_id=subscriber_id).exclude(
            status=Subscription.Status.UNSUBSCRIBED
        )
        if newsletter_ids is not None:
            subscriptions = subscriptions.filter(newsletter_id__in=list(newsletter_ids))
        changed = list(subscriptions.values_list("newsletter_id", flat=True))
        subscriptions.update(status=Subscription.Status.UNSUBSCRIBED, unsubscribed_at=now)
        ConsentRecord.objects.bulk_create(
            ConsentRecord(
                subscriber_id=subscriber_id,
                newsletter_id=newsletter_id,
                action=ConsentRecord.Action.WITHDRAWN,
                at=now,
                form=via[:40],
                wording_version=CONSENT_WORDING_VERSION,
            )
            for newsletter_id in changed
        )
    return len(changed)


def preferences_update(*, subscriber_id: int, newsletter_ids: Iterable[int], now: datetime | None = None) -> None:
    """Keep exactly the chosen newsletters. The signed preference link proves the address, so
    newly chosen newsletters are confirmed at once (no second opt-in round)."""
    now = now or timezone.now()
    wanted = set(Newsletter.objects.filter(pk__in=list(newsletter_ids), is_public=True).values_list("pk", flat=True))
    with transaction.atomic():
        subscriber = Subscriber.objects.get(pk=subscriber_id)
        current = {s.newsletter_id: s for s in Subscription.objects.filter(subscriber=subscriber)}
        leaving = [nid for nid, s in current.items() if nid not in wanted and s.status != "unsubscribed"]
        if leaving:
            subscription_leave(subscriber_id=subscriber_id, newsletter_ids=leaving, via="preferences", now=now)
        if is_suppressed(subscriber.email):
            return
        for newsletter_id in wanted:
            subscription = current.get(newsletter_id)
            if subscription is not None and subscription.status == Subscription.Status.CONFIRMED:
                continue
            Subscription.objects.update_or_create(
                subscriber=subscriber,
                newsletter_id=newsletter_id,
                defaults={"status": Subscription.Status.CONFIRMED, "confirmed_at": now, "requested_at": now},
            )
            ConsentRecord.objects.create(
                subscriber=subscriber,
                newsletter_id=newsletter_id,
                action=ConsentRecord.Action.CONFIRMED,
                at=now,
                form="preferences",
                wording_version=CONSENT_WORDING_VERSION,
            )


def suppression_add(*, email: str, reason: str, now: datetime | None = None) -> bool:
    """Put an address on the suppression list and unsubscribe it from everything.

    Idempotent; returns True if the address was not suppressed before. Only the hash is kept
    on the list, so it survives deleting the person's data.
    """
    now = now or timezone.now()
    address = normalise_email(email)
    with transaction.atomic():
        _entry, created = Suppression.objects.get_or_create(
            email_hash=email_hash(address), defaults={"reason": reason, "created_at": now}
        )
        subscriber = Subscriber.objects.filter(email=address).first()
        if subscriber is not None:
            subscription_leave(subscriber_id=subscriber.pk, via=f"suppression:{reason}", now=now)
    return created


def subscriber_erase(*, email: str) -> bool:
    """Delete everything this app holds about an address: the subscriber, its subscriptions,
    consent records and deliveries. A suppression entry (only a hash) stays, so an address that
    bounced or complained is never emailed again. Idempotent; returns True if a subscriber was
    deleted. Matches on the hash, so the letter case of the address does not matter."""
    with transaction.atomic():
        deleted, _ = Subscriber.objects.filter(email_hash=email_hash(normalise_email(email))).delete()
    return deleted > 0


# --- issues ----------------------------------------------------------------------------------


def issue_from_article(*, article_id: int, newsletter_id: int) -> Issue:
    """A draft issue that presents one article: its headline as subject, its card as body."""
    from newsroom.models import ArticlePage

    article = ArticlePage.objects.get(pk=article_id)
    return Issue.objects.create(
        newsletter_id=newsletter_id,
        subject=article.title,
        preheader=article.standfirst[:200],
        source_article=article,
        body=[
            ("paragraph", f"<p>{article.standfirst}</p>"),
            ("article_card", {"article": article, "blurb": ""}),
        ],
    )


class IssueNotEditable(Exception):
    pass


def issue_schedule(*, issue_id: int, send_at: datetime) -> Issue:
    """Schedule a draft; the worker's clock starts the send when the time comes."""
    with transaction.atomic():
        issue = Issue.objects.select_for_update().get(pk=issue_id)
        if not issue.is_editable:
            raise IssueNotEditable("This issue is already being sent or was sent.")
        issue.status = Issue.Status.SCHEDULED
        issue.send_at = send_at
        issue.save(update_fields=["status", "send_at"])
    return issue


def issue_send_start(*, issue_id: int, now: datetime | None = None, enqueue: bool = True) -> Issue:
    """Start sending: the audience is fixed at this moment (`send_started_at`), so people who
    confirm later are not included. Idempotent: starting a started send changes nothing."""
    from newsletters import tasks

    now = now or timezone.now()
    with transaction.atomic():
        issue = Issue.objects.select_for_update().get(pk=issue_id)
        if issue.status in {Issue.Status.DRAFT, Issue.Status.SCHEDULED}:
            issue.status = Issue.Status.SENDING
            issue.send_started_at = now
            issue.save(update_fields=["status", "send_started_at"])
            if enqueue:
                transaction.on_commit(lambda: tasks.send_issue.enqueue(issue_id))
    return issue


def deliveries_retry_failed(*, issue_id: int) -> int:
    """Put failed deliveries back in the queue and restart the send; returns how many."""
    from newsletters import tasks
    from newsletters.models import Delivery

    with transaction.atomic():
        count = Delivery.objects.filter(issue_id=issue_id, status=Delivery.Status.FAILED).update(
            status=Delivery.Status.QUEUED, error="", claimed_by=""
        )
        if count:
            Issue.objects.filter(pk=issue_id).update(status=Issue.Status.SENDING, finished_at=None)
            transaction.on_commit(lambda: tasks.send_issue.enqueue(issue_id))
    return count
