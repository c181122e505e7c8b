"""Fixtures for the audio tests: short articles narrated by the real voice."""

from __future__ import annotations

import pytest

from audio import services
from lib.testing import paragraphs


@pytest.fixture
def short_article(newsroom):
    return newsroom.add_article(
        "Ferry returns to Sorvik",
        body=paragraphs("The night ferry sailed again on Tuesday after a week in dock. About 40 people were on board."),
    )


@pytest.fixture
def narrated_article(short_article):
    """A published article with ready audio, made by the real Piper voice."""
    result = services.narrate_article(article_id=short_article.pk)
    assert result.outcome == "done", result.detail
    short_article.refresh_from_db()
    return short_article
