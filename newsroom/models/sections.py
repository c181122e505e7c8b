"""Sections: War, Politics, Business… each an index of its stories, newest first."""

from __future__ import annotations

from typing import Any

from django.db import models
from django.http import HttpRequest
from wagtail.admin.panels import FieldPanel
from wagtail.models import Page
from wagtail.url_routing import RouteResult

from newsroom.paginate import paginate


class SectionPage(Page):
    description = models.TextField(blank=True, help_text="One sentence shown under the section's name.")

    parent_page_types = ["newsroom.HomePage"]
    subpage_types = ["newsroom.ArticlePage"]
    content_panels = [*Page.content_panels, FieldPanel("description")]

    class Meta:
        verbose_name = "section"

    PER_PAGE = 12

    def route(self, request: HttpRequest, path_components: list[str]) -> RouteResult:
        """Fetch a story and its hero image in one query, instead of Wagtail's page-then-specific."""
        if len(path_components) == 1:
            from .articles import ArticlePage

            story = (
                ArticlePage.objects.child_of(self).select_related("hero_image").filter(slug=path_components[0]).first()
            )
            if story is not None:
                story._cached_parent_obj = self  # treebeard's get_parent() reads this
                return story.route(request, [])
        return super().route(request, path_components)

    def get_context(self, request: HttpRequest, *args: Any, **kwargs: Any) -> dict[str, Any]:
        from .articles import ArticlePage

        context = super().get_context(request, *args, **kwargs)
        stories = ArticlePage.objects.child_of(self).live().order_by("-first_published_at")
        context["page_obj"] = paginate(request, ArticlePage.with_card_data(stories), per_page=self.PER_PAGE)
        return context
