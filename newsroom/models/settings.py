"""Newsroom-wide settings editable in the CMS (Settings → Newsroom)."""

from __future__ import annotations

from django.db import models
from wagtail.admin.panels import FieldPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting


@register_setting(icon="site")
class NewsroomSettings(BaseSiteSetting):
    name = models.CharField(max_length=120, default="Masthead newsroom")
    tagline = models.CharField(max_length=200, blank=True)
    language = models.CharField(max_length=10, default="en", help_text="Language code, e.g. en or en-GB.")
    founded = models.PositiveIntegerField(null=True, blank=True)

    panels = [FieldPanel("name"), FieldPanel("tagline"), FieldPanel("language"), FieldPanel("founded")]

    class Meta:
        verbose_name = "newsroom"
