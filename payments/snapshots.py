"""Plain descriptions of Stripe objects, so no other app ever handles a vendor object.

Each `from_stripe` accepts what real Stripe sends (API version pinned in client.py) and what
localstripe sends (which expands some ids into objects, e.g. `latest_charge`).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any


def _get(obj: Any, key: str, default: Any = None) -> Any:
    if obj is None:
        return default
    try:
        value = obj[key]
    except (KeyError, TypeError, AttributeError):
        return default
    return default if value is None else value


def _id(value: Any) -> str:
    """An id whether Stripe sent the id or the expanded object."""
    if value is None:
        return ""
    if isinstance(value, str):
        return value
    return str(_get(value, "id", ""))


def _when(timestamp: Any) -> datetime | None:
    if timestamp in (None, ""):
        return None
    return datetime.fromtimestamp(int(timestamp), UTC)


def _metadata(obj: Any) -> dict[str, str]:
    meta = _get(obj, "metadata", {}) or {}
    try:
        return {str(k): str(v) for k, v in dict(meta).items()}
    except (TypeError, ValueError):
        return {}


@dataclass(frozen=True)
class Card:
    brand: str = ""
    last4: str = ""
    exp_month: int = 0
    exp_year: int = 0

    @classmethod
    def from_payment_method(cls, pm: Any) -> Card:
        card = _get(pm, "card", {})
        return cls(
            brand=str(_get(card, "brand", "")),
            last4=str(_get(card, "last4", "")),
            exp_month=int(_get(card, "exp_month", 0)),
            exp_year=int(_get(card, "exp_year", 0)),
        )


@dataclass(frozen=True)
class PaymentIntentSnapshot:
    id: str
    status: str  # succeeded | requires_action | requires_payment_method | processing | canceled | …
    amount: int
    currency: str
    client_secret: str
    customer_id: str
    invoice_id: str
    charge_id: str
    error_code: str
    error_message: str
    metadata: dict[str, str]
    at: int  # when Stripe described the object this way (event.created or time of our API call)

    @classmethod
    def from_stripe(cls, pi: Any, *, at: int) -> PaymentIntentSnapshot:
        error = _get(pi, "last_payment_error", {})
        return cls(
            id=_id(pi),
            status=str(_get(pi, "status", "")),
            amount=int(_get(pi, "amount", 0)),
            currency=str(_get(pi, "currency", "")),
            client_secret=str(_get(pi, "client_secret", "")),
            customer_id=_id(_get(pi, "customer")),
            invoice_id=_id(_get(pi, "invoice")),
            charge_id=_id(_get(pi, "latest_charge")),
            error_code=str(_get(error, "decline_code", "") or _get(error, "code", "")),
            error_message=str(_get(error, "message", "")),
            metadata=_metadata(pi),
            at=at,
        )


@dataclass(frozen=True)
class InvoiceSnapshot:
    id: str
    status: str  # draft | open | paid | void | uncollectible
    subscription_id: str
    customer_id: str
    amount_due: int
    amount_paid: int
    currency: str
    billing_reason: str
    period_start: datetime | None  # the service period the subscription line pays for
    period_end: datetime | None
    payment_intent: PaymentIntentSnapshot | None
    payment_intent_id: str
    charge_id: str
    attempt_failed: bool  # this description comes from a failed payment attempt
    at: int

    @classmethod
    def from_stripe(cls, inv: Any, *, at: int, attempt_failed: bool = False) -> InvoiceSnapshot:
        # The invoice's own period_start/end are the *previous* period on renewals in real
        # Stripe; the subscription line's period is the one being paid for.
        lines = _get(_get(inv, "lines", {}), "data", []) or []
        starts = [_get(_get(line, "period"), "start") for line in lines]
        ends = [_get(_get(line, "period"), "end") for line in lines]
        starts = [s for s in starts if s]
        ends = [e for e in ends if e]
        raw_pi = _get(inv, "payment_intent")
        pi = (
            PaymentIntentSnapshot.from_stripe(raw_pi, at=at)
            if raw_pi is not None and not isinstance(raw_pi, str)
            else None
        )
        charge = _get(inv, "charge")
        return cls(
            id=_id(inv),
            status=str(_get(inv, "status", "")),
            subscription_id=_id(_get(inv, "subscription")),
            customer_id=_id(_get(inv, "customer")),
            amount_due=int(_get(inv, "amount_due", 0)),
            amount_paid=int(_get(inv, "amount_paid", 0)),
            currency=str(_get(inv, "currency", "")),
            billing_reason=str(_get(inv, "billing_reason", "")),
            period_start=_when(max(starts) if starts else _get(inv, "period_start")),
            period_end=_when(max(ends) if ends else _get(inv, "period_end")),
            payment_intent=pi,
            payment_intent_id=_id(raw_pi),
            charge_id=_id(charge) or (pi.charge_id if pi else ""),
            attempt_failed=attempt_failed,
            at=at,
        )


@dataclass(frozen=True)
class SubscriptionSnapshot:
    id: str
    status: str  # incomplete | incomplete_expired | trialing | active | past_due | unpaid | canceled
    customer_id: str
    plan_id: str
    amount: int
    currency: str
    interval: str
    cancel_at_period_end: bool
    current_period_end: datetime | None
    ended_at: datetime | None
    canceled_at: datetime | None
    metadata: dict[str, str]
    latest_invoice: InvoiceSnapshot | None
    at: int
    # Read from the API just now (not carried by an event): it wins a tie on `at`.
    fresh: bool = False

    @classmethod
    def from_stripe(cls, sub: Any, *, at: int, fresh: bool = False) -> SubscriptionSnapshot:
        items = _get(_get(sub, "items", {}), "data", []) or []
        plan = _get(sub, "plan") or (_get(items[0], "plan") if items else None)
        raw_invoice = _get(sub, "latest_invoice")
        invoice = (
            InvoiceSnapshot.from_stripe(raw_invoice, at=at)
            if raw_invoice is not None and not isinstance(raw_invoice, str)
            else None
        )
        period_end = _get(sub, "current_period_end") or (_get(items[0], "current_period_end") if items else None)
        return cls(
            id=_id(sub),
            status=str(_get(sub, "status", "")),
            customer_id=_id(_get(sub, "customer")),
            plan_id=_id(plan),
            amount=int(_get(plan, "amount", 0)),
            currency=str(_get(plan, "currency", "")),
            interval=str(_get(plan, "interval", "")),
            cancel_at_period_end=bool(_get(sub, "cancel_at_period_end", False)),
            current_period_end=_when(period_end),
            ended_at=_when(_get(sub, "ended_at")),
            canceled_at=_when(_get(sub, "canceled_at")),
            metadata=_metadata(sub),
            latest_invoice=invoice,
            at=at,
            fresh=fresh,
        )


@dataclass(frozen=True)
class RefundSnapshot:
    """What a `charge.refunded` event says: the charge and how much of it has gone back."""

    charge_id: str
    payment_intent_id: str
    invoice_id: str
    amount: int
    amount_refunded: int
    currency: str
    at: int

    @classmethod
    def from_charge(cls, charge: Any, *, at: int) -> RefundSnapshot:
        return cls(
            charge_id=_id(charge),
            payment_intent_id=_id(_get(charge, "payment_intent")),
            invoice_id=_id(_get(charge, "invoice")),
            amount=int(_get(charge, "amount", 0)),
            amount_refunded=int(_get(charge, "amount_refunded", 0)),
            currency=str(_get(charge, "currency", "")),
            at=at,
        )


@dataclass(frozen=True)
class DisputeSnapshot:
    id: str
    charge_id: str
    payment_intent_id: str
    amount: int
    reason: str
    status: str
    at: int

    @classmethod
    def from_stripe(cls, dispute: Any, *, at: int) -> DisputeSnapshot:
        return cls(
            id=_id(dispute),
            charge_id=_id(_get(dispute, "charge")),
            payment_intent_id=_id(_get(dispute, "payment_intent")),
            amount=int(_get(dispute, "amount", 0)),
            reason=str(_get(dispute, "reason", "")),
            status=str(_get(dispute, "status", "")),
            at=at,
        )


@dataclass(frozen=True)
class SetupIntentSnapshot:
    id: str
    status: str
    client_secret: str
    customer_id: str
    payment_method_id: str
    metadata: dict[str, str] = field(default_factory=dict)

    @classmethod
    def from_stripe(cls, si: Any) -> SetupIntentSnapshot:
        return cls(
            id=_id(si),
            status=str(_get(si, "status", "")),
            client_secret=str(_get(si, "client_secret", "")),
            customer_id=_id(_get(si, "customer")),
            payment_method_id=_id(_get(si, "payment_method")),
            metadata=_metadata(si),
        )
