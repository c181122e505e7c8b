"""Fixtures every app's tests share. App-specific fixtures live in each app's tests/conftest.py."""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator

import pytest

from tests.support.newsroom import Newsroom, build_newsroom, make_editor


@pytest.fixture
def newsroom(db) -> Newsroom:
    return build_newsroom()


@pytest.fixture
def editor(newsroom):
    return make_editor(newsroom.home)


# --- the fixed test cast (tests/support/cast.py) -----------------------------------------------


@pytest.fixture
def cast_reader(db):
    from tests.support import cast

    return cast.reader()


@pytest.fixture
def cast_member(db):
    from tests.support import cast

    return cast.member()


@pytest.fixture
def cast_supporter(db):
    from tests.support import cast

    return cast.supporter()


@pytest.fixture
def cast_reporter(newsroom):
    from staff.roles import REPORTERS
    from tests.support import cast

    return cast.staff("reporter", REPORTERS)


@pytest.fixture
def cast_editor(newsroom):
    from staff.roles import EDITORS
    from tests.support import cast

    return cast.staff("editor-in-chief", EDITORS)


@pytest.fixture
def cast_admin(db):
    from tests.support import cast

    return cast.staff("admin", None)


# --- browser tests (shared by tests/browser/ and every app's browser tests) -------------------

# Playwright's sync API runs an event loop in this thread; Django's ORM calls made by the test
# itself (building fixtures) are still synchronous and safe.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

from tests.support.browser import CHROMIUM, CHROMIUM_ARGS  # noqa: E402


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


@pytest.fixture(autouse=True)
def _empty_caches():
    """Each test starts with empty caches: a page cached by one test must never answer another."""
    from django.core.cache import caches

    from audio import part_cache
    from newsroom import kept

    for alias in caches:
        caches[alias].clear()
    kept.forget_all()
    part_cache.clear()
    yield


# --- the live server on SQLite --------------------------------------------------------------------
# On SQLite the test database is in memory, and Django's live server shares the test's one
# connection with every request thread. A browser fetches a page, its icon sprite and its scripts
# at once, and two threads in one SQLite connection fail ("bad parameter or other API misuse"),
# so a request at random became a 500 (the sprite, in the passkey test). On SQLite the live
# server answers one request at a time; on PostgreSQL each thread has its own connection.
def _serialise_live_server_requests() -> None:
    import threading

    from django.core.servers.basehttp import ThreadedWSGIServer
    from django.db import connection
    from django.test.testcases import LiveServerThread

    if connection.vendor != "sqlite":
        return

    class OneRequestAtATime(ThreadedWSGIServer):
        _lock = threading.Lock()

        def set_app(self, application):  # type: ignore[no-untyped-def]
            def serialised(environ, start_response):  # type: ignore[no-untyped-def]
                with self._lock:
                    response = application(environ, start_response)
                    if hasattr(response, "file_to_stream"):
                        return response  # a file: read by the server, no database
                    # Drain the body inside the lock too (a streaming body may read the database),
                    # and close it there: closing sends request_finished.
                    try:
                        return [b"".join(response)]
                    finally:
                        close = getattr(response, "close", None)
                        if close is not None:
                            close()

            super().set_app(serialised)

    LiveServerThread.server_class = OneRequestAtATime


_serialise_live_server_requests()
