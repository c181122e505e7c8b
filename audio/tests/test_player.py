from __future__ import annotations

import pytest

from audio.models import Narration


@pytest.mark.django_db
def test_the_player_appears_with_the_disclosure_and_duration_when_audio_is_ready(client, narrated_article):
    narration = narrated_article.narration
    html = client.get(narrated_article.url).content.decode()
    assert "This audio is created with AI assistance" in html
    assert f'src="{narration.audio_url}"' in html
    assert "<audio" in html and " controls" in html  # works without JavaScript
    assert 'aria-label="Play the audio of this article"' in html
    assert 'value="0.75"' in html and 'value="2"' in html
    minutes, seconds = divmod(round(narration.duration_seconds), 60)
    assert f"{minutes}:{seconds:02d}" in html
    # under the hero, before the story's text
    assert html.index('class="article__hero"') < html.index("data-narration-player") < html.index("article__body")


@pytest.mark.django_db
@pytest.mark.parametrize("status", [Narration.Status.QUEUED, Narration.Status.RUNNING, Narration.Status.FAILED])
def test_there_is_no_player_until_the_audio_is_ready(client, narrated_article, status):
    Narration.objects.filter(article=narrated_article).update(status=status)
    html = client.get(narrated_article.url).content.decode()
    assert "data-narration-player" not in html
    assert "created with AI assistance" not in html


@pytest.mark.django_db
def test_there_is_no_player_without_narration_or_when_it_is_switched_off(client, newsroom, narrated_article):
    plain = newsroom.add_article("Never narrated")
    assert "data-narration-player" not in client.get(plain.url).content.decode()
    type(narrated_article).objects.filter(pk=narrated_article.pk).update(narration_enabled=False)
    assert "data-narration-player" not in client.get(narrated_article.url).content.decode()


@pytest.mark.django_db
def test_the_footer_links_the_podcast_feed(client, newsroom):
    assert 'href="/podcast.xml"' in client.get("/").content.decode()


@pytest.mark.django_db
def test_the_player_appears_for_readers_of_the_cached_page_once_audio_is_ready(client, short_article):
    from audio import services

    Narration.objects.filter(article=short_article).delete()
    assert "data-narration-player" not in client.get(short_article.url).content.decode()
    assert "data-narration-player" not in client.get(short_article.url).content.decode()  # now from the cache
    services.narrate_article(article_id=short_article.pk)
    assert "data-narration-player" in client.get(short_article.url).content.decode()
