"""/tags/<slug>/ lists the live, public stories carrying a tag, newest first, with its own feeds,
head, sitemap entry and a fixed query budget; tags on a story link there."""

from __future__ import annotations

import json
import re
import xml.etree.ElementTree as ET

import feedparser
import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import PageViewRestriction

from newsroom import tag_views
from tests.support.newsroom import hours_ago

pytestmark = pytest.mark.django_db

TAG_BUDGET = 7  # tag, count, stories, authors, renditions, sections, + Wagtail's site lookup
NS = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}


def _tagged(newsroom, title: str, *tags: str, **kwargs):  # type: ignore[no-untyped-def]
    story = newsroom.add_article(title, **kwargs)
    story.tags.add(*tags)
    story.save()  # a live page: its tags are written at once
    return story


@pytest.fixture
def harbour(newsroom):  # type: ignore[no-untyped-def]
    return {
        "old": _tagged(newsroom, "Cranes return to the quay", "Harbour", published_at=hours_ago(30)),
        "new": _tagged(
            newsroom, "Ferry fares frozen", "Harbour", "Transport", section="culture", published_at=hours_ago(2)
        ),
        "other": _tagged(newsroom, "Council budget passes", "Budget", published_at=hours_ago(1)),
    }


def _titles(html: str) -> list[str]:
    return re.findall(r'<h2 class="card__title"><a href="[^"]+">([^<]+)</a>', html)


def _json_ld(html: str) -> list[dict]:
    return [json.loads(raw) for raw in re.findall(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)]


def test_a_tag_page_lists_its_live_stories_newest_first_with_their_sections(client, newsroom, harbour):
    newsroom.add_article("Unpublished harbour draft", live=False).tags.add("Harbour")
    response = client.get("/tags/harbour/")
    assert response.status_code == 200
    html = response.content.decode()
    assert _titles(html) == ["Ferry fares frozen", "Cranes return to the quay"]
    assert "<h1>Harbour</h1>" in html
    assert '<p class="kicker">Culture</p>' in html  # cards say which section each story is from
    assert 'class="story-grid"' in html  # the section pages' grid and cards


def test_the_head_has_title_canonical_description_feeds_and_breadcrumbs(client, newsroom, harbour):
    html = client.get("/tags/harbour/").content.decode()
    assert "<title>Harbour | The Test Ledger</title>" in html
    assert '<link rel="canonical" href="http://testserver/tags/harbour/">' in html
    assert '<meta name="description" content="Stories about Harbour from The Test Ledger, newest first.">' in html
    assert 'type="application/rss+xml" title="The Test Ledger: Harbour (RSS)" href="/feeds/tag/harbour/rss/"' in html
    assert 'type="application/atom+xml" title="The Test Ledger: Harbour (Atom)" href="/feeds/tag/harbour/atom/"' in html
    (crumbs,) = [data for data in _json_ld(html) if data.get("@type") == "BreadcrumbList"]
    assert [(item["name"], item["item"]) for item in crumbs["itemListElement"]] == [
        (newsroom.home.title, "http://testserver/"),
        ("Harbour", "http://testserver/tags/harbour/"),
    ]


def test_the_tags_on_a_story_link_to_their_tag_pages(client, harbour):
    html = client.get(harbour["new"].url).content.decode()
    assert '<li><a href="/tags/harbour/">Harbour</a></li>' in html
    assert '<li><a href="/tags/transport/">Transport</a></li>' in html


def test_private_stories_never_appear_and_a_tag_only_they_carry_is_a_404(client, newsroom, harbour):
    secret = _tagged(newsroom, "Harbour master resigns", "Harbour", "Scoop", published_at=hours_ago(0.5))
    PageViewRestriction.objects.create(page=secret, restriction_type="password", password="pw")
    in_private_section = _tagged(newsroom, "Harbour dues rise", "Harbour", section="culture")
    PageViewRestriction.objects.create(page=newsroom.sections["culture"], restriction_type="login")

    html = client.get("/tags/harbour/").content.decode()
    assert _titles(html) == ["Cranes return to the quay"]
    assert secret.title not in html and in_private_section.title not in html
    for url in ("/feeds/tag/harbour/rss/", "/feeds/tag/harbour/atom/"):
        titles = [entry.title for entry in feedparser.parse(client.get(url).content).entries]
        assert titles == ["Cranes return to the quay"], url
    response = client.get("/tags/scoop/")
    assert response.status_code == 404
    assert "Scoop" not in response.content.decode()
    assert client.get("/feeds/tag/scoop/rss/").status_code == 404


# A NUL in the path is answered before this view, as the site's 404 (lib/nul_guard.py).
@pytest.mark.parametrize("url", ["/tags/no-such-tag/", "/tags/%E2%80%AEx/", "/tags/" + "x" * 300 + "/"])
def test_an_unknown_tag_is_a_friendly_404(client, harbour, url):
    response = client.get(url)
    assert response.status_code == 404
    html = response.content.decode()
    assert "No stories with this tag" in html
    assert 'href="/search/"' in html and 'href="/"' in html
    assert client.get(url.replace("/tags/", "/feeds/tag/") + "rss/").status_code == 404


def test_tag_pages_are_paginated(client, newsroom):
    for n in range(tag_views.PER_PAGE + 2):
        _tagged(newsroom, f"Tide report {n}", "Tides", published_at=hours_ago(n + 1))
    first = client.get("/tags/tides/").content.decode()
    assert len(_titles(first)) == tag_views.PER_PAGE
    assert "Page 1 of 2" in first and 'rel="next" href="?page=2"' in first
    second = client.get("/tags/tides/?page=2").content.decode()
    assert _titles(second) == [f"Tide report {tag_views.PER_PAGE}", f"Tide report {tag_views.PER_PAGE + 1}"]
    assert '<link rel="canonical" href="http://testserver/tags/tides/?page=2">' in second
    assert client.get("/tags/tides/?page=999").status_code == 200  # the last page, never an error


@pytest.mark.parametrize("kind", ["rss", "atom"])
def test_each_tag_has_feeds_of_its_stories_newest_first(client, harbour, kind):
    response = client.get(f"/feeds/tag/harbour/{kind}/")
    assert response.status_code == 200
    parsed = feedparser.parse(response.content)
    assert not parsed.bozo
    assert parsed.version.startswith("rss20" if kind == "rss" else "atom10")
    assert parsed.feed.title == "The Test Ledger: Harbour"
    assert parsed.feed.link == "http://testserver/tags/harbour/"
    assert [entry.title for entry in parsed.entries] == ["Ferry fares frozen", "Cranes return to the quay"]
    assert parsed.entries[0].link == "http://testserver" + harbour["new"].url


def test_tag_pages_are_in_the_sitemap(client, newsroom, harbour):
    secret = _tagged(newsroom, "Harbour master resigns", "Scoop")
    PageViewRestriction.objects.create(page=secret, restriction_type="password", password="pw")
    root = ET.fromstring(client.get("/sitemap-tags.xml").content)  # noqa: S314 - our own response
    locations = [url.find("s:loc", NS).text for url in root.findall("s:url", NS)]
    assert locations == [
        "http://testserver/tags/budget/",
        "http://testserver/tags/harbour/",
        "http://testserver/tags/transport/",
    ]


def test_a_second_anonymous_request_comes_from_the_page_cache(client, harbour):
    assert client.get("/tags/harbour/")["X-Page-Cache"] == "miss"
    assert client.get("/tags/harbour/")["X-Page-Cache"] == "hit"


def test_the_tag_page_stays_within_its_query_budget_as_stories_grow(client, newsroom, settings):
    settings.PAGE_CACHE_ENABLED = False

    def count() -> int:
        client.get("/tags/harbour/")  # warms Wagtail's site and rendition caches
        with CaptureQueriesContext(connection) as queries:
            assert client.get("/tags/harbour/").status_code == 200
        return len(queries)

    ada, bo = newsroom.add_author("Ada Lind"), newsroom.add_author("Bo Erkan")
    for n in range(3):
        _tagged(newsroom, f"Harbour story {n}", "Harbour", authors=[ada, bo], published_at=hours_ago(n + 1))
    small = count()
    for n in range(8):
        _tagged(newsroom, f"More harbour {n}", "Harbour", section="culture", published_at=hours_ago(n + 5))
    large = count()
    assert large <= TAG_BUDGET, large
    assert large == small, "the tag page must not run a query per story"
