"""Every feed parses cleanly and lists the right entries with their pictures."""

from __future__ import annotations

import feedparser
import pytest

from tests.support.newsroom import hours_ago


@pytest.fixture
def stories(newsroom):
    ada = newsroom.add_author("Ada Lind")
    bo = newsroom.add_author("Bo Erkan")
    vote = newsroom.add_article("Council passes budget", section="politics", authors=[ada], published_at=hours_ago(3))
    festival = newsroom.add_article("Festival opens", section="culture", authors=[bo], published_at=hours_ago(2))
    both = newsroom.add_article("Joint report", section="politics", authors=[ada, bo], published_at=hours_ago(1))
    newsroom.add_article("Unfinished draft", section="politics", authors=[ada], live=False)
    newsroom.add_feed_item("Bridge reopens", at=hours_ago(0.5), article=festival)
    newsroom.add_feed_item("Storm warning", at=hours_ago(0.2))
    return {"vote": vote, "festival": festival, "both": both}


def _parse(client, url: str):
    response = client.get(url)
    assert response.status_code == 200, url
    parsed = feedparser.parse(response.content)
    assert not parsed.bozo, (url, parsed.get("bozo_exception"))
    return response, parsed


FEEDS = {
    "/feeds/{kind}/": ["Joint report", "Festival opens", "Council passes budget"],
    "/feeds/section/politics/{kind}/": ["Joint report", "Council passes budget"],
    "/feeds/author/bo-erkan/{kind}/": ["Joint report", "Festival opens"],
    "/feeds/news/{kind}/": ["Storm warning", "Bridge reopens"],
}


@pytest.mark.django_db
@pytest.mark.parametrize("kind", ["rss", "atom"])
@pytest.mark.parametrize("pattern", list(FEEDS))
def test_every_feed_parses_and_lists_its_entries_newest_first(client, stories, pattern, kind):
    _, parsed = _parse(client, pattern.format(kind=kind))
    assert [entry.title for entry in parsed.entries] == FEEDS[pattern]
    assert parsed.version.startswith("rss20" if kind == "rss" else "atom10")
    for entry in parsed.entries:
        assert entry.link.startswith("http://testserver/")
        assert entry.id
        assert entry.published_parsed is not None
        assert entry.summary


@pytest.mark.django_db
@pytest.mark.parametrize("url", ["/feeds/rss/", "/feeds/atom/"])
def test_story_entries_carry_author_summary_section_and_hero_picture(client, stories, url):
    _, parsed = _parse(client, url)
    joint = next(entry for entry in parsed.entries if entry.title == "Joint report")
    assert joint.link == "http://testserver/politics/joint-report/"
    assert joint.summary == "What happened: Joint report."
    assert "Ada Lind" in joint.author and "Bo Erkan" in joint.author
    assert [tag.term for tag in joint.tags] == ["Politics"]
    (picture,) = joint.media_content
    assert picture["medium"] == "image"
    assert (picture["width"], picture["height"]) == ("1200", "675")
    assert picture["url"].startswith("http://testserver/media/images/") and picture["url"].endswith(".jpg")


@pytest.mark.django_db
def test_a_news_feed_item_carries_the_picture_of_the_story_it_points_to(client, stories):
    _, parsed = _parse(client, "/feeds/news/rss/")
    bridge = next(entry for entry in parsed.entries if entry.title == "Bridge reopens")
    storm = next(entry for entry in parsed.entries if entry.title == "Storm warning")
    assert bridge.media_content[0]["width"] == "1200"
    assert "media_content" not in storm
    assert storm.summary == "Storm warning in brief."


@pytest.mark.django_db
def test_feeds_of_unknown_sections_and_authors_are_friendly_404s(client, stories):
    for url in ("/feeds/section/nowhere/rss/", "/feeds/author/nobody/atom/"):
        response = client.get(url)
        assert response.status_code == 404


@pytest.mark.django_db
def test_pages_link_their_feeds_from_the_head(client, stories, newsroom):
    article = client.get(stories["vote"].url).content.decode()
    assert (
        '<link rel="alternate" type="application/rss+xml" title="The Test Ledger (RSS)" href="/feeds/rss/">' in article
    )
    assert 'href="/feeds/section/politics/atom/"' in article
    author = client.get("/authors/bo-erkan/").content.decode()
    assert 'href="/feeds/author/bo-erkan/rss/"' in author
    assert 'href="/feeds/news/atom/"' in client.get("/news-feed/").content.decode()


@pytest.mark.django_db
def test_a_feed_asked_with_a_session_is_rendered_once_per_generation(client, stories, newsroom):
    """The page cache leaves a request with a session cookie alone; a feed is the same for
    everyone, so its answer is kept for the generation (page_cache.same_for_everyone), and a
    publish shows in it at once."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext
    from wagtail.models import PageViewRestriction

    client.cookies["sessionid"] = "a-reader-who-signed-in-once"
    first = client.get("/feeds/rss/")
    assert first["X-Page-Cache"] == "bypass"
    with CaptureQueriesContext(connection) as queries:
        second = client.get("/feeds/rss/")
    assert second.content == first.content and second["Content-Type"] == first["Content-Type"]
    assert len(queries) <= 1, [query["sql"] for query in queries]  # the session lookup at most
    newsroom.add_article("Harbour reopens", section="politics", published_at=hours_ago(0.1))
    assert "Harbour reopens" in client.get("/feeds/rss/").content.decode()
    PageViewRestriction.objects.create(page=stories["both"], restriction_type="login")
    assert "Joint report" not in client.get("/feeds/rss/").content.decode()
    assert "Joint report" not in client.get("/feeds/rss/?fresh=1").content.decode()
