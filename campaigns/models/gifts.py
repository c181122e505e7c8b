"""Gift memberships: bought by a buyer, delivered to a recipient, redeemed once (CONTEXT.md)."""

from __future__ import annotations

from datetime import timedelta

from django.db import models
from django.utils import timezone

CLAIM_WINDOW = timedelta(days=365)


class GiftMembership(models.Model):
    """One gift: what was bought, for whom, when it is delivered and what became of it."""

    class Status(models.TextChoices):
        PENDING = ("pending", "Waiting for payment")
        PAID = ("paid", "Paid, not yet delivered")
        DELIVERED = ("delivered", "Delivered")
        REDEEMED = ("redeemed", "Redeemed")
        VOIDED = ("voided", "Voided (refunded)")

    class Delivery(models.TextChoices):
        EMAIL = ("email", "We email it on the delivery date")
        LINK = ("link", "The buyer prints or forwards a link")

    MONTHS = [(1, "1 month"), (3, "3 months"), (6, "6 months"), (12, "12 months")]

    code = models.CharField(max_length=14, unique=True, help_text="XXXX-XXXX-XXXX, said aloud or typed.")
    status = models.CharField(max_length=12, choices=Status.choices, default=Status.PENDING, db_index=True)
    plan = models.ForeignKey("members.Plan", on_delete=models.PROTECT, related_name="+")
    months = models.PositiveSmallIntegerField(choices=MONTHS)
    amount = models.PositiveIntegerField(help_text="What the buyer paid, in cents.")
    currency = models.CharField(max_length=3)

    buyer = models.ForeignKey(
        "members.Member", null=True, blank=True, on_delete=models.SET_NULL, related_name="gifts_bought"
    )
    buyer_name = models.CharField(max_length=150, blank=True)
    buyer_email = models.EmailField(blank=True, help_text="Emptied when the buyer deletes their account.")
    recipient_name = models.CharField(max_length=150, blank=True)
    recipient_email = models.EmailField(blank=True)
    message = models.TextField(blank=True, max_length=1000)
    delivery = models.CharField(max_length=8, choices=Delivery.choices, default=Delivery.EMAIL)
    deliver_on = models.DateField(help_text="In the newsroom's time zone.")

    # Where the buyer started (same meaning as on members' Membership and Payment rows).
    source = models.CharField(max_length=20, default="direct")
    campaign_id = models.PositiveBigIntegerField(null=True, blank=True)
    article_page = models.ForeignKey(
        "wagtailcore.Page", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    # Paying is members' checkout of kind "gift" (card steps, Payment, Stripe); the gift points
    # at it. The checkout outlives the buyer's account, as the Payment does.
    checkout = models.OneToOneField(
        "members.Checkout", null=True, blank=True, on_delete=models.SET_NULL, related_name="gift"
    )

    created_at = models.DateTimeField(default=timezone.now)
    paid_at = models.DateTimeField(null=True, blank=True, db_index=True)
    delivered_at = models.DateTimeField(null=True, blank=True)
    # A worker handing the gift mail to the relay holds this lease; if it dies before recording
    # the delivery, the lease runs out and the next run sends again (same Message-ID).
    delivery_claimed_until = models.DateTimeField(null=True, blank=True)
    redeemed_at = models.DateTimeField(null=True, blank=True, db_index=True)
    voided_at = models.DateTimeField(null=True, blank=True)
    redeemed_by = models.ForeignKey(
        "members.Member", null=True, blank=True, on_delete=models.SET_NULL, related_name="gifts_redeemed"
    )
    membership = models.ForeignKey(
        "members.Membership", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    starts_at = models.DateTimeField(null=True, blank=True)
    ends_at = models.DateTimeField(null=True, blank=True)
    reminder_sent_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = "gift membership"
        indexes = [models.Index(fields=["status", "deliver_on"]), models.Index(fields=["status", "ends_at"])]

    def __str__(self) -> str:
        return f"Gift {self.code} for {self.recipient_name}"

    @property
    def payment_id(self) -> int | None:
        """members' Payment for this gift, once paying began (through its checkout)."""
        return self.checkout.payment_id if self.checkout is not None else None

    @property
    def payment(self):
        return self.checkout.payment if self.checkout is not None else None

    @property
    def claim_by(self):
        return (self.paid_at or self.created_at) + CLAIM_WINDOW

    @property
    def redeem_path(self) -> str:
        return f"/support/gift/redeem/{self.code}/"
