"""updates.json: one cached answer for every reader, 304 when nothing changed, new on change."""

from __future__ import annotations

import json

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from live import services

pytestmark = pytest.mark.django_db


def _url(page):
    return f"/live-coverage/{page.pk}/updates.json"


def test_the_answer_lists_entries_pinned_summary_and_key_events(client, live_page, post):
    pinned = post("Read this first.", pinned=True, minutes_ago=30)
    entry = post("Bridges closed.", key_event=True, title="Bridges closed")
    response = client.get(_url(live_page))
    data = json.loads(response.content)
    assert response.status_code == 200 and response["Content-Type"] == "application/json"
    assert [e["id"] for e in data["pinned"]] == [pinned.pk]
    assert [e["id"] for e in data["entries"]] == [entry.pk]
    assert f'id="entry-{entry.pk}"' in data["entries"][0]["html"]
    assert "Three districts without power." in data["summary_html"]
    assert "Bridges closed" in data["key_events_html"]
    assert data["status"] == "live" and data["total"] == 1
    assert "s-maxage=5" in response["Cache-Control"] and "public" in response["Cache-Control"]
    assert "Set-Cookie" not in response and "Cookie" not in response.get("Vary", "")


def test_an_unchanged_page_answers_304_from_the_cache_without_queries(client, live_page, post):
    post("Quiet for the last hour.")
    first = client.get(_url(live_page))
    with CaptureQueriesContext(connection) as queries:
        again = client.get(_url(live_page), HTTP_IF_NONE_MATCH=first["ETag"])
        plain = client.get(_url(live_page))
    assert again.status_code == 304 and again.content == b""
    assert plain.content == first.content
    assert len(queries) == 0


def test_a_new_or_corrected_entry_changes_the_answer(client, live_page, post):
    entry = post("Ten people hurt.")
    before = client.get(_url(live_page))
    services.entry_correct(entry=entry, body=[("paragraph", "<p>Twelve people hurt.</p>")])
    after = client.get(_url(live_page), HTTP_IF_NONE_MATCH=before["ETag"])
    assert after.status_code == 200 and after["ETag"] != before["ETag"]
    assert "Twelve people hurt." in json.loads(after.content)["entries"][0]["html"]
    newer = post("Hospital asks for blood donors.")
    assert json.loads(client.get(_url(live_page)).content)["entries"][0]["id"] == newer.pk


@pytest.mark.parametrize("page_id", ["0", "123456789", "99999999999999999999"])
def test_unknown_pages_are_a_404_never_a_500(client, page_id):
    response = client.get(f"/live-coverage/{page_id}/updates.json")
    assert response.status_code == 404
    assert "no live page" in json.loads(response.content)["message"]


def test_a_draft_live_page_is_not_served(client, live_page):
    live_page.unpublish()
    assert client.get(_url(live_page)).status_code == 404


def test_while_one_request_builds_the_new_answer_others_get_the_previous_one(client, live_page, post):
    from django.core.cache import cache

    post("First.")
    first = client.get(_url(live_page))
    post("Second.")
    cache.add(f"live:building:{live_page.pk}", 1, timeout=10)  # someone is building it right now
    meanwhile = client.get(_url(live_page))
    assert meanwhile.content == first.content and meanwhile["Cache-Control"] == "no-cache"
    cache.delete(f"live:building:{live_page.pk}")
    assert json.loads(client.get(_url(live_page)).content)["total"] == 2
