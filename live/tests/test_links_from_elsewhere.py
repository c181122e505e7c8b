"""Newsletters carry "latest from the live page"; news feed items link to an entry."""

from __future__ import annotations

import pytest
from django.utils import timezone
from wagtail.models import PageViewRestriction

from newsletters.models import Issue, Newsletter
from newsletters.rendering import render_issue

pytestmark = pytest.mark.django_db


def _issue(live_page):
    newsletter = Newsletter.objects.create(
        name="The Night Desk",
        slug="night-desk",
        description="Overnight news.",
        sender_name="Night Desk",
        sender_address="night@example.com",
    )
    return Issue.objects.create(
        newsletter=newsletter,
        subject="Overnight",
        body=[("live_latest", {"live_page": live_page, "count": 2})],
    )


def test_an_issue_shows_the_newest_entries_of_a_live_page(live_page, post):
    post("Oldest, not in the issue.", minutes_ago=30)
    second = post("Schools closed tomorrow.", minutes_ago=10)
    newest = post("Water supply restored.", minutes_ago=1)
    rendered = render_issue(_issue(live_page))
    for part in (rendered.html, rendered.text):
        assert live_page.title in part
        assert "Water supply restored." in part and "Schools closed tomorrow." in part
        assert "Oldest, not in the issue." not in part
        assert f"http://testserver/live-coverage/entry/{newest.pk}/" in part
        assert f"/live-coverage/entry/{second.pk}/" in part


def test_a_private_live_page_is_left_out_of_the_issue(live_page, post):
    post("Nothing for the public.")
    PageViewRestriction.objects.create(page=live_page, restriction_type=PageViewRestriction.LOGIN)
    rendered = render_issue(_issue(live_page))
    assert live_page.title not in rendered.html and live_page.title not in rendered.text


def test_a_news_feed_item_links_to_a_live_entry(client, newsroom, live_page, post):
    entry = post("Evacuation of the old town begins.")
    item = newsroom.add_feed_item("Old town evacuated", at=timezone.now())
    item.live_entry = entry
    item.save_revision().publish()
    for url in (item.url, newsroom.feed.url):
        html = client.get(url).content.decode()
        assert f'href="/live-coverage/entry/{entry.pk}/"' in html, url
    assert client.get(f"/live-coverage/entry/{entry.pk}/")["Location"].endswith(f"#entry-{entry.pk}")
