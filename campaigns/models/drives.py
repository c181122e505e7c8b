"""Drives (campaigns) and the daily reader counts behind the dashboard.

Gift memberships are in models/gifts.py.
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel


class Campaign(models.Model):
    """A membership drive: a goal, a period and the words of its banner and appeal."""

    class GoalKind(models.TextChoices):
        MEMBERS = "members", "New members"
        MONEY = "money", "Money raised"

    name = models.CharField(max_length=120, help_text="For staff, e.g. “Birthday drive 2026”.")
    goal_kind = models.CharField("goal counted in", max_length=10, choices=GoalKind.choices, default=GoalKind.MEMBERS)
    goal = models.PositiveIntegerField(
        help_text=(
            "How many new members, or how much money in whole currency units (e.g. 25000), "
            "in the currency of the membership settings."
        )
    )
    starts_at = models.DateTimeField(default=timezone.now)
    ends_at = models.DateTimeField()
    banner_text = models.CharField(
        max_length=240,
        help_text="One sentence across the top of every page, e.g. “Three years of reporting, funded by readers.”",
    )
    goal_text = models.CharField(
        max_length=120,
        blank=True,
        help_text="Optional line naming the goal, e.g. “Goal: 1,000 new members for our birthday”.",
    )
    appeal_heading = models.CharField(max_length=120, default="Help us reach our goal")
    appeal_text = models.TextField(help_text="The appeal at the end of each article: two or three sentences.")
    member_button_label = models.CharField(max_length=40, default="Become a member")
    gift_button_label = models.CharField(max_length=40, default="Gift membership")
    created_at = models.DateTimeField(auto_now_add=True)

    panels = [
        FieldPanel("name"),
        FieldRowPanel([FieldPanel("goal_kind"), FieldPanel("goal")], heading="Goal"),
        FieldRowPanel([FieldPanel("starts_at"), FieldPanel("ends_at")], heading="Period"),
        MultiFieldPanel([FieldPanel("banner_text"), FieldPanel("goal_text")], heading="Top banner"),
        MultiFieldPanel([FieldPanel("appeal_heading"), FieldPanel("appeal_text")], heading="End-of-article appeal"),
        FieldRowPanel([FieldPanel("member_button_label"), FieldPanel("gift_button_label")], heading="Buttons"),
    ]

    class Meta:
        verbose_name = "drive"
        ordering = ["-starts_at"]
        indexes = [models.Index(fields=["starts_at", "ends_at"])]
        # The revenue dashboard shows money and member counts: for the audience team, not every
        # CMS user (docs/security.md, "Who can do what in the CMS").
        permissions = [("view_revenue", "Can view the revenue dashboard")]

    def __str__(self) -> str:
        return self.name

    def clean(self) -> None:
        if self.starts_at and self.ends_at and self.ends_at <= self.starts_at:
            raise ValidationError({"ends_at": "The drive must end after it starts. Pick a later end."})
        if self.goal == 0:
            raise ValidationError({"goal": "Set a goal above zero, e.g. 1000."})

    def is_active(self, at=None) -> bool:
        at = at or timezone.now()
        return self.starts_at <= at < self.ends_at

    @property
    def counts_members(self) -> bool:
        return self.goal_kind == self.GoalKind.MEMBERS


class ArticleDailyViews(models.Model):
    """How many times an article was read on one day (site time zone). No reader is recorded."""

    article = models.ForeignKey("newsroom.ArticlePage", on_delete=models.CASCADE, related_name="+")
    date = models.DateField()
    views = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = "article views per day"
        verbose_name_plural = "article views per day"
        constraints = [models.UniqueConstraint(fields=["article", "date"], name="one_views_row_per_article_day")]
        indexes = [models.Index(fields=["date"])]

    def __str__(self) -> str:
        return f"{self.article_id} on {self.date}: {self.views}"
