"""Sending an issue exactly once to every confirmed subscriber, crash or not.

The protocol, its states and its assumptions are written out in CONTEXT.md ("Sending"). In
short: `prepare` writes one Delivery per recipient in one statement; a worker `claims` a batch
(queued → handing_off, stamped with its id), opens one connection, hands messages over one by
one and records each accepted message as sent; a row still handing_off when its worker is
gone is *in doubt* and `reconcile` resolves it by asking the relay's record for its
Message-ID (or, where no record can be asked, by the NEWSLETTERS_IN_DOUBT policy).

This module is the whole send (`deliver_issue`); its halves are newsletters.handoff (prepare,
claim, hand off, record) and newsletters.reconcile (in-doubt rows, back-off, progress).
"""

from __future__ import annotations

from collections.abc import Callable

from django.conf import settings
from django.utils import timezone

# The two halves, re-exported: callers (tasks, the CMS, tests) name `sending.<anything>`.
from newsletters.handoff import (  # noqa: F401
    CLAIM_LEASE,
    HOST,
    MAX_ATTEMPTS,
    RECORD_EVERY_WITH_CHECK,
    Claimed,
    DeliveryCheck,
    RelayUnavailable,
    _Claim,
    _mark,
    _requeue,
    claim_batch,
    claim_id,
    claim_lease,
    configured_check,
    prepare,
    send_batch,
    worker_id,
)
from newsletters.models import Issue
from newsletters.reconcile import Progress, _back_off, progress, reconcile
from newsletters.rendering import RenderedIssue, render_issue


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
    if issue.relay_retry_at is not None and issue.relay_retry_at > timezone.now():
        return progress(issue)  # the relay was unreachable: wait for the back-off to pass
    reconcile(issue_id)
    prepare(issue_id)
    issue.refresh_from_db()
    rendered: RenderedIssue | None = None  # rendered on the first claim: a finished send needs none
    try:
        while True:
            while batch := claim_batch(issue_id, batch_size):
                rendered = rendered or render_issue(issue)
                send_batch(rendered, batch)
                if issue.relay_failures:
                    Issue.objects.filter(pk=issue_id).update(relay_failures=0, relay_retry_at=None, relay_error="")
                    issue.relay_failures = 0
                if on_batch is not None:
                    on_batch(progress(issue))
            if reconcile(issue_id)["requeued"] == 0:
                break
    except RelayUnavailable as error:
        _back_off(issue, str(error))
        return progress(issue)
    final = progress(issue)
    if final.queued == 0 and final.handing_off == 0:
        finished = Issue.objects.filter(pk=issue_id, finished_at__isnull=True).update(
            status=Issue.Status.SENT, finished_at=timezone.now()
        )
        if finished:
            from newsroom.page_cache import purge_pages_showing

            purge_pages_showing(issue, reason="newsletter issue sent")  # its newsletter page lists it
    return final
