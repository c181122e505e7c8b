"""Memberships, payments and checkouts: the money members pay and every attempt to pay."""

from __future__ import annotations

import uuid
from datetime import datetime

from django.db import models
from django.utils import timezone

from members.models.accounts import Member
from members.models.plans import Attribution, Interval, Plan


class Membership(Attribution):
    """One continuous paid, complimentary or imported membership, or a monthly donation.

    Paid ones mirror one Stripe subscription. The stripe_* fields hold the latest snapshot of
    it we have seen (by `stripe_state_at`); status/paid_through/access_until are derived from
    that snapshot and the membership's paid invoices by members.billing.derive().
    """

    class Kind(models.TextChoices):
        TIER = "tier", "Membership"
        DONATION = "donation", "Monthly donation"
        COMPLIMENTARY = "complimentary", "Complimentary"
        IMPORTED = "imported", "Imported"

    class Status(models.TextChoices):
        PENDING = "pending", "Pending"
        ACTIVE = "active", "Active"
        PAST_DUE = "past_due", "Past due"
        ENDED = "ended", "Ended"

    member = models.ForeignKey(Member, on_delete=models.CASCADE, related_name="memberships")
    kind = models.CharField(max_length=20, choices=Kind.choices, default=Kind.TIER)
    plan = models.ForeignKey(Plan, null=True, blank=True, on_delete=models.PROTECT, related_name="memberships")
    interval = models.CharField(max_length=10, choices=Interval.choices, default=Interval.MONTH)
    amount = models.PositiveIntegerField(default=0, help_text="Per interval, in cents.")
    currency = models.CharField(max_length=3, default="usd")
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.PENDING, db_index=True)
    started_at = models.DateTimeField(null=True, blank=True)
    paid_through = models.DateTimeField(null=True, blank=True)
    access_until = models.DateTimeField(null=True, blank=True)
    ends_at = models.DateTimeField(null=True, blank=True, help_text="For complimentary memberships.")
    note = models.CharField(max_length=255, blank=True)
    granted_by = models.CharField(max_length=150, blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    idempotency_key = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    stripe_subscription_id = models.CharField(max_length=255, unique=True, null=True, blank=True)
    stripe_plan_id = models.CharField(max_length=255, blank=True)
    stripe_status = models.CharField(max_length=30, blank=True)
    stripe_state_at = models.BigIntegerField(default=0)
    cancel_at_period_end = models.BooleanField(default=False)
    current_period_end = models.DateTimeField(null=True, blank=True)
    stripe_ended_at = models.DateTimeField(null=True, blank=True)
    past_due_notified_for = models.CharField(max_length=255, blank=True, help_text="Invoice we last emailed about.")

    class Meta:
        ordering = ["-created_at"]
        # New members in a drive's period (campaigns/tally.py).
        indexes = [models.Index(fields=["kind", "started_at"], name="members_membership_started")]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} for {self.member}"

    @property
    def has_access(self) -> bool:
        return self.access_until is not None and self.access_until > timezone.now()

    @property
    def label(self) -> str:
        if self.plan:
            return f"{self.plan.name} ({self.get_interval_display().lower()})"
        return self.get_kind_display()


class Payment(Attribution):
    """Money a member paid or tried to pay: an invoice of a subscription or a one-time charge.

    Kept after the member deletes their account (the law wants payment records), with the
    member unlinked and only a hash of the email left.
    """

    class Purpose(models.TextChoices):
        MEMBERSHIP = "membership", "Membership"
        DONATION = "donation", "Donation"
        GIFT = "gift", "Gift membership"
        # A refund or dispute arrived before the payment it belongs to; adopted when it comes.
        UNMATCHED = "unmatched", "Not matched yet"

    class Status(models.TextChoices):
        PENDING = "pending", "Pending"
        REQUIRES_ACTION = "requires_action", "Waiting for bank check"
        FAILED = "failed", "Failed"
        SUCCEEDED = "succeeded", "Paid"

    member = models.ForeignKey(Member, null=True, blank=True, on_delete=models.SET_NULL, related_name="payments")
    membership = models.ForeignKey(
        Membership, null=True, blank=True, on_delete=models.SET_NULL, related_name="payments"
    )
    email_hash = models.CharField(max_length=64, blank=True)
    purpose = models.CharField(max_length=20, choices=Purpose.choices)
    recurring = models.BooleanField(default=False)
    amount = models.PositiveIntegerField(help_text="In cents.")
    currency = models.CharField(max_length=3)
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.PENDING)
    failure_message = models.CharField(max_length=255, blank=True)
    amount_refunded = models.PositiveIntegerField(default=0)
    disputed = models.BooleanField(default=False)
    period_start = models.DateTimeField(null=True, blank=True)
    period_end = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    paid_at = models.DateTimeField(null=True, blank=True)
    receipt_sent_at = models.DateTimeField(null=True, blank=True)

    idempotency_key = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    stripe_invoice_id = models.CharField(max_length=255, unique=True, null=True, blank=True)
    stripe_payment_intent_id = models.CharField(max_length=255, unique=True, null=True, blank=True)
    stripe_charge_id = models.CharField(max_length=255, blank=True, db_index=True)

    class Meta:
        ordering = ["-created_at"]
        indexes = [
            # Covering: a drive's money total (campaigns/tally.py) reads nothing but the index.
            models.Index(fields=["status", "paid_at", "amount", "amount_refunded"], name="members_payment_paid"),
            # Refunds are rare: finding them all is a short range scan.
            models.Index(fields=["amount_refunded", "amount", "membership"], name="members_payment_refunded"),
        ]

    def __str__(self) -> str:
        from lib.money import format_money

        return f"{self.get_purpose_display()} {format_money(self.amount, self.currency)}"

    @property
    def is_paid(self) -> bool:
        return self.status == self.Status.SUCCEEDED

    @property
    def is_refunded(self) -> bool:
        return self.amount_refunded > 0 and self.amount_refunded >= self.amount


class Checkout(Attribution):
    """One attempt to pay from the join page: the card step, then the payment.

    The browser holds the token and we keep only its hash; the token is good for an hour and
    only in the browser session that started the checkout (members.checkout_session). The
    idempotency key is stored here before any Stripe call so a retried request reuses it. A
    new card means a new Checkout (Stripe replays errors too).
    """

    class Kind(models.TextChoices):
        MEMBERSHIP = "membership", "Membership"
        DONATION_ONCE = "donation_once", "One-time donation"
        DONATION_MONTHLY = "donation_monthly", "Monthly donation"
        CARD_UPDATE = "card_update", "Card update"
        # A gift membership bought once (campaigns' GiftMembership points at its checkout).
        GIFT = "gift", "Gift membership"

    token_hash = models.CharField(max_length=64, unique=True, help_text="SHA-256 of the token the browser holds.")
    # Null only for a gift checkout whose buyer deleted their account: it stays, like the
    # Payment, so the gift keeps its money facts; member_delete deletes every other checkout.
    member = models.ForeignKey(Member, null=True, on_delete=models.SET_NULL, related_name="checkouts")
    kind = models.CharField(max_length=20, choices=Kind.choices)
    plan = models.ForeignKey(Plan, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    interval = models.CharField(max_length=10, choices=Interval.choices, default=Interval.MONTH)
    amount = models.PositiveIntegerField(default=0)
    currency = models.CharField(max_length=3, default="usd")
    description = models.CharField(max_length=200, blank=True, help_text="What the card statement says (one-time).")
    idempotency_key = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    setup_intent_id = models.CharField(max_length=255, blank=True)
    membership = models.OneToOneField(
        Membership, null=True, blank=True, on_delete=models.SET_NULL, related_name="checkout"
    )
    payment = models.OneToOneField(Payment, null=True, blank=True, on_delete=models.SET_NULL, related_name="checkout")
    member_is_new = models.BooleanField(default=False, help_text="The member was created by this checkout.")
    completed_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    expires_at = models.DateTimeField(default=timezone.now)
    # Claimed once after the payment: either this browser was signed in or a link was mailed.
    welcomed_at = models.DateTimeField(null=True, blank=True)

    def __str__(self) -> str:
        return f"{self.get_kind_display()} checkout for {self.member}"

    def usable(self, now: datetime | None = None) -> bool:
        return self.expires_at > (now or timezone.now())
