"""Members (readers with an account), their history, sign-in tokens and wrong codes, and the
keyed hash kept of a deleted member's address."""

from __future__ import annotations

import uuid
from datetime import datetime

from django.db import models
from django.utils import timezone

from lib import email_address as lib_email_address
from members.models.plans import Placement, Plan

EMAIL_HASH_SALT = "masthead.members.email_hash"


def email_hash(email: str) -> str:
    """What is kept of an address after its owner deleted their account (lib.email_address)."""
    return lib_email_address.email_hash(email, salt=EMAIL_HASH_SALT)


def rekey_email_hash(plain_sha256: str) -> str:
    return lib_email_address.rekey_email_hash(plain_sha256, salt=EMAIL_HASH_SALT)


class Member(models.Model):
    """A reader with an account. Not a Django user: members never reach the CMS."""

    class Status(models.TextChoices):
        NONE = "none", "No membership"
        PENDING = "pending", "Pending"
        ACTIVE = "active", "Active"
        PAST_DUE = "past_due", "Past due"
        ENDED = "ended", "Ended"
        COMPLIMENTARY = "complimentary", "Complimentary"

    email = models.EmailField(unique=True)
    name = models.CharField(max_length=150, blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    stripe_customer_id = models.CharField(max_length=255, blank=True, db_index=True)
    # Stored before the first Customer.create so a retried request finds the same customer.
    stripe_customer_key = models.UUIDField(default=uuid.uuid4, editable=False)
    card_brand = models.CharField(max_length=30, blank=True)
    card_last4 = models.CharField(max_length=4, blank=True)
    # Summary of the current membership, kept by services for the CMS list and its filters.
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.NONE, db_index=True)
    plan = models.ForeignKey(Plan, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    source = models.CharField(max_length=20, choices=Placement.choices, blank=True)
    joined_at = models.DateTimeField(null=True, blank=True)
    access_until = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        # The supporter count (campaigns' drive progress) reads access_until alone.
        indexes = [models.Index(fields=["access_until"], name="members_member_access")]

    def __str__(self) -> str:
        return self.email

    @property
    def is_supporter(self) -> bool:
        return self.access_until is not None and self.access_until > timezone.now()


class MemberEvent(models.Model):
    """A line in a member's history, shown to staff: joined, renewed, card failed, refunded…"""

    member = models.ForeignKey(Member, on_delete=models.CASCADE, related_name="events")
    kind = models.CharField(max_length=40)
    message = models.CharField(max_length=255)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return self.message


class SignInToken(models.Model):
    """An emailed link plus a six-digit code. Only hashes are stored; both die together."""

    member = models.ForeignKey(Member, on_delete=models.CASCADE, related_name="sign_in_tokens")
    token_hash = models.CharField(max_length=64, unique=True)
    code_hash = models.CharField(max_length=64)
    created_at = models.DateTimeField(default=timezone.now)
    expires_at = models.DateTimeField()
    used_at = models.DateTimeField(null=True, blank=True)
    code_attempts = models.PositiveSmallIntegerField(default=0)
    next_path = models.CharField(max_length=200, blank=True)
    # SHA-256 of a nonce in the session of the browser that asked: only it may enter the code.
    browser_hash = models.CharField(max_length=64, blank=True)

    def __str__(self) -> str:
        return f"Sign-in token for {self.member}"

    def usable(self, now: datetime | None = None) -> bool:
        now = now or timezone.now()
        return self.used_at is None and self.expires_at > now


class WrongSignInCode(models.Model):
    """One wrong sign-in code entered for an address, known or not (so counting reveals
    nothing). Shared by every process; counts toward the daily cap and the back-off."""

    address_hash = models.CharField(max_length=64, db_index=True)
    created_at = models.DateTimeField(default=timezone.now, db_index=True)

    def __str__(self) -> str:
        return f"Wrong code for {self.address_hash[:12]}…"
