"""Settling deliveries left in doubt (CONTEXT.md "Sending", step 5), backing off while the
relay is unreachable, and counting where a send stands (its progress)."""

from __future__ import annotations

import logging
import time
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.conf import settings
from django.db.models import Count, Q
from django.utils import timezone

from lib import worker_identity
from newsletters.handoff import DeliveryCheck, _mark, claim_lease, configured_check
from newsletters.models import Delivery, Issue, delivery_message_id

logger = logging.getLogger("masthead.newsletters")


# --- reconcile --------------------------------------------------------------------------------


def _owner_is_gone(claimed_by: str, claimed_at: datetime | None, now: datetime) -> bool:
    """A claim is abandoned when its lease lapsed (not renewed for claim_lease()), when it was
    given up (claimed_at cleared after a broken hand-off), or when its process on this host
    has exited (lib/worker_identity.py)."""
    return worker_identity.is_gone(claimed_by, claimed_at, now, lease=claim_lease())


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


def _back_off(issue: Issue, error: str) -> None:
    """The relay could not take the batch: wait 1, 2, 4, … minutes (at most 30) before the next
    try (resume_sending picks the send up again), and tell staff on the send page why."""
    failures = Issue.objects.values_list("relay_failures", flat=True).get(pk=issue.pk) + 1
    retry_at = timezone.now() + timedelta(minutes=min(30, 2 ** (failures - 1)))
    Issue.objects.filter(pk=issue.pk).update(relay_failures=failures, relay_retry_at=retry_at, relay_error=error[:300])
    logger.warning("mail relay unavailable", extra={"issue": issue.pk, "failures": failures, "error": error[:300]})


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
