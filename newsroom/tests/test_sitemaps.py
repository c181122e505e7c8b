"""sitemap.xml lists every public page; the news sitemap only the last 48 hours; robots.txt."""

from __future__ import annotations

import xml.etree.ElementTree as ET

import pytest
from django.utils import timezone
from wagtail.models import PageViewRestriction

from tests.support.newsroom import hours_ago

NS = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9", "news": "http://www.google.com/schemas/sitemap-news/0.9"}


def _xml(client, url: str) -> ET.Element:
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/xml")
    return ET.fromstring(response.content)  # noqa: S314 - our own response


@pytest.mark.django_db
def test_the_sitemap_index_leads_to_every_public_page_with_lastmod(client, newsroom):
    story = newsroom.add_article("Port reopens", published_at=hours_ago(100))
    draft = newsroom.add_article("Draft", live=False)
    secret = newsroom.add_article("Members only")
    PageViewRestriction.objects.create(page=secret, restriction_type="password", password="pw")

    index = _xml(client, "/sitemap.xml")
    locations = [loc.text for loc in index.findall("s:sitemap/s:loc", NS)]
    assert locations == ["http://testserver/sitemap-pages.xml", "http://testserver/sitemap-tags.xml"]
    pages = _xml(client, "/sitemap-pages.xml")
    entries = {url.find("s:loc", NS).text: url.find("s:lastmod", NS) for url in pages.findall("s:url", NS)}
    assert "http://testserver/" in entries
    assert "http://testserver/politics/" in entries
    assert "http://testserver/news-feed/" in entries
    assert story.get_full_url() in entries
    # The sitemap writes the newsroom's time zone: around midnight its date is not the UTC one.
    published = timezone.localtime(story.last_published_at).date().isoformat()
    assert entries[story.get_full_url()].text.startswith(published)
    assert draft.get_full_url() not in entries
    assert secret.get_full_url() not in entries


@pytest.mark.django_db
def test_the_news_sitemap_lists_stories_of_the_last_48_hours(client, newsroom):
    fresh = newsroom.add_article("Fresh story", published_at=hours_ago(2))
    edge = newsroom.add_article("Almost two days old", published_at=hours_ago(47.5))
    newsroom.add_article("Three days old", published_at=hours_ago(72))
    newsroom.add_article("Fresh draft", live=False)

    root = _xml(client, "/sitemap-news.xml")
    urls = root.findall("s:url", NS)
    assert [url.find("s:loc", NS).text for url in urls] == [fresh.get_full_url(), edge.get_full_url()]
    news = urls[0].find("news:news", NS)
    assert news.find("news:publication/news:name", NS).text == "The Test Ledger"
    assert news.find("news:publication/news:language", NS).text == "en"
    assert news.find("news:title", NS).text == "Fresh story"
    published = news.find("news:publication_date", NS).text
    assert published.startswith(fresh.first_published_at.astimezone().date().isoformat()[:4])
    assert "T" in published and ("+" in published or published.endswith("Z"))


@pytest.mark.django_db
def test_robots_txt_points_at_both_sitemaps(client, newsroom):
    text = client.get("/robots.txt").content.decode()
    assert "Sitemap: http://testserver/sitemap.xml" in text
    assert "Sitemap: http://testserver/sitemap-news.xml" in text
    assert "Disallow: /cms/" in text
