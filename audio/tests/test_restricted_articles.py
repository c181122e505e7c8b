"""A private article (a Wagtail view restriction on it, or on its section) is public nowhere.

Each test restricts a narrated story three ways — a password on the story, sign-in on the story,
and a password on its section (inherited) — and then walks one group of surfaces as an anonymous
reader: its audio, the podcast, the cards and rails of other pages, feeds, sitemaps, search and
the page cache. Issue 10.3.
"""

from __future__ import annotations

import pytest
from django.core.files.storage import default_storage
from wagtail.models import PageViewRestriction

from audio import services
from audio.models import Narration
from newsroom.models import EditorsPick, EditorsPicks
from tests.support.newsroom import hours_ago, paragraphs

HOW = ["password", "login", "section"]
SECRET = "Ferry returns to Sorvik"  # the narrated fixture story's headline
STANDFIRST = "What happened: Ferry returns to Sorvik."


@pytest.fixture
def world(newsroom, narrated_article):
    """The narrated story, plus a public story that links it (related card) and editors' picks and
    a feed item that point at it, so every surface that could show it has a reason to."""
    public = newsroom.add_article(
        "Harbour reopens",
        section="culture",
        body=[*paragraphs("The harbour reopened."), ("related_story", {"article": narrated_article})],
        published_at=hours_ago(3),
    )
    picks, _ = EditorsPicks.objects.get_or_create(site=newsroom.home.get_site())
    EditorsPick.objects.create(picks_list=picks, article=narrated_article, sort_order=0)
    EditorsPick.objects.create(picks_list=picks, article=public, sort_order=1)
    newsroom.add_feed_item("Night ferry back", at=hours_ago(0.5), article=narrated_article)
    return {"story": narrated_article, "public": public, "newsroom": newsroom}


def _restrict(world, how: str, capture) -> None:
    story = world["story"]
    page = world["newsroom"].sections["politics"] if how == "section" else story
    kind = PageViewRestriction.LOGIN if how == "login" else PageViewRestriction.PASSWORD
    with capture(execute=True):
        PageViewRestriction.objects.create(page=page, restriction_type=kind, password="s3cret")


def _text(client, url: str) -> str:
    response = client.get(url)
    assert response.status_code == 200, url
    return response.content.decode()


@pytest.mark.django_db
@pytest.mark.parametrize("how", HOW)
def test_adding_a_restriction_withdraws_the_narration_and_its_mp3(
    client, world, how, django_capture_on_commit_callbacks
):
    story = world["story"]
    narration = Narration.objects.get(article=story)
    audio_url, file_name = narration.audio_url, narration.audio.name
    assert client.get(audio_url).status_code == 200
    _restrict(world, how, django_capture_on_commit_callbacks)
    assert not Narration.objects.filter(article=story).exists()
    assert not default_storage.exists(file_name)
    assert client.get(audio_url).status_code == 404


@pytest.mark.django_db
@pytest.mark.parametrize("how", HOW)
def test_a_private_story_is_never_narrated_and_its_left_over_audio_is_not_served(
    client, world, how, django_capture_on_commit_callbacks
):
    story = world["story"]
    narration = Narration.objects.get(article=story)
    audio_url = narration.audio_url
    # A restriction written without signals (a bulk import, a raw SQL fix) leaves the row behind.
    PageViewRestriction.objects.bulk_create(
        [
            PageViewRestriction(
                page=world["newsroom"].sections["politics"] if how == "section" else story,
                restriction_type=PageViewRestriction.LOGIN if how == "login" else PageViewRestriction.PASSWORD,
                password="s3cret",
            )
        ]
    )
    assert client.get(audio_url).status_code == 404
    assert SECRET not in _text(client, "/podcast.xml")
    with django_capture_on_commit_callbacks(execute=True):
        story.save_revision().publish()
    assert not Narration.objects.filter(article=story).exists()
    result = services.narrate_article(article_id=story.pk, force=True)
    assert result.outcome == "skipped" and "private" in result.detail
    assert not Narration.objects.filter(article=story).exists()


@pytest.mark.django_db
@pytest.mark.parametrize("how", HOW)
def test_the_podcast_lists_nothing_of_a_private_story(client, world, how, django_capture_on_commit_callbacks):
    assert SECRET in _text(client, "/podcast.xml")
    _restrict(world, how, django_capture_on_commit_callbacks)
    podcast = _text(client, "/podcast.xml")
    assert SECRET not in podcast
    assert STANDFIRST not in podcast
    assert f"/audio/{world['story'].pk}/" not in podcast


@pytest.mark.django_db
@pytest.mark.parametrize("how", HOW)
def test_no_card_rail_or_link_shows_a_private_story(client, world, how, django_capture_on_commit_callbacks):
    story, public = world["story"], world["public"]
    author = story.authors[0]
    pages = {
        "home": "/",
        "author page": author.url,
        "another story (picks rail, related card)": public.url,
        "news feed": "/news-feed/",
        "news feed item": world["newsroom"].feed.get_children().live().first().url,
    }
    if how != "section":  # a restricted section's own page is behind the restriction
        pages["section"] = "/politics/"
    for name, url in pages.items():
        assert story.url in _text(client, url), f"{name} should link the story while it is public"
    _restrict(world, how, django_capture_on_commit_callbacks)
    for name, url in pages.items():
        html = _text(client, url)
        assert SECRET not in html, f"{name} still shows the private story's headline"
        assert story.url not in html, f"{name} still links the private story"


@pytest.mark.django_db
def test_a_restricted_news_feed_item_is_shown_nowhere(client, world, django_capture_on_commit_callbacks):
    item = world["newsroom"].add_feed_item("Quiet word from the harbour master", at=hours_ago(0.2))
    assert item.title in _text(client, "/")
    with django_capture_on_commit_callbacks(execute=True):
        PageViewRestriction.objects.create(page=item, restriction_type=PageViewRestriction.LOGIN)
    for url in ("/", "/news-feed/", world["public"].url, "/feeds/news/rss/", "/search/?q=harbour+master"):
        assert item.title not in _text(client, url), url


@pytest.mark.django_db
@pytest.mark.parametrize("how", HOW)
def test_feeds_sitemaps_and_search_leave_a_private_story_out(client, world, how, django_capture_on_commit_callbacks):
    story = world["story"]
    author = story.authors[0]
    feeds = ["/feeds/rss/", "/feeds/atom/", f"/feeds/author/{author.slug}/rss/", "/feeds/news/rss/"]
    if how != "section":
        feeds.append("/feeds/section/politics/rss/")
    _restrict(world, how, django_capture_on_commit_callbacks)
    for url in feeds:
        assert SECRET not in _text(client, url), url
    # The news feed item that points at the story keeps its own words but not the story's picture.
    assert "ferry-returns-to-sorvik-hero" not in _text(client, "/feeds/news/rss/")
    for url in ("/sitemap-pages.xml", "/sitemap-news.xml"):
        assert story.url not in _text(client, url), url
    assert SECRET not in _text(client, "/search/?q=ferry+Sorvik")
    if how == "section":
        assert client.get("/feeds/section/politics/rss/").status_code == 404
        assert ">Politics<" not in _text(client, "/"), "the private section is still in the navigation"


@pytest.mark.django_db
@pytest.mark.parametrize("how", HOW)
def test_a_story_cached_before_it_became_private_is_not_served_from_the_cache(
    client, world, how, django_capture_on_commit_callbacks
):
    story = world["story"]
    assert client.get(story.url)["X-Page-Cache"] == "miss"
    assert client.get(story.url)["X-Page-Cache"] == "hit"
    assert SECRET in _text(client, "/")
    _restrict(world, how, django_capture_on_commit_callbacks)
    response = client.get(story.url)
    assert response["X-Page-Cache"] != "hit"
    assert story.standfirst not in response.content.decode()
    # The restricted page itself (password form or a redirect to sign in) is never stored.
    assert client.get(story.url)["X-Page-Cache"] == "bypass"


@pytest.mark.django_db
def test_removing_the_restriction_narrates_the_story_again(client, world, django_capture_on_commit_callbacks):
    story = world["story"]
    _restrict(world, "password", django_capture_on_commit_callbacks)
    assert not Narration.objects.filter(article=story).exists()
    with django_capture_on_commit_callbacks(execute=True):
        PageViewRestriction.objects.filter(page=story).delete()
    assert Narration.objects.get(article=story).is_ready
    assert SECRET in _text(client, "/podcast.xml")
