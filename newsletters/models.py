"""Newsletters: the lists, the people on them, the issues sent and each delivery of an issue.

The words used here (Subscriber, Subscription, Issue, Delivery, Suppression) are defined in
CONTEXT.md. Writes go through services.py; nothing happens in save() or signals.
"""

from __future__ import annotations

import hmac

from django.conf import settings
from django.db import models
from django.utils import timezone
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.fields import StreamField
from wagtail.models import PreviewableMixin

from lib import email_address as lib_email_address
from newsletters.blocks import IssueBodyBlock

EMAIL_HASH_SALT = "masthead.newsletters.email_hash"


def email_hash(address: str) -> str:
    """The suppression list's key: a keyed hash, so the list can outlive the person's other
    data (lib.email_address; migration 0004 re-keyed the older plain SHA-256 rows)."""
    return lib_email_address.email_hash(address, salt=EMAIL_HASH_SALT)


def rekey_email_hash(plain_sha256: str) -> str:
    return lib_email_address.rekey_email_hash(plain_sha256, salt=EMAIL_HASH_SALT)


class Newsletter(models.Model):
    name = models.CharField(max_length=120)
    slug = models.SlugField(unique=True, help_text="The newsletter's address on the site: /newsletters/<slug>/.")
    description = models.TextField(help_text="What a reader gets, in one or two sentences.")
    host = models.CharField(max_length=120, blank=True, help_text="Who writes it, e.g. 'Tomas Eklind'.")
    cadence = models.CharField(max_length=120, blank=True, help_text="When it arrives, e.g. 'Weekdays at 7:00'.")
    sender_name = models.CharField(max_length=120, help_text="The name readers see in their inbox.")
    sender_address = models.EmailField(help_text="The From address. Its domain needs SPF, DKIM and DMARC.")
    reply_to = models.EmailField(blank=True, help_text="Where replies go; empty means the From address.")
    is_public = models.BooleanField(
        default=True, help_text="Public newsletters are listed on the site and offered in sign-up forms."
    )
    sort_order = models.PositiveIntegerField(default=0)
    created_at = models.DateTimeField(default=timezone.now)

    panels = [
        FieldPanel("name"),
        FieldPanel("slug"),
        FieldPanel("description"),
        FieldRowPanel([FieldPanel("host"), FieldPanel("cadence")]),
        MultiFieldPanel(
            [FieldPanel("sender_name"), FieldPanel("sender_address"), FieldPanel("reply_to")], heading="Sender"
        ),
        FieldRowPanel([FieldPanel("is_public"), FieldPanel("sort_order")]),
    ]

    class Meta:
        ordering = ["sort_order", "name"]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        from django.urls import reverse

        return reverse("newsletters:detail", kwargs={"slug": self.slug})

    @property
    def from_header(self) -> str:
        from email.headerregistry import Address

        return str(Address(display_name=self.sender_name, addr_spec=self.sender_address))


class Subscriber(models.Model):
    """An email address that has asked for at least one newsletter."""

    email = models.EmailField(unique=True)
    email_hash = models.CharField(max_length=64, db_index=True)
    created_at = models.DateTimeField(default=timezone.now)
    confirmation_sent_at = models.DateTimeField(
        null=True, blank=True, help_text="When the last confirmation email was sent (one per hour at most)."
    )

    def __str__(self) -> str:
        return self.email


class Subscription(models.Model):
    class Status(models.TextChoices):
        PENDING = "pending", "Pending (not confirmed yet)"
        CONFIRMED = "confirmed", "Confirmed"
        UNSUBSCRIBED = "unsubscribed", "Unsubscribed"

    subscriber = models.ForeignKey(Subscriber, on_delete=models.CASCADE, related_name="subscriptions")
    newsletter = models.ForeignKey(Newsletter, on_delete=models.CASCADE, related_name="subscriptions")
    status = models.CharField(max_length=16, choices=Status.choices, default=Status.PENDING)
    requested_at = models.DateTimeField(default=timezone.now)
    confirmed_at = models.DateTimeField(null=True, blank=True)
    unsubscribed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["subscriber", "newsletter"], name="one_subscription_per_newsletter")
        ]
        indexes = [models.Index(fields=["newsletter", "status", "confirmed_at"], name="subscription_audience")]

    def __str__(self) -> str:
        return f"{self.subscriber_id} → {self.newsletter_id}: {self.status}"


class ConsentRecord(models.Model):
    """Proof of consent and of its withdrawal (GDPR): who, what, when, where, which wording."""

    class Action(models.TextChoices):
        REQUESTED = "requested", "Asked to subscribe"
        CONFIRMED = "confirmed", "Confirmed by email"
        WITHDRAWN = "withdrawn", "Unsubscribed"

    subscriber = models.ForeignKey(Subscriber, on_delete=models.CASCADE, related_name="consent_records")
    newsletter = models.ForeignKey(Newsletter, on_delete=models.CASCADE, related_name="+")
    action = models.CharField(max_length=16, choices=Action.choices)
    at = models.DateTimeField(default=timezone.now)
    form = models.CharField(max_length=40, blank=True, help_text="Which form: footer, article, newsletters, …")
    page = models.CharField(max_length=500, blank=True, help_text="The page the form was on.")
    ip_address = models.GenericIPAddressField(null=True, blank=True)
    wording_version = models.CharField(max_length=20, blank=True)

    def __str__(self) -> str:
        return f"{self.action} {self.newsletter_id} at {self.at:%Y-%m-%d %H:%M}"


class Suppression(models.Model):
    """An address no newsletter may be sent to: hard bounce, complaint, or staff decision."""

    class Reason(models.TextChoices):
        BOUNCED = "bounced", "Hard bounce"
        COMPLAINED = "complained", "Spam complaint"
        MANUAL = "manual", "Added by staff"

    email_hash = models.CharField(max_length=64, unique=True)
    reason = models.CharField(max_length=16, choices=Reason.choices)
    created_at = models.DateTimeField(default=timezone.now)

    def __str__(self) -> str:
        return f"{self.email_hash[:12]}… ({self.reason})"


class Issue(PreviewableMixin, models.Model):
    """One edition of a newsletter, written in the CMS and sent to its confirmed subscribers."""

    class Status(models.TextChoices):
        DRAFT = "draft", "Draft"
        SCHEDULED = "scheduled", "Scheduled"
        SENDING = "sending", "Sending"
        SENT = "sent", "Sent"

    newsletter = models.ForeignKey(Newsletter, on_delete=models.PROTECT, related_name="issues")
    subject = models.CharField(max_length=200)
    preheader = models.CharField(
        max_length=200, blank=True, help_text="The line inboxes show after the subject. Optional."
    )
    body = StreamField(IssueBodyBlock(), help_text="Text, images and cards for articles.")
    source_article = models.ForeignKey(
        "newsroom.ArticlePage", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    status = models.CharField(max_length=16, choices=Status.choices, default=Status.DRAFT)
    send_at = models.DateTimeField(null=True, blank=True, help_text="When a scheduled issue goes out.")
    send_started_at = models.DateTimeField(null=True, blank=True)
    prepared_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    # Set while the mail relay (or provider API) cannot be reached: the send waits until
    # relay_retry_at, backing off after each consecutive failure (sending.py).
    relay_failures = models.PositiveSmallIntegerField(default=0)
    relay_retry_at = models.DateTimeField(null=True, blank=True)
    relay_error = models.CharField(max_length=300, blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    panels = [FieldPanel("newsletter"), FieldPanel("subject"), FieldPanel("preheader"), FieldPanel("body")]

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.newsletter}: {self.subject}"

    def get_absolute_url(self) -> str:
        from django.urls import reverse

        return reverse("newsletters:issue", kwargs={"slug": self.newsletter.slug, "issue_id": self.pk})

    def get_preview_template(self, request, mode_name):  # type: ignore[no-untyped-def]
        return "newsletters/email/issue.html"

    def get_preview_context(self, request, mode_name):  # type: ignore[no-untyped-def]
        from newsletters.rendering import preview_context

        return preview_context(self)

    @property
    def is_editable(self) -> bool:
        return self.status in {self.Status.DRAFT, self.Status.SCHEDULED}


class Delivery(models.Model):
    """One issue to one subscriber. The unique constraint is what makes a send exactly-once.

    States (CONTEXT.md): queued → handing_off → sent | failed; skipped if the person left or
    was suppressed after the send was prepared.
    """

    class Status(models.TextChoices):
        QUEUED = "queued", "Queued"
        HANDING_OFF = "handing_off", "Handing off"
        SENT = "sent", "Sent"
        FAILED = "failed", "Failed"
        SKIPPED = "skipped", "Skipped"

    issue = models.ForeignKey(Issue, on_delete=models.CASCADE, related_name="deliveries")
    subscriber = models.ForeignKey(Subscriber, on_delete=models.CASCADE, related_name="deliveries")
    status = models.CharField(max_length=12, choices=Status.choices, default=Status.QUEUED)
    claimed_by = models.CharField(max_length=80, blank=True)
    claimed_at = models.DateTimeField(null=True, blank=True)
    attempts = models.PositiveSmallIntegerField(default=0)
    sent_at = models.DateTimeField(null=True, blank=True)
    # A queued row the receiving server deferred (SMTP 4xx, e.g. greylisting) waits until then.
    not_before = models.DateTimeField(null=True, blank=True)
    error = models.CharField(max_length=300, blank=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["issue", "subscriber"], name="one_delivery_per_subscriber")]
        # With id last, claiming "the next queued rows by id" reads the index in order instead
        # of sorting every queued row of a large send on each claim.
        indexes = [models.Index(fields=["issue", "status", "id"], name="delivery_progress")]
        verbose_name_plural = "deliveries"

    def __str__(self) -> str:
        return f"issue {self.issue_id} → subscriber {self.subscriber_id}: {self.status}"

    @property
    def message_id(self) -> str:
        return delivery_message_id(self.issue_id, self.subscriber_id)


def delivery_message_id(issue_id: int, subscriber_id: int) -> str:
    """The Message-ID of one delivery: fixed by (issue, subscriber), so a resend reuses it.

    Known before the hand-off without writing it anywhere, and the key reconciliation looks up
    in the relay's record after a crash. The HMAC keeps the ids unguessable.
    """
    tag = hmac.new(settings.SECRET_KEY.encode(), f"{issue_id}.{subscriber_id}".encode(), "sha256").hexdigest()[:12]
    domain = getattr(settings, "NEWSLETTERS_MESSAGE_ID_DOMAIN", "masthead.local")
    return f"<issue{issue_id}.sub{subscriber_id}.{tag}@{domain}>"
