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
    subpage_types = ["newsroom.ArticlePage", "live.LivePage"]
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

    def _private_below(self) -> tuple[str, ...]:
        """Restrictions on stories in this section; one on the section itself does not hide its list
        from the readers who passed it."""
        from newsroom.selectors import private_paths

        return tuple(path for path in private_paths() if len(path) > len(self.path) and path.startswith(self.path))

    def get_context(self, request: HttpRequest, *args: Any, **kwargs: Any) -> dict[str, Any]:
        from newsroom.selectors import exclude_private

        from .articles import ArticlePage

        context = super().get_context(request, *args, **kwargs)
        # A private story is not listed, even on a section readers may see (a private section's
        # own page is behind Wagtail's restriction check, so its readers have passed it).
        stories = exclude_private(ArticlePage.objects.child_of(self).live(), paths=self._private_below())
        stories = stories.order_by("-first_published_at")
        context["page_obj"] = paginate(request, ArticlePage.with_card_data(stories), per_page=self.PER_PAGE)
        return context
