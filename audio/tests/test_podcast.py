from __future__ import annotations

import feedparser
import pytest
from django.core.files.storage import default_storage

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
