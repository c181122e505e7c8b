"""Editors' picks: a short list of stories, in the order editors set, on home and article pages."""

from __future__ import annotations

from django.db import models
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, InlinePanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting
from wagtail.models import Orderable


@register_setting(icon="pick")
class EditorsPicks(BaseSiteSetting, ClusterableModel):
    panels = [InlinePanel("picks", label="Picks", max_num=8)]

    class Meta:
        verbose_name = "editors' picks"


class EditorsPick(Orderable):
    picks_list = ParentalKey(EditorsPicks, on_delete=models.CASCADE, related_name="picks")
    article = models.ForeignKey("newsroom.ArticlePage", on_delete=models.CASCADE, related_name="+")

    panels = [FieldPanel("article")]
