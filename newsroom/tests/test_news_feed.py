from __future__ import annotations

import re

import pytest

from newsroom.models import NewsFeedPage
from tests.support.newsroom import hours_ago


def _titles(html: str) -> list[str]:
    return re.findall(r'class="feed-entry__title"><a href="[^"]+">([^<]+)</a>', html)


@pytest.mark.django_db
def test_the_news_feed_lists_items_newest_first(client, newsroom):
    newsroom.add_feed_item("Oldest item", at=hours_ago(30))
    newsroom.add_feed_item("Newest item", at=hours_ago(1))
    newsroom.add_feed_item("Middle item", at=hours_ago(5))
    assert _titles(client.get("/news-feed/").content.decode()) == ["Newest item", "Middle item", "Oldest item"]


@pytest.mark.django_db
def test_the_news_feed_is_paginated_with_a_more_news_link(client, newsroom):
    total = NewsFeedPage.PER_PAGE + 5
    for n in range(total):
        newsroom.add_feed_item(f"Item number {n}", at=hours_ago(n + 1))
    first = client.get("/news-feed/").content.decode()
    assert len(_titles(first)) == NewsFeedPage.PER_PAGE
    assert _titles(first)[0] == "Item number 0"
    assert 'href="?page=2"' in first and "More news" in first
    second = client.get("/news-feed/?page=2").content.decode()
    assert _titles(second) == [f"Item number {n}" for n in range(NewsFeedPage.PER_PAGE, total)]


@pytest.mark.django_db
def test_each_item_has_a_permalink_that_links_its_story(client, newsroom):
    article = newsroom.add_article("Full story here")
    item = newsroom.add_feed_item("Short item", at=hours_ago(2), article=article)
    html = client.get(item.url).content.decode()
    assert "<h1>Short item</h1>" in html
    assert f'href="{article.url}"' in html


@pytest.mark.django_db
def test_home_and_article_pages_show_latest_items_with_times(client, newsroom):
    recent = newsroom.add_feed_item("Recent item", at=hours_ago(2))
    old = newsroom.add_feed_item("Older item", at=hours_ago(60))
    article = newsroom.add_article("Some story")
    for url in ("/", article.url):
        html = client.get(url).content.decode()
        assert "Recent item" in html and "Older item" in html
        assert re.search(r">\d{1,2}:\d{2} (AM|PM)</time>", html), "a clock time for an item under a day old"
        from django.utils import timezone

        old_local = timezone.localtime(old.first_published_at)
        assert f">{old_local.strftime('%b %-d')}" in html, "a date once an item is older than a day"
    assert recent.url
