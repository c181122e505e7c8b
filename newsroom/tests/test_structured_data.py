"""JSON-LD, Open Graph, Twitter and canonical tags, read back from the rendered pages."""

from __future__ import annotations

import json
import re
from datetime import timedelta

import pytest
from django.utils import timezone

from tests.support.newsroom import hours_ago

SCRIPT = re.compile(r'<script type="application/ld\+json">(.*?)</script>', re.DOTALL)


def _json_ld(html: str) -> list[dict]:
    found = []
    for block in SCRIPT.findall(html):
        data = json.loads(block)
        found.extend(data if isinstance(data, list) else [data])
    return found


def _of_type(html: str, kind: str) -> dict:
    return next(item for item in _json_ld(html) if item["@type"] == kind)


@pytest.fixture
def corrected(newsroom):
    ada = newsroom.add_author("Ada Lind")
    bo = newsroom.add_author("Bo Erkan")
    published = timezone.now() - timedelta(hours=6)
    article = newsroom.add_article(
        "Ferry strike ends",
        authors=[ada, bo],
        published_at=published,
        updates=[
            ("update", published + timedelta(hours=1), "Unions confirmed the deal."),
            ("correction", published + timedelta(hours=2), "An earlier version misnamed the port."),
            ("correction", published + timedelta(hours=3), "The strike lasted nine days, not eight."),
        ],
    )
    article.title = "Ferry </script> strike ends"  # a headline that tries to break out of the script
    article.save_revision().publish()
    article.refresh_from_db()
    return article


@pytest.mark.django_db
def test_an_article_carries_a_complete_news_article(client, corrected):
    html = client.get(corrected.url).content.decode()
    article = _of_type(html, "NewsArticle")
    url = "http://testserver/politics/ferry-strike-ends/"
    assert article["@context"] == "https://schema.org"
    assert article["headline"] == "Ferry </script> strike ends"
    assert article["description"] == "What happened: Ferry strike ends."
    assert article["datePublished"] == corrected.first_published_at.isoformat()
    assert article["dateModified"] == max(corrected.last_published_at, corrected.last_updated_at).isoformat()
    assert article["author"] == [
        {"@type": "Person", "name": "Ada Lind", "url": "http://testserver/authors/ada-lind/"},
        {"@type": "Person", "name": "Bo Erkan", "url": "http://testserver/authors/bo-erkan/"},
    ]
    assert [image.rsplit(".", 2)[-2] for image in article["image"]] == [
        "fill-1200x675",
        "fill-1200x900",
        "fill-1200x1200",
    ]
    publisher = article["publisher"]
    assert publisher["@type"] == "NewsMediaOrganization" and publisher["name"] == "The Test Ledger"
    assert publisher["logo"]["url"] == "http://testserver/static/img/publisher-logo.png"
    assert article["mainEntityOfPage"] == {"@type": "WebPage", "@id": url}
    assert article["isAccessibleForFree"] is True
    assert article["articleSection"] == "Politics"
    assert [c["text"] for c in article["correction"]] == [
        "The strike lasted nine days, not eight.",
        "An earlier version misnamed the port.",
    ]
    assert all(c["@type"] == "CorrectionComment" and c["datePublished"] for c in article["correction"])


@pytest.mark.django_db
def test_text_inside_json_ld_cannot_close_the_script(client, corrected):
    html = client.get(corrected.url).content.decode()
    assert "Ferry \\u003c/script\\u003e strike ends" in html


@pytest.mark.django_db
def test_an_article_has_breadcrumbs_canonical_and_sharing_tags(client, corrected):
    html = client.get(corrected.url).content.decode()
    crumbs = _of_type(html, "BreadcrumbList")["itemListElement"]
    assert [(c["position"], c["name"], c["item"]) for c in crumbs] == [
        (1, "The Test Ledger", "http://testserver/"),
        (2, "Politics", "http://testserver/politics/"),
        (3, corrected.title, "http://testserver/politics/ferry-strike-ends/"),
    ]
    assert '<link rel="canonical" href="http://testserver/politics/ferry-strike-ends/">' in html
    assert '<meta property="og:type" content="article">' in html
    assert '<meta property="og:image:width" content="1200">' in html
    assert '<meta name="twitter:card" content="summary_large_image">' in html
    assert '<meta property="article:section" content="Politics">' in html


@pytest.mark.django_db
def test_the_home_page_describes_the_newsroom_and_its_search(client, newsroom):
    newsroom.add_article("Something new", published_at=hours_ago(1))
    html = client.get("/").content.decode()
    organization = _of_type(html, "NewsMediaOrganization")
    assert organization["name"] == "The Test Ledger"
    assert organization["url"] == "http://testserver/"
    assert organization["logo"]["@type"] == "ImageObject"
    website = _of_type(html, "WebSite")
    action = website["potentialAction"]
    assert action["@type"] == "SearchAction"
    assert action["target"]["urlTemplate"] == "http://testserver/search/?q={search_term_string}"
    assert action["query-input"] == "required name=search_term_string"
    assert '<link rel="canonical" href="http://testserver/">' in html
    assert not [item for item in _json_ld(html) if item["@type"] == "BreadcrumbList"]


@pytest.mark.django_db
def test_other_apps_can_add_to_the_news_article(client, corrected):
    from wagtail import hooks

    from newsroom.structured_data import NEWS_ARTICLE_HOOK

    def add_audio(page, request, data):
        data["audio"] = {"@type": "AudioObject", "contentUrl": "http://testserver/audio/1.mp3"}

    with hooks.register_temporarily(NEWS_ARTICLE_HOOK, add_audio):
        html = client.get(corrected.url).content.decode()
    assert _of_type(html, "NewsArticle")["audio"]["@type"] == "AudioObject"


@pytest.mark.django_db
def test_a_story_without_a_hero_image_still_has_an_absolute_image(client, newsroom):
    """Issue 15.20: news aggregators require an image on every NewsArticle."""
    story = newsroom.add_article("No picture today", hero=False)
    article = _of_type(client.get(story.url).content.decode(), "NewsArticle")
    assert article["image"] == ["http://testserver/static/img/publisher-logo.png"]  # SITE_URL in tests
