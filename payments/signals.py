"""What payments tells the rest of Masthead. Receivers run inside the webhook's transaction,
so an event and everything it changed are stored together or not at all.

Every signal carries a snapshot (payments.snapshots) and `event_type`. Receivers decide from
the state of the object they are given, never from the order signals arrive in.

- subscription_changed(snapshot: SubscriptionSnapshot)
- invoice_changed(snapshot: InvoiceSnapshot)          paid, or a payment attempt failed
- payment_intent_changed(snapshot: PaymentIntentSnapshot)  one-time payments (not invoices);
  `metadata["purpose"]` says whose it is: "donation" (members), "gift" (issue 7)…
- charge_refunded(snapshot: RefundSnapshot)
- dispute_opened(snapshot: DisputeSnapshot)
"""

from django.dispatch import Signal

subscription_changed = Signal()
invoice_changed = Signal()
payment_intent_changed = Signal()
charge_refunded = Signal()
dispute_opened = Signal()
