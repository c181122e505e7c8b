"""Plans, the membership settings, and what every paid row records of its origin
(placement, drive, article)."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import models
from wagtail.admin.panels import FieldPanel
from wagtail.contrib.settings.models import BaseGenericSetting, register_setting


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
