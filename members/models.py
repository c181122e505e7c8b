"""Members, plans, memberships and the money they paid. Vocabulary: members/CONTEXT.md."""

from __future__ import annotations

import hashlib
import uuid
from datetime import datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.crypto import salted_hmac
from wagtail.admin.panels import FieldPanel
from wagtail.contrib.settings.models import BaseGenericSetting, register_setting

EMAIL_HASH_SALT = "masthead.members.email_hash"


def email_hash(email: str) -> str:
    """What is kept of an address after its owner deleted their account: a keyed hash, so a
    copy of the database alone cannot be matched against a list of addresses.

    HMAC-SHA256, keyed by MEMBERS_EMAIL_HASH_KEY (SECRET_KEY when unset), of the plain SHA-256
    of the address, so rows hashed before the key was added could be re-keyed by migration 0003
    without knowing the address. Changing the key stops old rows matching an address.
    """
    plain = hashlib.sha256(email.strip().lower().encode()).hexdigest()
    return rekey_email_hash(plain)


def rekey_email_hash(plain_sha256: str) -> str:
    secret = getattr(settings, "MEMBERS_EMAIL_HASH_KEY", "") or settings.SECRET_KEY
    return salted_hmac(EMAIL_HASH_SALT, plain_sha256, secret=secret, algorithm="sha256").hexdigest()


class Placement(models.TextChoices):
    """Where a reader was when they decided to pay: the attribution campaigns report on."""

    BANNER = "banner", "Banner"
    ARTICLE_APPEAL = "article_appeal", "End-of-article appeal"
    NEWSLETTER = "newsletter", "Newsletter"
    MEMBERSHIP_PAGE = "membership_page", "Membership page"
    DIRECT = "direct", "Direct"
    IMPORT = "import", "Imported"
    STAFF = "staff", "Granted by staff"
    GIFT = "gift", "Gift"


class Attribution(models.Model):
    """Where a payment or membership came from; carried through Stripe metadata too."""

    source = models.CharField(max_length=20, choices=Placement.choices, default=Placement.DIRECT)
    campaign_id = models.PositiveBigIntegerField(null=True, blank=True, help_text="The drive it counted towards.")
    article_page = models.ForeignKey(
        "wagtailcore.Page", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        abstract = True


@register_setting(icon="pick")
class MembershipSettings(BaseGenericSetting):
    currency = models.CharField(
        max_length=3, default="usd", help_text="ISO 4217 code in lower case, e.g. usd or eur. Plans and gifts use it."
    )
    suggested_donations = models.CharField(
        max_length=100, default="10,25,50", help_text="Whole amounts offered as buttons, separated by commas."
    )
    minimum_donation = models.PositiveIntegerField(default=2, help_text="Smallest donation accepted, whole units.")
    maximum_donation = models.PositiveIntegerField(default=5000, help_text="Largest donation accepted, whole units.")
    ask_text = models.TextField(
        default="We have no owner and no paywall. Members pay for the reporting everyone can read.",
        help_text="The opening line of the membership page.",
    )

    panels = [
        FieldPanel("currency"),
        FieldPanel("suggested_donations"),
        FieldPanel("minimum_donation"),
        FieldPanel("maximum_donation"),
        FieldPanel("ask_text"),
    ]

    class Meta:
        verbose_name = "membership"

    def clean(self) -> None:
        if self.minimum_donation >= self.maximum_donation:
            raise ValidationError({"maximum_donation": "The maximum must be larger than the minimum."})
        try:
            self.suggested_amounts()
        except ValueError:
            raise ValidationError(
                {"suggested_donations": "Write whole numbers separated by commas, e.g. 10,25,50."}
            ) from None

    def suggested_amounts(self) -> list[int]:
        return [int(part) for part in self.suggested_donations.split(",") if part.strip()]


class Plan(models.Model):
    """A membership tier with a monthly and a yearly price, in minor units (cents)."""

    name = models.CharField(max_length=80)
    slug = models.SlugField(max_length=80, unique=True)
    description = models.TextField(blank=True)
    monthly_amount = models.PositiveIntegerField(help_text="In cents: 500 is 5.00.")
    yearly_amount = models.PositiveIntegerField(help_text="In cents: 5000 is 50.00.")
    sort_order = models.PositiveSmallIntegerField(default=0)
    active = models.BooleanField(default=True, help_text="Inactive plans are not offered; current members keep them.")

    panels = [
        FieldPanel("name"),
        FieldPanel("slug"),
        FieldPanel("description"),
        FieldPanel("monthly_amount"),
        FieldPanel("yearly_amount"),
        FieldPanel("sort_order"),
        FieldPanel("active"),
    ]

    class Meta:
        ordering = ["sort_order", "monthly_amount"]

    def __str__(self) -> str:
        return self.name

    def amount_for(self, interval: str) -> int:
        return self.yearly_amount if interval == Interval.YEAR else self.monthly_amount


class Interval(models.TextChoices):
    MONTH = "month", "Monthly"
    YEAR = "year", "Yearly"


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

    def __str__(self) -> str:
        return self.email

    @property
    def is_supporter(self) -> bool:
        return self.access_until is not None and self.access_until > timezone.now()


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

    def __str__(self) -> str:
        from lib.money import format_money

        return f"{self.get_purpose_display()} {format_money(self.amount, self.currency)}"

    @property
    def is_paid(self) -> bool:
        return self.status == self.Status.SUCCEEDED

    @property
    def is_refunded(self) -> bool:
        return self.amount_refunded > 0 and self.amount_refunded >= self.amount


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

    token_hash = models.CharField(max_length=64, unique=True, help_text="SHA-256 of the token the browser holds.")
    member = models.ForeignKey(Member, on_delete=models.CASCADE, related_name="checkouts")
    kind = models.CharField(max_length=20, choices=Kind.choices)
    plan = models.ForeignKey(Plan, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    interval = models.CharField(max_length=10, choices=Interval.choices, default=Interval.MONTH)
    amount = models.PositiveIntegerField(default=0)
    currency = models.CharField(max_length=3, default="usd")
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


class MemberImport(models.Model):
    """One uploaded member CSV, imported (or dry-run) by a task, never inside the web request
    (members/importing.py). The file is kept in the database, not in media storage, because
    media may be public (S3 with public URLs) and the rows are readers' personal data; a real
    run drops it once finished. Progress is saved per chunk, so the CMS page shows it live."""

    class Status(models.TextChoices):
        QUEUED = "queued", "Queued"
        RUNNING = "running", "Running"
        DONE = "done", "Done"
        FAILED = "failed", "Failed"

    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_by_name = models.CharField(max_length=150, blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    filename = models.CharField(max_length=255, blank=True)
    data = models.BinaryField(blank=True, editable=False)
    dry_run = models.BooleanField(default=True)
    # The dry run this real run was started from (its "Import for real" button).
    checked_by = models.ForeignKey("self", null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.QUEUED)
    rows_total = models.PositiveIntegerField(default=0)
    rows_done = models.PositiveIntegerField(default=0)
    rows_created = models.PositiveIntegerField(default=0)
    rows_updated = models.PositiveIntegerField(default=0)
    rows_skipped = models.PositiveIntegerField(default=0)
    rows_failed = models.PositiveIntegerField(default=0)
    # [{"line": 3, "email": "...", "result": "error"|"skipped", "message": "..."}], in file order.
    problems = models.JSONField(default=list, blank=True)
    message = models.TextField(blank=True, help_text="Why the whole file failed, when it did.")
    started_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    # The worker running it (lib/worker_identity.py) and when it last showed it is alive (after
    # each chunk): a Running import whose worker is gone is failed by the clock, not left Running.
    claimed_by = models.CharField(max_length=80, blank=True, editable=False)
    heartbeat_at = models.DateTimeField(null=True, blank=True, editable=False)

    class Meta:
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        kind = "Dry run" if self.dry_run else "Import"
        return f"{kind} of {self.filename or 'a CSV file'} ({self.get_status_display()})"

    @property
    def finished(self) -> bool:
        return self.status in (self.Status.DONE, self.Status.FAILED)

    @property
    def percent(self) -> int:
        if self.status == self.Status.DONE:
            return 100
        return int(self.rows_done * 100 / self.rows_total) if self.rows_total else 0
