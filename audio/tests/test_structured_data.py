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
