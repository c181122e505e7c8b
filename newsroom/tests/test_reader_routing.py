"""Reader routing from the generation (newsroom/models/home.py, sections.py, privacy.py): a story
is found from the section the site chrome holds and its kept row, and its view restrictions are
answered from the generation's private paths. These tests try to get a private story past that
shortcut, and a stale one through it, with the page cache off so only the router could be wrong.
"""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import Page, PageViewRestriction

from newsroom import page_cache
from newsroom.models import ArticlePage
from tests.support.newsroom import paragraphs

pytestmark = [pytest.mark.django_db]


@pytest.fixture(autouse=True)
def _no_page_cache(settings):
    settings.PAGE_CACHE_ENABLED = False


@pytest.fixture
def story(newsroom):
    return newsroom.add_article("Harbour fire contained", body=paragraphs("Crews worked all night."))


def _read(client, url: str):
    response = client.get(url)
    return response.status_code, response.content.decode()


def test_a_warm_story_render_reads_one_small_row(client, story):
    client.get(story.url)
    client.get(story.url)
    with CaptureQueriesContext(connection) as queries:
        status, html = _read(client, story.url)
    assert status == 200 and "Crews worked all night." in html
    assert len(queries) == 1, [query["sql"] for query in queries]
    assert "live_revision_id" in queries[0]["sql"] and "JOIN" not in queries[0]["sql"]


def test_a_story_made_private_after_it_was_read_asks_for_the_password(client, story):
    assert "Crews worked all night." in _read(client, story.url)[1]
    PageViewRestriction.objects.create(page=story, restriction_type="password", password="s3cret")
    status, html = _read(client, story.url)
    assert status == 200 and "Crews worked all night." not in html
    assert "password" in html.lower()


def test_a_section_made_private_hides_a_story_read_before(client, newsroom, story):
    assert "Crews worked all night." in _read(client, story.url)[1]
    PageViewRestriction.objects.create(page=newsroom.sections["politics"], restriction_type="login")
    response = client.get(story.url)
    assert response.status_code == 302 and "login" in response["Location"]


def test_an_alias_of_a_private_story_is_as_private_as_its_source(client, newsroom, story):
    PageViewRestriction.objects.create(page=story, restriction_type="login")
    client.get("/")  # the generation's lists are read before the alias exists
    alias = story.create_alias(parent=newsroom.sections["culture"], update_slug="harbour-fire-copy")
    response = client.get(alias.url)
    assert response.status_code == 302 and "login" in response["Location"]
    assert "Crews worked all night." not in response.content.decode()


def test_a_page_added_under_an_alias_keeps_the_sources_restriction(client, newsroom, story, monkeypatch):
    """A page under an alias has no restriction of its own, and when the source was restricted
    after the alias was made, no restricted path above it either (Wagtail copies restrictions to
    aliases only when it makes them): only the generation's list of aliases sends it to Wagtail's
    check. The generation is held still while the page is added, as if its bump never arrived."""
    politics = newsroom.sections["politics"]
    alias_section = politics.create_alias(parent=newsroom.home, update_slug="politics-copy")
    PageViewRestriction.objects.create(page=politics, restriction_type="login")
    assert not PageViewRestriction.objects.filter(page=alias_section).exists()
    client.get("/")  # the generation's lists now include the alias
    monkeypatch.setattr(page_cache, "_bump_generation", lambda: None)
    newcomer = ArticlePage(title="Added under the copy", slug="added-under-the-copy", standfirst="New.")
    alias_section.add_child(instance=newcomer)
    newcomer.save_revision().publish()
    assert Page.objects.get(pk=newcomer.pk).alias_of_id is None
    response = client.get("/politics-copy/added-under-the-copy/")
    assert response.status_code == 302 and "login" in response["Location"]


def test_a_new_revision_and_an_unpublish_show_even_without_a_generation_bump(client, story, monkeypatch):
    assert "Crews worked all night." in _read(client, story.url)[1]
    monkeypatch.setattr(page_cache, "_bump_generation", lambda: None)
    story.standfirst = "Twelve hours of work on the quay."
    story.save_revision().publish()
    assert "Twelve hours of work on the quay." in _read(client, story.url)[1]
    story.unpublish()
    assert client.get(story.url).status_code == 404


def test_a_private_section_is_routed_by_wagtail_and_checked(client, newsroom):
    politics = newsroom.sections["politics"]
    PageViewRestriction.objects.create(page=politics, restriction_type="login")
    story = newsroom.add_article("Budget leaked", section="politics")
    response = client.get(story.url)
    assert response.status_code == 302 and "login" in response["Location"]
    assert client.get("/politics/").status_code == 302


def test_an_unknown_story_in_a_known_section_is_a_404(client, story):
    client.get(story.url)
    assert client.get("/politics/no-such-story/").status_code == 404
    assert client.get("/no-such-section/no-such-story/").status_code == 404
