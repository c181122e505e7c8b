from __future__ import annotations

import pytest

from audio.structured_data import audio_object, iso_duration


def test_durations_are_iso_8601():
    assert iso_duration(286.2) == "PT4M46S"
    assert iso_duration(3725) == "PT1H2M5S"
    assert iso_duration(7) == "PT7S"


@pytest.mark.django_db
def test_a_narrated_article_has_an_audio_object_and_others_have_none(newsroom, narrated_article):
    data = audio_object(narrated_article, base_url="https://news.example/")
    assert data["@type"] == "AudioObject"
    assert data["contentUrl"] == "https://news.example" + narrated_article.narration.audio_url
    assert data["encodingFormat"] == "audio/mpeg"
    assert data["duration"].startswith("PT")
    assert audio_object(newsroom.add_article("Not narrated"), base_url="https://news.example") is None


@pytest.mark.django_db
def test_the_article_pages_news_article_json_ld_carries_the_audio(client, narrated_article):
    import json
    import re

    html = client.get(narrated_article.url).content.decode()
    blocks = [json.loads(b) for b in re.findall(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)]
    items = [item for block in blocks for item in (block if isinstance(block, list) else [block])]
    (article,) = [item for item in items if item.get("@type") == "NewsArticle"]
    assert article["audio"]["@type"] == "AudioObject"
    assert article["audio"]["contentUrl"] == "http://testserver" + narrated_article.narration.audio_url
