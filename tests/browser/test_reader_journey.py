"""A reader's path through the site in a real browser, with an accessibility scan per page."""

from __future__ import annotations

import pytest

from tests.support.axe import serious_violations
from tests.support.newsroom import hours_ago, paragraphs

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _assert_accessible(page) -> None:
    violations = serious_violations(page)
    assert violations == [], violations


def test_a_reader_goes_home_article_author_news_feed_and_skips_to_content(page, live_server, newsroom):
    author = newsroom.add_author("Ada Lind", role="Chief correspondent")
    article = newsroom.add_article(
        "Ferry service resumes after storm",
        authors=[author],
        body=[
            *paragraphs("The first ferry left at dawn.", "Passengers queued from five."),
            ("quote", {"text": "We are back.", "attribution": "A harbour official"}),
        ],
        published_at=hours_ago(2),
    )
    for n in range(3):
        newsroom.add_feed_item(f"Harbour update {n}", at=hours_ago(n + 1))

    page.goto(live_server.url + "/")
    # The skip link is the first thing a keyboard reaches, and it moves focus to the content.
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent.trim()") == "Skip to content"
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "main"
    _assert_accessible(page)

    page.get_by_role("link", name="Ferry service resumes after storm").first.click()
    page.wait_for_url(f"**{article.url}")
    assert page.locator("h1").inner_text() == "Ferry service resumes after storm"
    assert page.locator("h1").count() == 1
    _assert_accessible(page)

    page.locator(".article__byline").get_by_role("link", name="Ada Lind").click()
    page.wait_for_url(f"**{author.url}")
    assert "Chief correspondent" in page.content()
    _assert_accessible(page)

    page.get_by_role("navigation", name="Sections", exact=True).get_by_role("link", name="News Feed").click()
    page.wait_for_url("**/news-feed/")
    assert page.locator(".feed-entry").count() == 3
    _assert_accessible(page)
