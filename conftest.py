"""Fixtures every app's tests share. App-specific fixtures live in each app's tests/conftest.py."""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator

import pytest

from lib.testing import Newsroom, build_newsroom, make_editor


@pytest.fixture
def newsroom(db) -> Newsroom:
    return build_newsroom()


@pytest.fixture
def editor(newsroom):
    return make_editor(newsroom.home)


# --- browser tests (shared by tests/browser/ and every app's browser tests) -------------------

# Playwright's sync API runs an event loop in this thread; Django's ORM calls made by the test
# itself (building fixtures) are still synchronous and safe.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
    "--autoplay-policy=no-user-gesture-required",
]


# Module scope, not session: a test that starts its own sync Playwright (e.g. members/) must
# not find this one's event loop still running in the same process.
@pytest.fixture(scope="module")
def browser() -> Iterator[object]:
    if not shutil.which(CHROMIUM) and not os.path.exists(CHROMIUM):
        pytest.fail(f"{CHROMIUM} is missing: install Debian's chromium (apt-get install chromium).")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    tab = context.new_page()
    yield tab
    context.close()
