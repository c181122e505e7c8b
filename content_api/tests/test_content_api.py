"""The content API: the fields consumers need, filters, privacy, caching, limits and CORS."""

from __future__ import annotations

import json
from datetime import timedelta

import pytest
from django.core.files.base import ContentFile
from django.db import connection
from django.test import override_settings
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from wagtail.models import PageViewRestriction

from audio.models import Narration
from newsroom.models import ArticlePage
from tests.support.newsroom import hours_ago, paragraphs

pytestmark = pytest.mark.django_db


def _get(client, url, **headers):
    response = client.get(url, **headers)
    return response, (json.loads(response.content) if response.content else None)


@pytest.fixture
def story(newsroom):
    reporter = newsroom.add_author("Mira Kovac", role="Energy correspondent")
    article = newsroom.add_article(
        "Grid operator restores power to the north",
        authors=[reporter],
        body=paragraphs("Crews worked through the night.", "Most homes had light by dawn."),
        updates=[("correction", hours_ago(1), "An earlier version gave the wrong number of homes.")],
    )
    article.tags.add("energy", "Power cuts")
    article.save_revision().publish()
    return article


def test_an_article_has_every_field_a_consumer_needs(client, newsroom, story):
    narration, _ = Narration.objects.get_or_create(article=story, defaults={"voice": "test"})
    narration.audio.save("story.mp3", ContentFile(b"ID3" + b"\0" * 2048), save=False)
    narration.status, narration.duration_seconds, narration.size_bytes = Narration.Status.READY, 93.4, 2051
    narration.save()
    response, data = _get(client, f"/api/v2/articles/{story.pk}/")
    assert response.status_code == 200
    assert data["title"] == "Grid operator restores power to the north"
    assert data["standfirst"] == story.standfirst
    assert data["authors"] == [
        {
            "id": newsroom.authors["Mira Kovac"].pk,
            "name": "Mira Kovac",
            "role": "Energy correspondent",
            "html_url": "http://testserver" + newsroom.authors["Mira Kovac"].url,
        }
    ]
    assert data["section"] == {"id": newsroom.sections["politics"].pk, "title": "Politics", "slug": "politics"}
    assert {tag["slug"] for tag in data["tags"]} == {"energy", "power-cuts"}
    assert [block["type"] for block in data["body"]] == ["paragraph", "paragraph"]
    assert "Most homes had light by dawn." in data["body_html"]
    assert set(data["hero_image"]["renditions"]) == {"thumbnail", "medium", "large"}
    assert data["hero_image"]["renditions"]["thumbnail"]["width"] == 400
    assert data["hero_image"]["credit"] == "Staff photographer"
    assert data["audio"]["duration_seconds"] == 93.4
    assert data["audio"]["url"].startswith("http://testserver/audio/")
    assert data["corrections"][0]["kind"] == "correction"
    assert data["meta"]["first_published_at"] and data["meta"]["last_published_at"]


def test_filters_by_section_author_tag_and_time(client, newsroom, story):
    other = newsroom.add_article("Theatre reopens", section="culture", published_at=hours_ago(30))
    ArticlePage.objects.filter(pk=other.pk).update(last_published_at=hours_ago(30))
    ids = lambda data: [item["id"] for item in data["items"]]  # noqa: E731
    assert ids(_get(client, "/api/v2/articles/?section=culture")[1]) == [other.pk]
    assert ids(_get(client, f"/api/v2/articles/?section={newsroom.sections['politics'].pk}")[1]) == [story.pk]
    assert ids(_get(client, "/api/v2/articles/?section=no-such-section")[1]) == []
    assert ids(_get(client, f"/api/v2/articles/?author={newsroom.authors['Mira Kovac'].pk}")[1]) == [story.pk]
    assert ids(_get(client, "/api/v2/articles/?tag=power-cuts")[1]) == [story.pk]
    since = (timezone.now() - timedelta(minutes=10)).isoformat()
    _response, data = _get(client, "/api/v2/articles/", data={"updated_since": since})
    assert ids(data) == [story.pk]
    # Newest first by default.
    assert ids(_get(client, "/api/v2/articles/")[1]) == [story.pk, other.pk]


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ("author=ada", "author must be an author's id"),
        ("author=" + "9" * 30, "author must be an author's id"),
        ("updated_since=yesterday", "updated_since must be a date and time with its offset"),
        ("updated_since=2026-12-01T08:00:00", "updated_since must be a date and time with its offset"),
        ("limit=51", "limit cannot be higher than 50"),
        ("limit=-1", "limit"),
        ("offset=66215539924643274752", "offset must be at most 1000000000"),
        ("type=wagtailcore.Page", "not an operation or a recognised field: type"),
        ("order=password", "cannot order by 'password'"),
    ],
)
def test_bad_parameters_get_a_400_that_says_what_is_wrong(client, story, query, message):
    response, data = _get(client, f"/api/v2/articles/?{query}")
    assert response.status_code == 400
    assert message in data["message"]


def test_drafts_and_restricted_pages_are_nowhere(client, newsroom, story):
    draft = newsroom.add_article("Unpublished scoop", live=False)
    secret = newsroom.add_article("Members-only briefing")
    PageViewRestriction.objects.create(page=secret, restriction_type=PageViewRestriction.PASSWORD, password="pw")
    hidden_section = newsroom.sections["culture"]
    under = newsroom.add_article("Below a restricted section", section="culture")
    PageViewRestriction.objects.create(page=hidden_section, restriction_type=PageViewRestriction.LOGIN)
    listed = {item["id"] for item in _get(client, "/api/v2/articles/?limit=50")[1]["items"]}
    assert story.pk in listed
    assert not listed & {draft.pk, secret.pk, under.pk}
    for page in (draft, secret, under):
        assert client.get(f"/api/v2/articles/{page.pk}/").status_code == 404
    assert hidden_section.pk not in {item["id"] for item in _get(client, "/api/v2/sections/")[1]["items"]}
    assert not _get(client, "/api/v2/articles/?search=Members-only")[1]["items"]


def test_answers_come_from_the_cache_until_something_is_published(client, newsroom, story):
    first, _data = _get(client, "/api/v2/articles/")
    with CaptureQueriesContext(connection) as queries:
        again = client.get("/api/v2/articles/")
    assert again.content == first.content
    # Only the rate-limit counter is touched (in the database without Redis), never the pages.
    assert not [q for q in queries.captured_queries if "wagtailcore_page" in q["sql"]]
    assert client.get("/api/v2/articles/", HTTP_IF_NONE_MATCH=first["ETag"]).status_code == 304
    newer = newsroom.add_article("Second update from the grid")
    after = _get(client, "/api/v2/articles/")[1]
    assert after["items"][0]["id"] == newer.pk
    assert "public" in first["Cache-Control"] and "Set-Cookie" not in first


def test_answers_are_kept_apart_from_reader_page_copies(client, newsroom, story):
    from django.core.cache import caches

    from content_api.guard import CACHE_ALIAS, cache_key

    response = client.get("/api/v2/articles/")
    request = response.wsgi_request
    key = cache_key(request)
    assert caches[CACHE_ALIAS].get(key) == response.content
    assert caches["default"].get(key) is None  # many distinct queries can never cull reader pages


@override_settings(CONTENT_API_RATE_LIMIT_PER_MINUTE=3)
def test_one_client_is_limited_without_limiting_another(client, story):
    for _ in range(3):
        assert client.get("/api/v2/sections/", REMOTE_ADDR="203.0.113.7").status_code == 200
    refused, data = _get(client, "/api/v2/sections/", REMOTE_ADDR="203.0.113.7")
    assert refused.status_code == 429
    assert int(refused["Retry-After"]) > 0 and "Try again in" in data["message"]
    assert client.get("/api/v2/sections/", REMOTE_ADDR="198.51.100.20").status_code == 200


def test_any_origin_may_read_by_default_and_a_list_narrows_it(client, story):
    response = client.get("/api/v2/articles/", HTTP_ORIGIN="https://partner.example")
    assert response["Access-Control-Allow-Origin"] == "*"
    assert "Access-Control-Allow-Credentials" not in response
    with override_settings(CORS_ALLOW_ALL_ORIGINS=False, CORS_ALLOWED_ORIGINS=["https://app.example"]):
        allowed = client.get("/api/v2/authors/", HTTP_ORIGIN="https://app.example")
        other = client.get("/api/v2/authors/", HTTP_ORIGIN="https://elsewhere.example")
    assert allowed["Access-Control-Allow-Origin"] == "https://app.example"
    assert "Access-Control-Allow-Origin" not in other
    # The reader site itself sends no CORS headers.
    assert "Access-Control-Allow-Origin" not in client.get("/", HTTP_ORIGIN="https://partner.example")


def test_news_items_authors_and_sections_have_their_own_endpoints(client, newsroom, story):
    item = newsroom.add_feed_item("Power back in Halden", at=timezone.now(), article=story)
    news = _get(client, "/api/v2/news/")[1]["items"]
    assert news[0]["id"] == item.pk and news[0]["article"]["id"] == story.pk
    assert news[0]["summary"] == "Power back in Halden in brief."
    authors = _get(client, "/api/v2/authors/")[1]["items"]
    assert [a["title"] for a in authors] == sorted(a["title"] for a in authors)
    assert {s["meta"]["slug"] for s in _get(client, "/api/v2/sections/")[1]["items"]} == {"politics", "culture"}


def test_signed_in_people_see_only_what_anonymous_readers_see(client, newsroom, story, django_user_model):
    secret = newsroom.add_article("Members-only briefing")
    PageViewRestriction.objects.create(page=secret, restriction_type=PageViewRestriction.LOGIN)
    admin = django_user_model.objects.create_superuser("chief", "chief@example.org", "pw")
    client.force_login(admin)
    # Signed in by the session: a restriction the person passes still keeps the page out.
    assert secret.pk not in {item["id"] for item in _get(client, "/api/v2/articles/")[1]["items"]}
    assert client.get(f"/api/v2/articles/{secret.pk}/").status_code == 404
    client.logout()
    # HTTP Basic is not a way in either (it would skip the second factor).
    basic = {"HTTP_AUTHORIZATION": "Basic " + __import__("base64").b64encode(b"chief:pw").decode()}
    assert client.get(f"/api/v2/articles/{secret.pk}/", **basic).status_code == 404
    # And what an anonymous reader gets from the shared cache never holds it.
    assert secret.pk not in {item["id"] for item in _get(client, "/api/v2/articles/")[1]["items"]}


def test_images_are_only_those_public_pages_show_and_never_the_original_file(client, newsroom, story):
    draft = newsroom.add_article("Embargoed investigation", live=False)
    listed = _get(client, "/api/v2/images/?limit=50")[1]["items"]
    assert {item["id"] for item in listed} == {story.hero_image_id}
    assert all("download_url" not in item["meta"] for item in listed)
    assert client.get(f"/api/v2/images/{draft.hero_image_id}/").status_code == 404


@pytest.mark.parametrize(
    "url",
    [
        "/api/v2/articles/?offset=²",
        "/api/v2/articles/?author=²",
        "/api/v2/articles/?first_published_at=x",
        "/api/v2/articles/?hero_image=" + "9" * 25,
        "/api/v2/articles/find/?id=abc",
        "/api/v2/articles/?tag=a%00b",
        "/api/v2/articles/?search=a%00b",
    ],
)
def test_odd_values_are_a_400_never_a_server_error(client, story, url):
    response = client.get(url)
    assert response.status_code == 400, response.content
    assert json.loads(response.content)["message"]


def test_detail_and_find_refuse_another_page_type_or_site(client, newsroom, story):
    for url in (f"/api/v2/articles/{story.pk}/?type=wagtailcore.Page", "/api/v2/articles/find/?site=1&id=1"):
        response = client.get(url)
        assert response.status_code == 400
        assert "not an operation or a recognised field" in json.loads(response.content)["message"]


def test_an_unpublished_section_is_not_named(client, newsroom, story):
    type(newsroom.sections["politics"]).objects.filter(pk=newsroom.sections["politics"].pk).update(live=False)
    assert _get(client, f"/api/v2/articles/{story.pk}/")[1]["section"] is None
