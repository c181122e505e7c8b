"""/api/v2/live/: live pages with their entries, public ones only, cached like the rest."""

from __future__ import annotations

import json

import pytest
from wagtail.models import PageViewRestriction

pytestmark = pytest.mark.django_db


def test_a_live_page_is_served_with_its_entries_pinned_first(client, live_page, post):
    older = post("Roads closed around the station.", minutes_ago=20)
    pinned = post("How to reach us with tips.", pinned=True, minutes_ago=60)
    listing = json.loads(client.get("/api/v2/live/").content)
    assert [item["id"] for item in listing["items"]] == [live_page.pk]
    assert listing["items"][0]["status"] == "live"
    data = json.loads(client.get(f"/api/v2/live/{live_page.pk}/").content)
    assert data["standfirst"] == live_page.standfirst
    assert "Three districts without power." in data["summary_html"]
    assert data["section"]["slug"] == "politics"
    assert [e["id"] for e in data["entries"]] == [pinned.pk, older.pk]
    assert data["entries"][0]["pinned"] is True
    assert data["entries"][1]["html_url"].endswith(f"#entry-{older.pk}")
    assert "Roads closed around the station." in data["entries"][1]["body_html"]
    assert data["entries"][1]["author"]["name"] == "Ada Lind"


def test_a_new_entry_reaches_the_cached_answer(client, live_page, post):
    first = json.loads(client.get(f"/api/v2/live/{live_page.pk}/").content)
    entry = post("Trains running again.")
    again = json.loads(client.get(f"/api/v2/live/{live_page.pk}/").content)
    assert entry.pk not in [e["id"] for e in first["entries"]]
    assert again["entries"][0]["id"] == entry.pk


def test_drafts_and_private_live_pages_are_not_served(client, live_page):
    PageViewRestriction.objects.create(page=live_page, restriction_type=PageViewRestriction.LOGIN)
    assert client.get(f"/api/v2/live/{live_page.pk}/").status_code == 404
    assert json.loads(client.get("/api/v2/live/").content)["items"] == []


def test_the_description_covers_the_live_endpoint(client):
    description = json.loads(client.get("/api/v2/openapi.json").content)
    assert "/api/v2/live/" in description["paths"] and "/api/v2/live/{id}/" in description["paths"]
