"""A reader presses play on an article page and the audio plays (Debian's chromium, real MP3)."""

from __future__ import annotations

import pytest

from audio import services


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_pressing_play_plays_the_narration_and_time_advances(live_server, newsroom, page):
    article = newsroom.add_article(
        "Ferry returns to Sorvik",
        body=[("paragraph", "<p>The night ferry sailed again on Tuesday after a week in dock.</p>")],
    )
    # The immediate task backend has already narrated it on publish; make sure it is ready.
    services.narrate_article(article_id=article.pk)
    article.refresh_from_db()
    assert article.narration.is_ready

    page.goto(live_server.url + article.url)
    player = page.locator("[data-narration-player]")
    player.get_by_text("This audio is created with AI assistance").wait_for()
    play = player.get_by_role("button", name="Play the audio of this article")
    play.click()
    page.wait_for_function(
        "() => { const a = document.querySelector('.narration__audio');"
        " return a && !a.paused && a.currentTime > 0.5; }",
        timeout=15_000,
    )
    assert player.get_by_role("button", name="Pause the audio").is_visible()
    first = page.evaluate("document.querySelector('.narration__audio').currentTime")
    page.wait_for_function(
        f"() => document.querySelector('.narration__audio').currentTime > {first} + 0.3", timeout=10_000
    )
    page.locator("[data-speed]").select_option("1.5")
    assert page.evaluate("document.querySelector('.narration__audio').playbackRate") == 1.5
    page.locator("[data-seek]").fill("3")
    assert page.evaluate("document.querySelector('.narration__audio').currentTime") >= 2.9
