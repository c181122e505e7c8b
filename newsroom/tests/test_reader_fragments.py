"""Kept fragments (newsroom/templatetags/reader_fragments.py): an article's body HTML is rendered
once per revision and generation, and never outlives a new revision or a change to a page or
image it shows. Renders here bypass the page cache (PAGE_CACHE_ENABLED off), so only the
fragments could show old content."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from newsroom import page_cache
from tests.support.newsroom import paragraphs

pytestmark = [pytest.mark.django_db]


@pytest.fixture(autouse=True)
def _no_page_cache(settings):
    settings.PAGE_CACHE_ENABLED = False


def _body(client, url: str) -> str:
    html = client.get(url).content.decode()
    return html[html.index('<div class="article__body prose">') : html.index("</article>")]


def test_a_kept_body_renders_with_fewer_queries_and_the_same_html(client, newsroom):
    story = newsroom.add_article("Harbour fire contained", body=paragraphs("Crews worked all night."))
    first = client.get(story.url).content
    with CaptureQueriesContext(connection) as queries:
        second = client.get(story.url).content
    assert second == first
    assert len(queries) <= 6


def test_a_new_revision_shows_at_once_even_without_a_new_generation(client, newsroom, monkeypatch):
    story = newsroom.add_article("Harbour fire contained", body=paragraphs("Crews worked all night."))
    assert "Crews worked all night." in _body(client, story.url)
    # Only the revision id differs: the generation is held still.
    monkeypatch.setattr(page_cache, "_bump_generation", lambda: None)
    story.body = paragraphs("Crews worked for twelve hours.")
    story.save_revision().publish()
    body = _body(client, story.url)
    assert "Crews worked for twelve hours." in body and "all night" not in body


def test_a_change_to_a_story_the_body_shows_shows_at_once(client, newsroom):
    other = newsroom.add_article("Ferry timetable restored", section="culture")
    story = newsroom.add_article(
        "Harbour fire contained", body=[*paragraphs("Crews worked all night."), ("related_story", {"article": other})]
    )
    assert "Ferry timetable restored" in _body(client, story.url)
    other.title = "Ferry timetable restored after storm"
    other.save_revision().publish()  # the story itself has no new revision
    assert "Ferry timetable restored after storm" in _body(client, story.url)


def test_a_change_to_an_image_the_story_shows_shows_at_once(client, newsroom):
    story = newsroom.add_article("Harbour fire contained")
    html = client.get(story.url).content.decode()
    assert "Alt text for Harbour fire contained hero" in html
    image = story.hero_image
    image.description = "Firefighters on the quay at dawn"
    image.save()
    html = client.get(story.url).content.decode()
    assert "Firefighters on the quay at dawn" in html and "Alt text for Harbour" not in html


def test_a_preview_never_uses_or_fills_a_kept_fragment(client, newsroom, django_user_model):
    story = newsroom.add_article("Harbour fire contained", body=paragraphs("Crews worked all night."))
    client.get(story.url)  # the live body is kept
    story.body = paragraphs("A draft sentence nobody has approved.")
    response = story.make_preview_request(original_request=None)
    assert "A draft sentence nobody has approved." in response.content.decode()
    assert "A draft sentence" not in _body(client, story.url)


def test_odd_query_strings_add_no_kept_pieces(client, newsroom, monkeypatch):
    """Any unknown parameter bypasses the page cache, so an address with a made-up query is a
    full render; it must not also store a new piece per query, or a flood of such addresses
    would fill the cache and push out the copies readers are served."""
    from django.core.cache import cache

    stored: list[str] = []
    real_set = cache.set
    monkeypatch.setattr(cache, "set", lambda key, *args, **kwargs: (stored.append(key), real_set(key, *args, **kwargs)))
    story = newsroom.add_article("Harbour fire contained", body=paragraphs("Crews worked all night."))
    client.get(f"{story.url}?x=1")
    first = {key for key in stored if key.startswith("fragment:")}
    stored.clear()
    for n in range(2, 6):
        assert client.get(f"{story.url}?x={n}").status_code == 200
    assert first and not [key for key in stored if key.startswith("fragment:")]
