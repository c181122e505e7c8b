from __future__ import annotations

import feedparser
import pytest
from django.core.files.storage import default_storage

from audio import services
from audio.models import Narration
from audio.mp3 import mp3_duration_seconds


@pytest.mark.django_db
def test_the_podcast_feed_parses_and_every_episode_has_a_correct_enclosure(client, newsroom, narrated_article):
    newsroom.add_article("Not narrated yet")  # no audio: not an episode
    response = client.get("/podcast.xml")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/rss+xml")
    feed = feedparser.parse(response.content)
    assert not feed.bozo, feed.bozo_exception

    channel = feed.feed
    assert channel.title == "The Test Ledger"
    assert channel.language == "en"
    assert channel.author == "The Test Ledger"
    assert channel.publisher_detail.email
    assert channel.image.href.endswith("/podcast/artwork.png")
    assert channel.tags[0].term == "News"
    assert channel.itunes_explicit is not True  # Apple's current spelling "false"; feedparser knows only "clean"
    assert b"<itunes:explicit>false</itunes:explicit>" in response.content
    assert "AI assistance" in channel.subtitle

    assert len(feed.entries) == 1
    narration = Narration.objects.get(article=narrated_article)
    for entry in feed.entries:
        assert entry.title == narrated_article.title
        (enclosure,) = entry.enclosures
        assert enclosure.type == "audio/mpeg"
        assert int(enclosure.length) == narration.size_bytes == default_storage.size(narration.audio.name)
        served = b"".join(client.get(enclosure.href.replace("http://testserver", "")).streaming_content)
        assert len(served) == int(enclosure.length)
        assert int(entry.itunes_duration) == round(mp3_duration_seconds(served))
        assert entry.image.href.startswith("http://testserver/")
        assert entry.link == f"http://testserver{narrated_article.url}"


@pytest.mark.django_db
def test_the_show_artwork_is_a_square_png_of_1400_pixels(client, newsroom):
    import io

    from PIL import Image

    response = client.get("/podcast/artwork.png")
    assert response.status_code == 200 and response["Content-Type"] == "image/png"
    assert Image.open(io.BytesIO(response.content)).size == (1400, 1400)


def _episode(client, article) -> dict:
    feed = feedparser.parse(client.get("/podcast.xml").content)
    return next(entry for entry in feed.entries if entry.title == article.title)


@pytest.mark.django_db
def test_an_episode_keeps_its_guid_when_the_story_is_narrated_again(client, narrated_article):
    """Issue 15.16: a new GUID per text made podcast apps list the story twice."""
    before = _episode(client, narrated_article)
    narrated_article.standfirst = "A corrected standfirst that the voice reads."
    narrated_article.save_revision().publish()
    assert services.narrate_article(article_id=narrated_article.pk).outcome == "done"
    after = _episode(client, narrated_article)
    assert after.enclosures[0].href != before.enclosures[0].href
    assert after.id == before.id == f"narration-{narrated_article.pk}"


@pytest.mark.django_db
def test_regenerated_audio_gets_a_new_url_on_the_cached_article_page_and_in_the_feed(
    client, narrated_article, django_capture_on_commit_callbacks
):
    """Issue 15.16: regenerating the same text kept the URL (and ETag) of the old bytes, so the
    cached page, proxies and podcast apps kept the old audio."""
    old_url = Narration.objects.get(article=narrated_article).audio_url
    assert client.get(narrated_article.url)["X-Page-Cache"] == "miss"
    assert old_url in client.get(narrated_article.url).content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        assert services.narrate_article(article_id=narrated_article.pk, force=True).outcome == "done"
    new = Narration.objects.get(article=narrated_article)
    assert new.audio_url != old_url
    page = client.get(narrated_article.url)
    assert page["X-Page-Cache"] == "miss"
    assert new.audio_url in page.content.decode() and old_url not in page.content.decode()
    assert _episode(client, narrated_article).enclosures[0].href.endswith(new.audio_url)
    old = client.get(old_url)
    assert old.status_code == 302 and old["Location"] == new.audio_url
    assert client.get(new.audio_url)["ETag"] != f'"{new.text_hash[:32]}"'


@pytest.mark.django_db
def test_every_reader_page_links_the_podcast_in_its_head(client, newsroom):
    """Issue 15.20: podcast apps and feed readers discover the show from any page."""
    story = newsroom.add_article("Linked from the head")
    for url in ("/", story.url, "/search/"):
        head = client.get(url).content.decode().split("</head>")[0]
        assert '<link rel="alternate" type="application/rss+xml"' in head
        assert 'href="/podcast.xml"' in head, url
