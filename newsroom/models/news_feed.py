"""The news feed: short, timestamped items, newest first, each with its own permalink."""

from __future__ import annotations

from typing import Any

from django.db import models
from django.http import HttpRequest
from wagtail.admin.panels import FieldPanel
from wagtail.models import Page
from wagtail.search import index

from newsroom.models.privacy import RestrictionsFromGeneration
from newsroom.paginate import paginate


class NewsFeedPage(RestrictionsFromGeneration, Page):
    """/news-feed/: every item, newest first."""

    parent_page_types = ["newsroom.HomePage"]
    subpage_types = ["newsroom.NewsFeedItemPage"]
    max_count = 1
    PER_PAGE = 20

    class Meta:
        verbose_name = "news feed"

    def get_context(self, request: HttpRequest, *args: Any, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context(request, *args, **kwargs)
        from newsroom.selectors import exclude_private, with_full_stories

        items = (
            exclude_private(NewsFeedItemPage.objects.child_of(self).live())
            .select_related("article", "live_entry__page")
            .order_by("-first_published_at", "-pk")
        )
        page_obj = paginate(request, items, per_page=self.PER_PAGE)
        page_obj.object_list = with_full_stories(list(page_obj.object_list))
        context["page_obj"] = page_obj
        return context


class NewsFeedItemPage(RestrictionsFromGeneration, Page):
    """One item: the page title is its headline."""

    summary = models.TextField(help_text="One or two sentences.")
    article = models.ForeignKey(
        "newsroom.ArticlePage",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="Optional: the full story this item points to.",
    )
    live_entry = models.ForeignKey(
        "live.LiveEntry",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="Optional: an entry of a live page this item points to (opens the live page at it).",
    )

    parent_page_types = ["newsroom.NewsFeedPage"]
    subpage_types: list[str] = []
    content_panels = [
        FieldPanel("title", heading="Headline"),
        FieldPanel("summary"),
        FieldPanel("article"),
        FieldPanel("live_entry"),
    ]
    search_fields = [*Page.search_fields, index.SearchField("summary")]

    class Meta:
        verbose_name = "news feed item"

    def get_context(self, request: HttpRequest, *args: Any, **kwargs: Any) -> dict[str, Any]:
        from newsroom.selectors import live_link, public_story
        from newsroom.site_chrome import chrome_for

        context = super().get_context(request, *args, **kwargs)
        context["full_story"] = public_story(self.article)
        context["live_link"] = live_link(self)
        latest = chrome_for(request).news_feed_items
        context["news_feed_items"] = [item for item in latest if item.pk != self.pk][:6]
        return context
