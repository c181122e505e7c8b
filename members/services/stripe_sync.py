"""Keeping memberships and payments in step with Stripe: plans, and every snapshot (webhook
or API answer) merged by members.billing's order-independent rules."""

from __future__ import annotations

import logging
from datetime import UTC, datetime

from django.db import transaction
from django.utils import timezone

from lib.money import format_money
from members import billing
from members.models import (
    Interval,
    Membership,
    Payment,
    Plan,
)
from members.services.accounts import log_event, member_refresh_summary, membership_settings
from members.signals import membership_started, payment_refunded, payment_succeeded
from payments import client
from payments.snapshots import (
    DisputeSnapshot,
    InvoiceSnapshot,
    PaymentIntentSnapshot,
    RefundSnapshot,
    SubscriptionSnapshot,
)

logger = logging.getLogger("masthead.members")


# --- Plans in Stripe --------------------------------------------------------------------------


def stripe_plan_id(*, slug: str, interval: str, amount: int, currency: str) -> str:
    """The Stripe Plan id for a price: named after it, so a new price makes a new Plan."""
    return f"masthead-{slug}-{interval}-{amount}{currency}"


def ensure_stripe_plan(*, plan: Plan | None, interval: str, amount: int, currency: str) -> str:
    """The Stripe Plan for this price, made if Stripe lacks it. Idempotent."""
    slug = plan.slug if plan else "donation"
    name = plan.name if plan else "Monthly donation"
    plan_id = stripe_plan_id(slug=slug, interval=interval, amount=amount, currency=currency)
    return client.ensure_plan(plan_id=plan_id, amount=amount, currency=currency, interval=interval, product_name=name)


def plans_sync_to_stripe() -> list[str]:
    """Create every active plan's monthly and yearly Stripe Plan. Idempotent."""
    currency = membership_settings().currency
    made = []
    for plan in Plan.objects.filter(active=True):
        for interval in (Interval.MONTH, Interval.YEAR):
            made.append(
                ensure_stripe_plan(plan=plan, interval=interval, amount=plan.amount_for(interval), currency=currency)
            )
    return made


# --- Keeping memberships in step with Stripe (webhooks and API answers) ----------------------


def _membership_for_subscription(subscription_id: str, metadata: dict[str, str] | None = None) -> Membership | None:
    if not subscription_id:
        return None
    membership = Membership.objects.select_for_update().filter(stripe_subscription_id=subscription_id).first()
    if membership is None and metadata and metadata.get("membership_id", "").isdigit():
        membership = Membership.objects.select_for_update().filter(pk=int(metadata["membership_id"])).first()
        if membership is not None and not membership.stripe_subscription_id:
            membership.stripe_subscription_id = subscription_id
            membership.save(update_fields=["stripe_subscription_id"])
    return membership


def _recompute(membership: Membership) -> None:
    """Derive status and access from the stored facts; send the news if it changed."""
    invoices = list(membership.payments.exclude(stripe_invoice_id=None).values_list("status", "period_end"))
    paid = [end for status, end in invoices if status == Payment.Status.SUCCEEDED and end]
    failed = [end for status, end in invoices if status == Payment.Status.FAILED and end]
    state_at = datetime.fromtimestamp(membership.stripe_state_at, UTC) if membership.stripe_state_at else None
    derived = billing.derive(
        stripe_status=membership.stripe_status,
        stripe_ended_at=membership.stripe_ended_at,
        paid_periods=paid,
        failed_periods=failed,
        stripe_state_at=state_at,
    )
    before = membership.status
    first_access = membership.started_at is None and derived.status in ("active", "past_due")
    membership.status = derived.status
    membership.paid_through = derived.paid_through
    membership.access_until = derived.access_until
    if first_access:
        membership.started_at = timezone.now()
    membership.save(update_fields=["status", "paid_through", "access_until", "started_at"])
    member = membership.member
    if before != derived.status:
        log_event(
            member=member,
            kind=f"membership_{derived.status}",
            message=f"{membership.label}: {membership.get_status_display()}.",
        )
    if first_access:
        membership_started.send(sender=Membership, membership_id=membership.pk)
        from members import tasks

        transaction.on_commit(lambda: tasks.send_welcome.enqueue(membership.pk))
    if derived.status == Membership.Status.PAST_DUE and before != derived.status:
        _notify_past_due(membership)
    member_refresh_summary(member=member)


def _notify_past_due(membership: Membership) -> None:
    failed = membership.payments.filter(status=Payment.Status.FAILED).order_by("-period_end").first()
    key = failed.stripe_invoice_id if failed and failed.stripe_invoice_id else "past_due"
    if membership.past_due_notified_for == key:
        return
    membership.past_due_notified_for = key
    membership.save(update_fields=["past_due_notified_for"])
    from members import tasks

    transaction.on_commit(lambda: tasks.send_past_due_notice.enqueue(membership.pk))


def subscription_apply(*, snapshot: SubscriptionSnapshot) -> Membership | None:
    """Merge a subscription snapshot into its membership. Idempotent; order-independent."""
    with transaction.atomic():
        membership = _membership_for_subscription(snapshot.id, snapshot.metadata)
        if membership is None:
            logger.info("subscription not ours", extra={"subscription": snapshot.id})
            return None
        if billing.snapshot_is_newer(
            stored_status=membership.stripe_status,
            stored_at=membership.stripe_state_at,
            incoming_status=snapshot.status,
            incoming_at=snapshot.at,
            fresh=snapshot.fresh,
        ):
            membership.stripe_status = snapshot.status
            membership.stripe_state_at = snapshot.at
            membership.cancel_at_period_end = snapshot.cancel_at_period_end
            membership.current_period_end = snapshot.current_period_end
            membership.stripe_ended_at = snapshot.ended_at or (
                snapshot.canceled_at if snapshot.status in billing.TERMINAL else None
            )
            if snapshot.plan_id:
                membership.stripe_plan_id = snapshot.plan_id
            if snapshot.amount:
                membership.amount = snapshot.amount
            if snapshot.interval in Interval.values:
                membership.interval = snapshot.interval
            membership.save()
        if snapshot.latest_invoice is not None and snapshot.latest_invoice.status in ("paid", "open"):
            _invoice_merge(membership, snapshot.latest_invoice)
        _recompute(membership)
        return membership


def _invoice_merge(membership: Membership, invoice: InvoiceSnapshot) -> Payment:
    if invoice.status == "paid":
        incoming = Payment.Status.SUCCEEDED
    elif invoice.attempt_failed or (
        invoice.payment_intent and invoice.payment_intent.status == "requires_payment_method"
    ):
        incoming = Payment.Status.FAILED
    elif invoice.payment_intent and invoice.payment_intent.status == "requires_action":
        incoming = Payment.Status.REQUIRES_ACTION
    else:
        incoming = Payment.Status.PENDING
    payment = _payment_for_charge(invoice.charge_id, invoice.payment_intent_id, invoice.id)
    if payment is None:
        payment = Payment(stripe_invoice_id=invoice.id, status=Payment.Status.PENDING)
    if payment.purpose in ("", Payment.Purpose.UNMATCHED):
        payment.stripe_invoice_id = invoice.id
        payment.member = membership.member
        payment.membership = membership
        payment.purpose = (
            Payment.Purpose.MEMBERSHIP if membership.kind == Membership.Kind.TIER else Payment.Purpose.DONATION
        )
        payment.recurring = True
        payment.amount = invoice.amount_paid or invoice.amount_due
        payment.currency = invoice.currency or membership.currency
        payment.source = membership.source
        payment.campaign_id = membership.campaign_id
        payment.article_page_id = membership.article_page_id
    status = billing.merged_payment_status(payment.status, incoming)
    newly_paid = status == Payment.Status.SUCCEEDED and payment.status != status
    payment.status = status
    payment.period_start = payment.period_start or invoice.period_start
    payment.period_end = payment.period_end or invoice.period_end
    payment.stripe_payment_intent_id = payment.stripe_payment_intent_id or invoice.payment_intent_id or None
    payment.stripe_charge_id = payment.stripe_charge_id or invoice.charge_id
    if newly_paid:
        payment.paid_at = datetime.fromtimestamp(invoice.at, UTC)
        payment.amount = invoice.amount_paid or payment.amount
        payment.failure_message = ""
    elif status == Payment.Status.FAILED and invoice.payment_intent:
        payment.failure_message = invoice.payment_intent.error_message[:255]
    payment.save()
    if newly_paid:
        _payment_succeeded(payment)
    return payment


def _payment_succeeded(payment: Payment) -> None:
    if payment.member is not None:
        membership = payment.membership
        renewal = membership is not None and membership.payments.filter(status=Payment.Status.SUCCEEDED).count() > 1
        what = "Renewal" if renewal else payment.get_purpose_display()
        log_event(member=payment.member, kind="payment", message=f"{what} paid: {payment}.")
    payment_succeeded.send(sender=Payment, payment_id=payment.pk)
    from members import tasks

    transaction.on_commit(lambda: tasks.send_receipt.enqueue(payment.pk))


def invoice_apply(*, invoice: InvoiceSnapshot) -> Payment | None:
    """Record a subscription invoice (paid, or a failed attempt) and re-derive the membership."""
    with transaction.atomic():
        membership = _membership_for_subscription(invoice.subscription_id)
        if membership is None:
            return None
        payment = _invoice_merge(membership, invoice)
        _recompute(membership)
        return payment


def payment_intent_apply(*, pi: PaymentIntentSnapshot, payment: Payment | None = None) -> Payment | None:
    """Record the outcome of a one-time payment. Invoice payments are handled by invoice_apply."""
    if pi.invoice_id:
        return None
    with transaction.atomic():
        if payment is None:
            payment = (
                Payment.objects.select_for_update().filter(stripe_payment_intent_id=pi.id).first() if pi.id else None
            )
        if payment is None and pi.metadata.get("payment_id", "").isdigit():
            payment = Payment.objects.select_for_update().filter(pk=int(pi.metadata["payment_id"])).first()
        if payment is None or payment.stripe_invoice_id or payment.purpose == Payment.Purpose.UNMATCHED:
            return None
        incoming = {
            "succeeded": Payment.Status.SUCCEEDED,
            "requires_action": Payment.Status.REQUIRES_ACTION,
            "requires_payment_method": Payment.Status.FAILED,
            "canceled": Payment.Status.FAILED,
        }.get(pi.status, Payment.Status.PENDING)
        status = billing.merged_payment_status(payment.status, incoming)
        newly_paid = status == Payment.Status.SUCCEEDED and payment.status != status
        payment.status = status
        if pi.id:
            payment.stripe_payment_intent_id = pi.id
        payment.stripe_charge_id = payment.stripe_charge_id or pi.charge_id
        if status == Payment.Status.FAILED:
            payment.failure_message = (pi.error_message or client.decline_message(pi.error_code))[:255]
        if newly_paid:
            payment.paid_at = datetime.fromtimestamp(pi.at, UTC)
            payment.failure_message = ""
        payment.save()
        if newly_paid:
            _payment_succeeded(payment)
        return payment


def _payment_for_charge(charge_id: str, payment_intent_id: str, invoice_id: str) -> Payment | None:
    query = Payment.objects.select_for_update()
    for field, value in (
        ("stripe_charge_id", charge_id),
        ("stripe_payment_intent_id", payment_intent_id),
        ("stripe_invoice_id", invoice_id),
    ):
        if value:
            payment = query.filter(**{field: value}).first()
            if payment is not None:
                return payment
    return None


def _unmatched_payment(
    *, charge_id: str, payment_intent_id: str, invoice_id: str, amount: int, currency: str
) -> Payment:
    """A refund or dispute can arrive before its payment; keep it so it is not lost."""
    return Payment.objects.create(
        purpose=Payment.Purpose.UNMATCHED,
        amount=amount,
        currency=currency or "usd",
        stripe_charge_id=charge_id,
        stripe_payment_intent_id=payment_intent_id or None,
        stripe_invoice_id=invoice_id or None,
    )


def refund_apply(*, refund: RefundSnapshot) -> Payment | None:
    """Record how much of a payment went back. The largest amount seen wins, so duplicates and
    out-of-order partial refunds end in the same place."""
    with transaction.atomic():
        payment = _payment_for_charge(refund.charge_id, refund.payment_intent_id, refund.invoice_id)
        if payment is None:
            payment = _unmatched_payment(
                charge_id=refund.charge_id,
                payment_intent_id=refund.payment_intent_id,
                invoice_id=refund.invoice_id,
                amount=refund.amount,
                currency=refund.currency,
            )
        if refund.amount_refunded > payment.amount_refunded:
            payment.amount_refunded = refund.amount_refunded
            payment.stripe_charge_id = payment.stripe_charge_id or refund.charge_id
            payment.save(update_fields=["amount_refunded", "stripe_charge_id"])
            if payment.member is not None:
                refunded = format_money(refund.amount_refunded, payment.currency)
                log_event(member=payment.member, kind="refund", message=f"Refunded {refunded} of {payment}.")
            if payment.purpose != Payment.Purpose.UNMATCHED:
                payment_refunded.send(
                    sender=Payment,
                    payment_id=payment.pk,
                    purpose=payment.purpose,
                    fully=payment.is_refunded,
                )
        return payment


def dispute_apply(*, dispute: DisputeSnapshot) -> Payment | None:
    """Record that the bank disputes a payment (once); a dispute before its payment is kept
    as an unmatched row so it is not lost."""
    with transaction.atomic():
        payment = _payment_for_charge(dispute.charge_id, dispute.payment_intent_id, "")
        if payment is None:
            payment = _unmatched_payment(
                charge_id=dispute.charge_id,
                payment_intent_id=dispute.payment_intent_id,
                invoice_id="",
                amount=dispute.amount,
                currency="",
            )
        if payment.disputed:
            return payment
        payment.disputed = True
        payment.save(update_fields=["disputed"])
        if payment.member is not None:
            log_event(
                member=payment.member,
                kind="dispute",
                message=f"The bank disputes {payment} ({dispute.reason or 'no reason given'}).",
            )
        return payment
