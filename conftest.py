"""Fixtures every app's tests share. App-specific fixtures live in each app's tests/conftest.py."""

from __future__ import annotations

import pytest

from lib.testing import Newsroom, build_newsroom, make_editor


@pytest.fixture
def newsroom(db) -> Newsroom:
    return build_newsroom()


@pytest.fixture
def editor(newsroom):
    return make_editor(newsroom.home)
