"""One base URL: every absolute link on pages, feeds, sitemaps and robots.txt starts with SITE_URL.

The Site record here answers on testserver:80 and the requests come to testserver, so a link
built from either of them would not start with SITE_URL.
"""

from __future__ import annotations

import json
import re
import xml.etree.ElementTree as ET

import feedparser
import pytest
from django.core import checks
from django.test import override_settings
from wagtail.models import Site

from lib.site_url import default_site_follow_site_url
from tests.support.newsroom import hours_ago

BASE = "http://127.0.0.1:9000"
NS = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}


@pytest.mark.django_db
@override_settings(SITE_URL=BASE, PAGE_CACHE_ENABLED=False)
def test_every_absolute_link_starts_with_site_url(client, newsroom):
    story = newsroom.add_article("Port reopens", section="politics", published_at=hours_ago(1))
    html = client.get(story.url).content.decode()
    assert f'<link rel="canonical" href="{BASE}/politics/port-reopens/">' in html
    assert re.search(rf'<meta property="og:url" content="{re.escape(BASE)}/politics/port-reopens/"', html)
    blocks = [json.loads(b) for b in re.findall(r'<script type="application/ld\+json">(.*?)</script>', html)]
    article = next(b for b in blocks if b.get("@type") == "NewsArticle")
    assert article["url"] == f"{BASE}/politics/port-reopens/"
    crumbs = next(b for b in blocks if b.get("@type") == "BreadcrumbList")
    assert all(item["item"].startswith(BASE + "/") for item in crumbs["itemListElement"])

    rss = feedparser.parse(client.get("/feeds/rss/").content)
    assert rss.feed.link.startswith(BASE + "/")
    assert [entry.link for entry in rss.entries] == [f"{BASE}/politics/port-reopens/"]

    index = ET.fromstring(client.get("/sitemap.xml").content)  # noqa: S314 - our own response
    assert sorted(loc.text for loc in index.findall("s:sitemap/s:loc", NS)) == [
        f"{BASE}/sitemap-pages.xml",
        f"{BASE}/sitemap-tags.xml",
    ]
    pages = ET.fromstring(client.get("/sitemap-pages.xml").content)  # noqa: S314
    locations = [loc.text for loc in pages.findall("s:url/s:loc", NS)]
    assert f"{BASE}/politics/port-reopens/" in locations
    assert all(location.startswith(BASE + "/") for location in locations)
    news = ET.fromstring(client.get("/sitemap-news.xml").content)  # noqa: S314
    assert [loc.text for loc in news.findall("s:url/s:loc", NS)] == [f"{BASE}/politics/port-reopens/"]

    robots = client.get("/robots.txt").content.decode()
    sitemap_lines = [line for line in robots.splitlines() if line.startswith("Sitemap:")]
    assert sitemap_lines == [f"Sitemap: {BASE}/sitemap.xml", f"Sitemap: {BASE}/sitemap-news.xml"]


@pytest.mark.django_db(databases="__all__")
def test_a_site_record_on_another_address_is_a_warning_until_it_follows_site_url(newsroom):
    with override_settings(SITE_URL=BASE):
        warnings = checks.run_checks(databases=["default"])
        assert [w.id for w in warnings if w.id == "lib.W001"] == ["lib.W001"]
        assert default_site_follow_site_url() is True
        site = Site.objects.get(is_default_site=True)
        assert (site.hostname, site.port, site.root_url) == ("127.0.0.1", 9000, BASE)
        assert [w.id for w in checks.run_checks(databases=["default"]) if w.id == "lib.W001"] == []
        assert default_site_follow_site_url() is False
