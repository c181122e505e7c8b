"""Sections: War, Politics, Business… each an index of its stories, newest first."""

from __future__ import annotations

from typing import Any

from django.db import connection, models
from django.http import HttpRequest
from wagtail.admin.panels import FieldPanel
from wagtail.models import Page
from wagtail.url_routing import RouteResult

from newsroom.models.privacy import RestrictionsFromGeneration
from newsroom.paginate import paginate


class SectionPage(RestrictionsFromGeneration, Page):
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
            story = self._story(path_components[0])
            if story is not None:
                story._cached_parent_obj = self  # treebeard's get_parent() reads this
                return story.route(request, [])
        return super().route(request, path_components)

    def _story(self, slug: str) -> Any:
        """The story with this slug and its hero image. The loaded page is kept for the page-cache
        generation (newsroom/kept.py) and used while the story's row still names the same live
        revision: one two-column read instead of the joined query and a model to build, and a new
        revision shows at once even if no generation bump reached this process."""
        from newsroom import kept
        from newsroom.page_cache import current_generation

        from .articles import ArticlePage

        now = _live_state(self, slug)
        if now is None:
            return None
        key = f"route:{current_generation()}:{self.pk}:{slug}"
        story = kept.get(key)
        if story is not None and (story.pk, story.live, story.live_revision_id) == now:
            return story
        story = ArticlePage.objects.child_of(self).select_related("hero_image").filter(slug=slug).first()
        if story is not None:
            kept.set(key, story)
        return story

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


def _live_state(section: SectionPage, slug: str) -> tuple[int, bool, int | None] | None:
    """(id, live, live revision id) of the child page with this slug, straight from the page table:
    the ORM would cost more here than the lookup itself."""
    table = Page._meta.db_table
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT id, live, live_revision_id FROM {table} WHERE path LIKE %s AND depth = %s AND slug = %s",  # noqa: S608 - the table name is Wagtail's own
            [f"{section.path}%", section.depth + 1, slug],
        )
        row = cursor.fetchone()
    return None if row is None else (row[0], bool(row[1]), row[2])
