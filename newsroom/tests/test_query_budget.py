"""Reader pages run a fixed number of queries, however much content there is.

These count an uncached render (the page cache is switched off; the site chrome is warm, as it
is after the first render of a cache generation). A cache hit runs none: see
test_page_cache.py. The budgets are written down in docs/architecture.md; change both together.
"""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.support.newsroom import hours_ago, paragraphs

HOME_BUDGET = 6
ARTICLE_BUDGET = 11  # 10 + 1 for the audio player (audio.selectors.narration_for_player)


def _fill(newsroom, stories: int) -> list:
    authors = [newsroom.add_author("Ada Lind"), newsroom.add_author("Bo Erkan")]
    articles = []
    for n in range(stories):
        articles.append(
            newsroom.add_article(
                f"Story number {n}",
                section="politics" if n % 2 else "culture",
                authors=authors if n % 3 == 0 else authors[:1],
                published_at=hours_ago(n + 1),
            )
        )
    for n in range(8):
        newsroom.add_feed_item(f"Feed item {n}", at=hours_ago(n + 0.5))
    from newsroom.models import EditorsPick, EditorsPicks

    picks, _ = EditorsPicks.objects.get_or_create(site=newsroom.home.get_site())
    for position, article in enumerate(articles[:4]):
        EditorsPick.objects.create(picks_list=picks, article=article, sort_order=position)
    return articles


@pytest.fixture(autouse=True)
def _renders_not_cache_hits(settings):
    settings.PAGE_CACHE_ENABLED = False


def _count(client, url: str) -> int:
    client.get(url)  # the first request warms Wagtail's site and rendition caches
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries)


@pytest.mark.django_db
def test_the_home_page_stays_within_its_query_budget_as_content_grows(client, newsroom):
    _fill(newsroom, 6)
    small = _count(client, "/")
    _fill_more = [newsroom.add_article(f"Extra {n}", published_at=hours_ago(20 + n)) for n in range(10)]
    large = _count(client, "/")
    assert large <= HOME_BUDGET, large
    assert large == small, "the home page must not run a query per story"
    assert _fill_more


@pytest.mark.django_db
def test_the_article_page_stays_within_its_query_budget(client, newsroom):
    articles = _fill(newsroom, 6)
    related = articles[1]
    article = newsroom.add_article(
        "Budgeted story",
        body=[*paragraphs("One.", "Two."), ("related_story", {"article": related})],
        updates=[("update", hours_ago(0.2), "More detail.")],
    )
    assert _count(client, article.url) <= ARTICLE_BUDGET


@pytest.mark.django_db
def test_within_a_generation_a_render_reads_almost_nothing(client, newsroom):
    """Once a generation's pieces are kept (fragments, kind-keyed slots, the story's row), a
    render of the home page reads nothing and a story's reads one two-column row (its live
    revision, to catch a publish whose bump never arrived). Anonymous, page cache off."""
    articles = _fill(newsroom, 6)
    article = newsroom.add_article(
        "Budgeted story",
        body=[*paragraphs("One.", "Two."), ("related_story", {"article": articles[1]})],
        updates=[("update", hours_ago(0.2), "More detail.")],
    )
    assert _count(client, "/") == 0
    assert _count(client, article.url) == 1
