"""The ledger of Stripe events already handled. Money records live with their owners
(members.Payment), because refunds and receipts are membership business, not Stripe's."""

from __future__ import annotations

from django.db import models


class StripeEvent(models.Model):
    """One webhook event Stripe sent us, stored in the same transaction as its effect.

    The unique event id is what makes each event count once however often it arrives.
    """

    event_id = models.CharField(max_length=255, unique=True)
    type = models.CharField(max_length=100)
    object_id = models.CharField(max_length=255, blank=True)
    stripe_created = models.DateTimeField()
    received_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-received_at"]
        indexes = [models.Index(fields=["object_id"])]

    def __str__(self) -> str:
        return f"{self.type} {self.event_id}"
