"""The live page readers see: entries newest first, pinned on top, key events, JSON-LD, feeds."""

from __future__ import annotations

import json
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import PageViewRestriction

from live import services
from live.models import ENTRIES_PER_PAGE, LivePage

pytestmark = pytest.mark.django_db


def _ids(html: str) -> list[int]:
    return [int(n) for n in re.findall(r'data-entry="(\d+)"', html)]


def test_entries_are_newest_first_with_pinned_on_top_and_key_events_listed(client, live_page, post):
    old = post("Sirens sounded at 00:40.", minutes_ago=120, key_event=True, title="Sirens across the city")
    pinned = post("Follow our reporters on the ground here.", minutes_ago=90, pinned=True)
    new = post("Power is back in the harbour district.", minutes_ago=5)
    response = client.get(live_page.url)
    html = response.content.decode()
    assert response.status_code == 200
    assert _ids(html) == [pinned.pk, new.pk, old.pk]
    assert "Pinned" in html and 'class="live-badge live-badge--on">Live<' in html
    assert "What we know" in html and "Three districts without power." in html
    key_events = html[html.index("Key events") : html.index("</nav>", html.index("Key events"))]
    assert "Sirens across the city" in key_events and f"/live-coverage/entry/{old.pk}/" in key_events
    assert 'aria-live="polite"' in html
    assert html.count("<h1") == 1
    assert "<script>" not in html and "onclick" not in html  # nothing inline (CSP)


def test_json_ld_is_a_live_blog_posting_with_coverage_times_and_updates(client, live_page, post):
    entry = post("Firefighters reached the depot.", minutes_ago=3)
    html = client.get(live_page.url).content.decode()
    blocks = [json.loads(b) for b in re.findall(r'<script type="application/ld\+json">(.*?)</script>', html)]
    (posting,) = [b for b in blocks if isinstance(b, dict) and b.get("@type") == "LiveBlogPosting"]
    assert posting["headline"] == live_page.title
    assert posting["coverageStartTime"].startswith(str(live_page.coverage_started_at.year))
    assert "coverageEndTime" not in posting
    (update,) = posting["liveBlogUpdate"]
    assert update["@type"] == "BlogPosting" and update["articleBody"] == "Firefighters reached the depot."
    assert update["url"].endswith(f"#entry-{entry.pk}")
    assert posting["author"][0]["name"] == "Ada Lind"


def test_a_new_entry_reaches_the_cached_page(client, live_page, post):
    first = client.get(live_page.url)
    assert client.get(live_page.url)["X-Page-Cache"] == "hit"
    entry = post("Second wave of explosions reported in the east.")
    again = client.get(live_page.url)
    assert again["X-Page-Cache"] == "miss"
    assert entry.pk in _ids(again.content.decode()) and entry.pk not in _ids(first.content.decode())
    services.entry_correct(entry=entry, body=[("paragraph", "<p>Two explosions, not a wave.</p>")])
    assert "Two explosions, not a wave." in client.get(live_page.url).content.decode()
    services.entry_remove(entry=entry)
    assert entry.pk not in _ids(client.get(live_page.url).content.decode())


def test_each_entry_has_a_revision_and_a_log(live_page, post):
    from wagtail.models import ModelLogEntry

    entry = post("Curfew announced from 22:00.")
    services.entry_correct(entry=entry, title="Curfew from 22:00")
    assert entry.revisions.count() == 2
    actions = list(ModelLogEntry.objects.for_instance(entry).values_list("action", flat=True))
    assert "wagtail.create" in actions and "wagtail.edit" in actions


def test_a_permalink_opens_the_stream_page_that_shows_the_entry(client, live_page, post):
    oldest = post("The first report.", minutes_ago=500)
    for minutes in range(ENTRIES_PER_PAGE):
        post(f"Update {minutes}.", minutes_ago=minutes)
    newest = post("Latest.", minutes_ago=0)
    response = client.get(f"/live-coverage/entry/{oldest.pk}/")
    assert response.status_code == 302
    assert response["Location"] == f"{live_page.url}?page=2#entry-{oldest.pk}"
    assert oldest.pk in _ids(client.get(response["Location"].split("#")[0]).content.decode())
    assert client.get(f"/live-coverage/entry/{newest.pk}/")["Location"] == f"{live_page.url}#entry-{newest.pk}"
    assert client.get("/live-coverage/entry/99999999/").status_code == 404
    assert client.get("/live-coverage/entry/99999999999999999999/").status_code == 404


def test_a_private_live_page_hides_its_entries_everywhere(client, live_page, post):
    entry = post("Members only.")
    PageViewRestriction.objects.create(page=live_page, restriction_type=PageViewRestriction.PASSWORD, password="pw")
    assert client.get(f"/live-coverage/entry/{entry.pk}/").status_code == 404
    assert client.get(f"/live-coverage/{live_page.pk}/updates.json").status_code == 404
    assert live_page.title not in client.get("/feeds/rss/").content.decode()
    assert live_page.title not in client.get("/sitemap-news.xml").content.decode()


def test_the_live_page_is_in_the_feeds_and_the_news_sitemap(client, live_page, post):
    post("Airport closed until further notice.")
    for url in ("/feeds/rss/", "/feeds/atom/", "/feeds/section/politics/rss/", "/sitemap-news.xml"):
        body = client.get(url).content.decode()
        assert live_page.title in body, url


def test_an_ended_page_says_so_and_does_not_poll(client, live_page):
    live_page.status = LivePage.Status.ENDED
    live_page.save_revision().publish()
    html = client.get(live_page.url).content.decode()
    assert "Coverage ended" in html and 'data-live-status="ended"' in html


def test_a_cached_live_page_costs_no_query(client, live_page, post):
    post("One.")
    client.get(live_page.url)
    with CaptureQueriesContext(connection) as queries:
        assert client.get(live_page.url)["X-Page-Cache"] == "hit"
    assert len(queries) == 0
