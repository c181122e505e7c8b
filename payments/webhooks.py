"""Stripe webhooks: verify, record once, tell the owners, answer 200 quickly.

Order is never trusted: each receiver merges the object's state by its own rules (see
payments/CONTEXT.md). Duplicates are stopped by the unique event id, stored in the same
transaction as the receivers' writes.
"""

from __future__ import annotations

import logging
from datetime import UTC, datetime
from typing import Any

import stripe
from django.conf import settings
from django.db import IntegrityError, transaction
from django.http import HttpRequest, HttpResponse
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from payments import signals
from payments.models import StripeEvent
from payments.snapshots import (
    DisputeSnapshot,
    InvoiceSnapshot,
    PaymentIntentSnapshot,
    RefundSnapshot,
    SubscriptionSnapshot,
)

logger = logging.getLogger("masthead.payments")

SIGNATURE_TOLERANCE_SECONDS = 300


def _dispatch(event_type: str, obj: Any, at: int) -> None:
    if event_type in ("invoice.payment_succeeded", "invoice.paid"):
        signals.invoice_changed.send(
            sender=StripeEvent, snapshot=InvoiceSnapshot.from_stripe(obj, at=at), event_type=event_type
        )
    elif event_type == "invoice.payment_failed":
        failed = InvoiceSnapshot.from_stripe(obj, at=at, attempt_failed=True)
        signals.invoice_changed.send(sender=StripeEvent, snapshot=failed, event_type=event_type)
    elif event_type.startswith("customer.subscription."):
        subscription = SubscriptionSnapshot.from_stripe(obj, at=at)
        signals.subscription_changed.send(sender=StripeEvent, snapshot=subscription, event_type=event_type)
    elif event_type in ("payment_intent.succeeded", "payment_intent.payment_failed"):
        intent = PaymentIntentSnapshot.from_stripe(obj, at=at)
        signals.payment_intent_changed.send(sender=StripeEvent, snapshot=intent, event_type=event_type)
    elif event_type == "charge.refunded":
        signals.charge_refunded.send(
            sender=StripeEvent, snapshot=RefundSnapshot.from_charge(obj, at=at), event_type=event_type
        )
    elif event_type == "charge.dispute.created":
        signals.dispute_opened.send(
            sender=StripeEvent, snapshot=DisputeSnapshot.from_stripe(obj, at=at), event_type=event_type
        )


def process_event(event: Any) -> bool:
    """Apply one verified event. Returns False if it had been processed before. Atomic."""
    event_id = str(event["id"])
    event_type = str(event["type"])
    obj = event["data"]["object"]
    at = int(event["created"])
    try:
        with transaction.atomic():
            StripeEvent.objects.create(
                event_id=event_id,
                type=event_type,
                object_id=str(obj.get("id") or ""),
                stripe_created=datetime.fromtimestamp(at, UTC),
            )
            _dispatch(event_type, obj, at)
    except IntegrityError:
        if StripeEvent.objects.filter(event_id=event_id).exists():
            return False
        raise
    return True


@csrf_exempt
@require_POST
def stripe_webhook(request: HttpRequest) -> HttpResponse:
    secret = settings.STRIPE_WEBHOOK_SECRET
    signature = request.headers.get("Stripe-Signature", "")
    if not secret or not signature:
        return HttpResponse("Missing Stripe-Signature header.", status=400, content_type="text/plain")
    try:
        event = stripe.Webhook.construct_event(request.body, signature, secret, tolerance=SIGNATURE_TOLERANCE_SECONDS)
    except (ValueError, stripe.SignatureVerificationError):
        return HttpResponse("Signature or payload not valid.", status=400, content_type="text/plain")
    try:
        event = event.to_dict()
        event_id, event_type = event["id"], event["type"]
        event["data"]["object"]
    except (KeyError, TypeError):
        return HttpResponse("Not a Stripe event.", status=400, content_type="text/plain")
    fresh = process_event(event)
    logger.info("stripe event", extra={"event_id": event_id, "event_type": event_type, "fresh": fresh})
    return HttpResponse("ok" if fresh else "already processed", content_type="text/plain")
