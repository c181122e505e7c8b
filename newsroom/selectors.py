"""Reads that pages share: the front page's stories, the latest feed items, editors' picks.

Each selector runs a fixed number of queries however much content there is, so reader pages
stay within the query budget in docs/architecture.md.
"""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from django.db.models import Q, QuerySet
from wagtail.models import Page, PageViewRestriction, Site

from newsroom import kept
from newsroom.models import (
    ArticlePage,
    EditorsPick,
    HomePage,
    NewsFeedItemPage,
    SectionPage,
)
from newsroom.page_cache import current_generation

TOP_STORIES = 4
STORIES_PER_SECTION = 4
# Enough recent stories that every section block usually fills from one query.
RECENT_POOL = 80


# --- privacy: a page with a view restriction (password, sign-in, groups) and everything under
# it is private. Private pages appear on no shared surface: no card, rail, feed, sitemap, search
# result, narration or podcast item. Wagtail's `public()` asks the database on every call; reader
# pages ask `private_paths()` instead, read once per page-cache generation, which is bumped when a
# restriction is saved or deleted (newsroom/signal_handlers.py), so the budgets stay fixed.


def private_paths(*, fresh: bool = False) -> tuple[str, ...]:
    """Tree paths of the pages that carry a view restriction (their descendants are private too).

    From the cache for this page-cache generation; `fresh=True` reads the database (for audio
    and anything else served outside the page cache)."""
    if fresh:
        return tuple(PageViewRestriction.objects.values_list("page__path", flat=True))
    key = f"private-paths:{current_generation()}"
    paths = kept.get(key)
    if paths is None:
        paths = tuple(PageViewRestriction.objects.values_list("page__path", flat=True))
        kept.set(key, paths)
    return tuple(paths)


def alias_paths() -> tuple[str, ...]:
    """Tree paths of alias pages, for this page-cache generation (making an alias bumps it)."""
    key = f"alias-paths:{current_generation()}"
    paths = kept.get(key)
    if paths is None:
        paths = tuple(Page.objects.filter(alias_of__isnull=False).values_list("path", flat=True))
        kept.set(key, paths)
    return tuple(paths)


def may_be_restricted(page: Page) -> bool:
    """Whether Wagtail's own view-restriction check must run for a page a reader asked for:
    the page is private (by path), or it is an alias or under one (newsroom/models/privacy.py)."""
    if page.alias_of_id is not None:
        return True
    return any(page.path.startswith(path) for path in (*private_paths(), *alias_paths()))


def is_private(page: Page | None, *, paths: tuple[str, ...] | None = None) -> bool:
    """True when the page, or one of its ancestors, has a view restriction."""
    if page is None:
        return False
    return any(page.path.startswith(path) for path in (private_paths() if paths is None else paths))


def exclude_private(queryset: QuerySet[Any], *, paths: tuple[str, ...] | None = None) -> QuerySet[Any]:
    """The queryset without private pages: Wagtail's `public()` without its query."""
    condition = Q()
    for path in private_paths() if paths is None else paths:
        condition |= Q(path__startswith=path)
    return queryset.exclude(condition) if condition else queryset


def public_story(page: Any) -> Any:
    """The story if a reader may be shown a card of it (live and not private), else None."""
    if not page or not getattr(page, "live", False) or is_private(page):
        return None
    return page


def with_full_stories(items: list[NewsFeedItemPage]) -> list[NewsFeedItemPage]:
    """Give each feed item its `full_story`: the linked story when a reader may see it, else None."""
    paths = private_paths()
    for item in items:
        story = item.article if item.article_id else None
        item.full_story = story if story is not None and story.live and not is_private(story, paths=paths) else None  # type: ignore[attr-defined]
        item.live_link = live_link(item, paths=paths)  # type: ignore[attr-defined]
    return items


def live_link(item: NewsFeedItemPage, *, paths: tuple[str, ...] | None = None) -> str | None:
    """The permalink of the live entry an item points to, when its live page is public (live/)."""
    entry = item.live_entry if item.live_entry_id else None
    if entry is None or not entry.page.live or is_private(entry.page, paths=paths):
        return None
    from django.urls import reverse

    return reverse("live:entry", args=[entry.pk])


def latest_news_feed_items(*, limit: int) -> list[NewsFeedItemPage]:
    return list(
        exclude_private(NewsFeedItemPage.objects.live())
        .only("title", "url_path", "summary", "first_published_at", "article_id", "path", "depth")
        .order_by("-first_published_at", "-pk")[:limit]
    )


def editors_picks(site: Site | None) -> list[ArticlePage]:
    if site is None:
        return []
    picks = (
        EditorsPick.objects.filter(picks_list__site=site, article__live=True)
        .select_related("article", "article__hero_image")
        .order_by("sort_order")
    )
    paths = private_paths()
    return [pick.article for pick in picks if not is_private(pick.article, paths=paths)]


def attach_sections(stories: list[ArticlePage]) -> list[ArticlePage]:
    """Give each story its `card_section` in one query, for cards that print the section name."""
    parent_paths = {story.path[: -ArticlePage.steplen] for story in stories}
    sections = {section.path: section for section in SectionPage.objects.filter(path__in=parent_paths)}
    for story in stories:
        story.card_section = sections.get(story.path[: -ArticlePage.steplen])  # type: ignore[attr-defined]
    return stories


def front_page(home: HomePage, *, news_feed_items: list[NewsFeedItemPage] | None = None) -> dict[str, Any]:
    """Lead, top stories and one block per section, each story shown once."""
    recent = list(
        ArticlePage.with_card_data(
            exclude_private(ArticlePage.objects.live().descendant_of(home)).order_by("-first_published_at")
        )[:RECENT_POOL]
    )
    sections = list(exclude_private(SectionPage.objects.child_of(home).live()).order_by("path"))
    section_paths = {section.path: section for section in sections}
    for story in recent:
        story.card_section = section_paths.get(story.path[: -ArticlePage.steplen])  # type: ignore[attr-defined]
    lead = None
    if home.lead_story_id:
        lead = next((story for story in recent if story.pk == home.lead_story_id), None)
        if lead is None:
            lead = ArticlePage.with_card_data(
                exclude_private(ArticlePage.objects.live().filter(pk=home.lead_story_id))
            ).first()
            if lead is not None:
                attach_sections([lead])
    if lead is None and recent:
        lead = recent[0]
    rest = [story for story in recent if lead is None or story.pk != lead.pk]
    top = rest[:TOP_STORIES]
    shown = {story.pk for story in top} | ({lead.pk} if lead else set())

    by_section: dict[str, list[ArticlePage]] = defaultdict(list)
    for story in rest:
        parent_path = story.path[: -ArticlePage.steplen]
        wanted = parent_path in section_paths and story.pk not in shown
        if wanted and len(by_section[parent_path]) < STORIES_PER_SECTION:
            by_section[parent_path].append(story)
    section_blocks = [
        {"section": section, "stories": by_section[section.path]} for section in sections if by_section[section.path]
    ]
    return {
        "lead_story": lead,
        "top_stories": top,
        "section_blocks": section_blocks,
        "news_feed_items": (news_feed_items if news_feed_items is not None else latest_news_feed_items(limit=8))[:8],
    }


__all__ = [
    "editors_picks",
    "exclude_private",
    "front_page",
    "is_private",
    "latest_news_feed_items",
    "private_paths",
    "public_story",
]


# --- tag pages ----------------------------------------------------------------------------


def tag_stories(site: Site, tag: Any) -> QuerySet[ArticlePage]:
    """The live stories of `site` carrying `tag` that a reader may see, newest first, with card data.

    Private stories (a view restriction on them or their section) are left out, as on every
    shared surface; the restricted paths come from the per-generation cache (no query)."""
    stories = ArticlePage.objects.live().descendant_of(site.root_page).filter(tagged_items__tag=tag)
    return ArticlePage.with_card_data(exclude_private(stories).order_by("-first_published_at", "-pk"))
