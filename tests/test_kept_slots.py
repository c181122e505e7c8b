"""Kept slots (newsroom/slots.py): the asks, the drive's banner and the sign-up forms are kept per
page, kind of reader and drive state. These tests try to get one reader's or one moment's copy
in front of another: a member's own render, a drive that moved on, a supporter's copy."""

from __future__ import annotations

import dataclasses

import pytest
from django.core.cache import cache
from django.test import Client

from campaigns.selectors import PROGRESS_KEY, PROGRESS_SECONDS, drive_progress
from campaigns.tests.conftest import make_drive
from members import reader_kind
from newsroom import page_cache
from tests.support.members import make_supporter, signed_in

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _no_page_cache(settings):
    settings.PAGE_CACHE_ENABLED = False  # every request renders: only kept pieces could be stale


def test_a_drive_that_moved_on_shows_its_new_count_without_a_new_generation(client, newsroom, monkeypatch):
    drive = make_drive()
    story = newsroom.add_article("Harbour tolls rise again")
    assert "0 of 1,000 new members" in client.get(story.url).content.decode()
    monkeypatch.setattr(page_cache, "_bump_generation", lambda: None)
    # The progress the pages read is refreshed every PROGRESS_SECONDS; here, seven joined since.
    moved = dataclasses.replace(drive_progress(drive), reached=7)
    cache.set(PROGRESS_KEY.format(id=drive.pk), moved, PROGRESS_SECONDS)
    html = client.get(story.url).content.decode()
    assert "7 of 1,000 new members" in html and "0 of 1,000" not in html


def test_a_members_own_render_is_never_kept_nor_given_a_kept_copy(newsroom):
    story = newsroom.add_article("Council votes on harbour")
    anonymous = Client()
    assert "Become a member" in anonymous.get(story.url).content.decode()  # the anonymous copy is kept
    mira = signed_in(make_supporter("mira@example.com", "Mira"))
    del mira.cookies[reader_kind.COOKIE_NAME]  # no proven kind: rendered from her session
    html = mira.get(story.url).content.decode()
    assert "Thank you for being a member, Mira" in html and "Become a member" not in html
    noor = signed_in(make_supporter("noor@example.com", "Noor"))
    del noor.cookies[reader_kind.COOKIE_NAME]
    html = noor.get(story.url).content.decode()
    assert "Noor" in html and "Mira" not in html
    again = anonymous.get(story.url).content.decode()
    assert "Become a member" in again and "Mira" not in again and "Noor" not in again


def test_the_supporters_copy_and_the_anonymous_copy_are_kept_apart(newsroom, settings):
    settings.PAGE_CACHE_ENABLED = True  # the supporters' copy is made by the page cache
    story = newsroom.add_article("Council votes on harbour")
    anonymous = Client()
    assert "Become a member" in anonymous.get(story.url).content.decode()
    mira = signed_in(make_supporter("mira@example.com", "Mira"))
    html = mira.get(story.url).content.decode()
    assert "Become a member" not in html and "Mira" not in html  # shared: her name comes from me.js
    assert "Become a member" in Client().get(story.url).content.decode()
