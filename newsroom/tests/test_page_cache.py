"""The page cache: anonymous readers get stored pages with no queries; changes show at once."""

from __future__ import annotations

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import PageViewRestriction

from newsroom.models import ArticleUpdate, EditorsPick, EditorsPicks
from newsroom.page_cache import cache_key_for
from tests.support.newsroom import hours_ago, make_editor


@pytest.fixture
def story(newsroom):
    newsroom.add_feed_item("Bridge closed", at=hours_ago(1))
    newsroom.add_article("Quiet culture story", section="culture")
    return newsroom.add_article("Harbour fire contained", section="politics")


def _queries(client, url: str, **headers) -> tuple[int, object]:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url, **headers)
    return len(queries), response


@pytest.mark.django_db
@pytest.mark.parametrize("which", ["article", "home", "section", "feed", "authors"])
def test_the_second_anonymous_request_of_a_page_runs_no_queries(client, newsroom, story, which):
    url = {"article": story.url, "home": "/", "section": "/politics/", "feed": "/news-feed/", "authors": "/authors/"}
    first = client.get(url[which])
    assert first["X-Page-Cache"] == "miss"
    count, second = _queries(client, url[which])
    assert second.status_code == 200
    assert second["X-Page-Cache"] == "hit"
    assert count == 0
    assert second.content == first.content


@pytest.mark.django_db
def test_anonymous_pages_can_be_held_by_a_shared_cache(client, story):
    response = client.get(story.url)
    control = response["Cache-Control"]
    assert "public" in control and "s-maxage=60" in control and "stale-while-revalidate=30" in control
    assert "Cookie" not in response.get("Vary", "")
    assert not response.cookies


@pytest.mark.django_db
def test_publishing_a_correction_shows_on_the_story_its_section_home_and_every_other_page(client, newsroom, story):
    unrelated = "/culture/"
    for url in (story.url, "/politics/", "/", unrelated):
        client.get(url)
        assert client.get(url)["X-Page-Cache"] == "hit"

    story.title = "Harbour fire contained after 12 hours"
    story.updates.add(
        ArticleUpdate(kind="correction", happened_at=hours_ago(0), note="The fire burned 12 hours, not 6.")
    )
    story.save_revision().publish()

    article = client.get(story.url)
    assert article["X-Page-Cache"] == "miss"
    assert "The fire burned 12 hours, not 6." in article.content.decode()
    for url in ("/politics/", "/"):
        response = client.get(url)
        assert response["X-Page-Cache"] == "miss", url
        assert "Harbour fire contained after 12 hours" in response.content.decode(), url
    # Documented: every change makes every page stale (docs/architecture.md), unrelated ones too.
    assert client.get(unrelated)["X-Page-Cache"] == "miss"


@pytest.mark.django_db
def test_changing_editors_picks_or_unpublishing_a_story_refreshes_pages(client, newsroom, story):
    other = newsroom.add_article("Picked story", section="culture")
    client.get(story.url)
    picks, _ = EditorsPicks.objects.get_or_create(site=newsroom.home.get_site())
    EditorsPick.objects.create(picks_list=picks, article=other, sort_order=0)
    response = client.get(story.url)
    assert response["X-Page-Cache"] == "miss"
    assert "Picked story" in response.content.decode()

    client.get("/")
    other.unpublish()
    home = client.get("/")
    assert home["X-Page-Cache"] == "miss"
    assert "Picked story" not in home.content.decode()


@pytest.mark.django_db
def test_staff_never_receive_the_cached_anonymous_page(client, newsroom, story):
    client.get(story.url)
    assert client.get(story.url)["X-Page-Cache"] == "hit"
    client.force_login(make_editor(newsroom.home))
    response = client.get(story.url)
    assert response["X-Page-Cache"] == "bypass"
    assert "Edit post" in response.content.decode()
    assert "private" in response["Cache-Control"] and "no-store" in response["Cache-Control"]


@pytest.mark.django_db
def test_an_anonymous_reader_never_receives_staff_markup(client, newsroom, story):
    staff = client.__class__()
    staff.force_login(make_editor(newsroom.home))
    assert "Edit post" in staff.get(story.url).content.decode()
    for _ in range(2):
        response = client.get(story.url)
        assert "Edit post" not in response.content.decode()
        assert "/cms/" not in response.content.decode()


@pytest.mark.django_db
def test_a_page_that_renders_a_csrf_token_is_never_stored(client, newsroom, story):
    PageViewRestriction.objects.create(page=story, restriction_type="password", password="s3cret")
    first = client.get(story.url)
    assert first.status_code == 200 and "csrfmiddlewaretoken" in first.content.decode()
    assert first["X-Page-Cache"] == "bypass"
    assert client.get(story.url)["X-Page-Cache"] == "bypass"


@pytest.mark.django_db
def test_posts_previews_and_unknown_parameters_bypass_the_cache(client, newsroom, story):
    assert client.post(story.url)["X-Page-Cache"] == "bypass"
    assert client.get(story.url, {"preview": "1"})["X-Page-Cache"] == "bypass"
    assert client.get("/cms/")["X-Page-Cache"] == "bypass"
    client.get(story.url)
    assert client.get(story.url, {"utm_source": "newsletter"})["X-Page-Cache"] == "hit"


@pytest.mark.django_db
def test_head_requests_are_answered_from_the_stored_get(client, story):
    body = client.get(story.url).content
    response = client.head(story.url)
    assert response["X-Page-Cache"] == "hit"
    assert response.content == b""
    assert response["Content-Length"] == str(len(body))


@pytest.mark.django_db
def test_while_one_request_re_renders_a_stale_page_others_get_the_old_copy_uncacheable(client, rf, story):
    client.get(story.url)
    story.save_revision().publish()  # makes the stored copy stale
    key = cache_key_for(rf.get(story.url, HTTP_HOST="testserver"))
    cache.add(f"{key}:rendering", 1)  # another request is rendering right now
    response = client.get(story.url)
    assert response["X-Page-Cache"] == "stale"
    assert response["Cache-Control"] == "no-cache"
    cache.delete(f"{key}:rendering")
    assert client.get(story.url)["X-Page-Cache"] == "miss"
