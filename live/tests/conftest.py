"""A live page under the test newsroom's politics section, with a helper to add entries."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from live import services
from live.models import LivePage
from tests.support.newsroom import paragraphs


@pytest.fixture
def live_page(newsroom):
    page = LivePage(
        title="Overnight strikes on Halden: live",
        slug="halden-live",
        standfirst="Explosions were heard across the city after midnight.",
        summary="<ul><li>Three districts without power.</li><li>No casualties confirmed.</li></ul>",
        coverage_started_at=timezone.now() - timedelta(hours=3),
    )
    newsroom.sections["politics"].add_child(instance=page)
    page.save_revision().publish()
    page.refresh_from_db()
    return page


@pytest.fixture
def post(newsroom, live_page):
    """post("text", minutes_ago=…, pinned=…, key_event=…, title=…) adds an entry by Ada Lind."""
    author = newsroom.authors.get("Ada Lind") or newsroom.add_author("Ada Lind")

    def add(text, *, minutes_ago=0, page=None, **flags):
        return services.entry_post(
            page=page or live_page,
            body=paragraphs(text),
            author=author,
            posted_at=timezone.now() - timedelta(minutes=minutes_ago),
            **flags,
        )

    return add
