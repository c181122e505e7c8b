"""Membership rules for paid memberships, as pure functions of what Stripe has told us.

No function here depends on the order facts arrived in: a subscription snapshot replaces the
stored one only if it is newer (terminal states always win), an invoice only moves forward
(pending → failed → paid), and everything shown to members is derived from the merged facts.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

# A renewal's webhook can arrive a little after the period ended; keep access meanwhile.
RENEWAL_SLACK = timedelta(days=3)
# A member whose renewal failed keeps access this long after the unpaid period began,
# while Stripe retries the card and we ask them to update it. Never longer.
PAST_DUE_GRACE = timedelta(days=7)

TERMINAL = frozenset({"canceled", "unpaid", "incomplete_expired"})
INVOICE_RANK = {"pending": 0, "requires_action": 1, "failed": 2, "succeeded": 3}


def snapshot_rank(status: str, at: int) -> tuple[int, int]:
    return (1 if status in TERMINAL else 0, at)


def snapshot_is_newer(
    *, stored_status: str, stored_at: int, incoming_status: str, incoming_at: int, fresh: bool = False
) -> bool:
    """Whether an incoming subscription snapshot replaces the stored one. On a tie an event
    keeps the stored one, so a late event never undoes what we read from the API in the same
    second; a fresh API read wins it."""
    if not stored_status:
        return True
    incoming, stored = snapshot_rank(incoming_status, incoming_at), snapshot_rank(stored_status, stored_at)
    return incoming >= stored if fresh else incoming > stored


def merged_payment_status(stored: str, incoming: str) -> str:
    return incoming if INVOICE_RANK.get(incoming, 0) > INVOICE_RANK.get(stored, 0) else stored


@dataclass(frozen=True)
class Derived:
    status: str  # pending | active | past_due | ended (Membership.Status values)
    paid_through: datetime | None
    access_until: datetime | None


def derive(
    *,
    stripe_status: str,
    stripe_ended_at: datetime | None,
    paid_periods: list[datetime],
    failed_periods: list[datetime],
    stripe_state_at: datetime | None,
) -> Derived:
    """The membership state implied by the latest subscription snapshot and the invoices.

    - paid_through is the end of the latest paid period.
    - A failed invoice for a period beyond paid_through means a renewal is unpaid: past due,
      even if the subscription snapshot we hold predates the failure.
    - Terminal Stripe states end access at the earlier of paid_through and when it ended.
    """
    paid_through = max(paid_periods) if paid_periods else None
    unpaid_renewal = (
        any(paid_through is None or end > paid_through for end in failed_periods) and paid_through is not None
    )
    if stripe_status in TERMINAL:
        ended = stripe_ended_at or stripe_state_at
        candidates = [when for when in (paid_through, ended) if when is not None]
        return Derived("ended", paid_through, min(candidates) if candidates else None)
    if paid_through is None:
        return Derived("pending", None, None)
    if stripe_status == "past_due" or unpaid_renewal:
        return Derived("past_due", paid_through, paid_through + PAST_DUE_GRACE)
    if stripe_status == "incomplete":
        return Derived("pending", paid_through, None)
    return Derived("active", paid_through, paid_through + RENEWAL_SLACK)
