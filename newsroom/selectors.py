"""Reads that pages share: the front page's stories, the latest feed items, editors' picks.

Each selector runs a fixed number of queries however much content there is, so reader pages
stay within the query budget in docs/architecture.md.
"""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from wagtail.models import Site

from newsroom.models import (
    ArticlePage,
    EditorsPick,
    HomePage,
    NewsFeedItemPage,
    SectionPage,
)

TOP_STORIES = 4
STORIES_PER_SECTION = 4
# Enough recent stories that every section block usually fills from one query.
RECENT_POOL = 80


def latest_news_feed_items(*, limit: int) -> list[NewsFeedItemPage]:
    return list(
        NewsFeedItemPage.objects.live()
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
    return [pick.article for pick in picks]


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
        ArticlePage.with_card_data(ArticlePage.objects.live().descendant_of(home).order_by("-first_published_at"))[
            :RECENT_POOL
        ]
    )
    sections = list(SectionPage.objects.child_of(home).live().order_by("path"))
    section_paths = {section.path: section for section in sections}
    for story in recent:
        story.card_section = section_paths.get(story.path[: -ArticlePage.steplen])  # type: ignore[attr-defined]
    lead = None
    if home.lead_story_id:
        lead = next((story for story in recent if story.pk == home.lead_story_id), None)
        if lead is None:
            lead = ArticlePage.with_card_data(ArticlePage.objects.live().filter(pk=home.lead_story_id)).first()
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


__all__ = ["editors_picks", "front_page", "latest_news_feed_items"]
