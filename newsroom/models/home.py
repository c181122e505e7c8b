"""The home page: lead story, top stories, a block per section, the news feed and picks."""

from __future__ import annotations

import operator
from functools import partial
from typing import Any

from django.db import models
from django.http import HttpRequest
from django.utils.functional import SimpleLazyObject
from wagtail.admin.panels import FieldPanel
from wagtail.models import Page
from wagtail.url_routing import RouteResult

from newsroom.models.privacy import ROUTED_ATTR, RestrictionsFromGeneration


class HomePage(RestrictionsFromGeneration, Page):
    lead_story = models.ForeignKey(
        "newsroom.ArticlePage",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="Pin a story at the top. Leave empty to lead with the newest story.",
    )

    parent_page_types = ["wagtailcore.Page"]
    subpage_types = [
        "newsroom.SectionPage",
        "newsroom.NewsFeedPage",
        "newsroom.AuthorIndexPage",
        "newsroom.StandardPage",
        "live.LivePage",
    ]
    max_count = 1
    content_panels = [*Page.content_panels, FieldPanel("lead_story")]

    class Meta:
        verbose_name = "home page"

    def route(self, request: HttpRequest, path_components: list[str]) -> RouteResult:
        """Every reader URL is routed from here. A story's path starts at its section, which the
        site chrome (newsroom/site_chrome.py) already holds for this generation, so the router
        skips looking the section up (two queries); the page found is then checked for view
        restrictions against the generation's private paths (newsroom/models/privacy.py)."""
        result = None
        if len(path_components) >= 2:
            section = _chrome_section(request, path_components[0])
            if section is not None:
                result = section.route(request, path_components[1:])
        if result is None:
            result = super().route(request, path_components)
        setattr(result[0], ROUTED_ATTR, True)
        return result

    def get_context(self, request: HttpRequest, *args: Any, **kwargs: Any) -> dict[str, Any]:
        from newsroom.selectors import front_page
        from newsroom.site_chrome import chrome_for

        context = super().get_context(request, *args, **kwargs)
        # Lazy: the template keeps its story grids for the generation (reader_fragment), and a
        # render that finds them kept runs none of these queries.
        front = SimpleLazyObject(lambda: front_page(self, news_feed_items=chrome_for(request).news_feed_items))
        for name in ("lead_story", "top_stories", "section_blocks"):
            # operator.getitem, not front.__getitem__: reading an attribute of a lazy object
            # evaluates it, which ran the front page's queries on every render.
            context[name] = SimpleLazyObject(partial(operator.getitem, front, name))
        context["news_feed_items"] = chrome_for(request).news_feed_items[:8]
        return context


def _chrome_section(request: HttpRequest, slug: str) -> Any:
    """The live, public section with this slug from the generation's site chrome, or None (then
    Wagtail's router looks it up, and its own checks apply)."""
    from newsroom.site_chrome import chrome_for

    for section in chrome_for(request).sections:
        if section.slug == slug:
            return section
    return None
