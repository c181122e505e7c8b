"""A newsroom may leave out campaigns, audio or newsletters (issue 13, item 5): the reader site
still works, the app's slots are empty, and nothing of it is linked.

Each case runs in a process of its own with `config.test_settings_without_app` (the app taken
out of INSTALLED_APPS with everything settings.py adds for it) and renders the home page, a
story, its section, search and the news feed. The database is migrated from nothing without any
of the three apps (once, the slow part: so no other app's migration needs them), then each case
migrates its copy with the two apps it keeps.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent

SCRIPT = r"""
import json, django
django.setup()
from django.core.management import call_command
call_command("migrate", verbosity=0)
call_command("check", fail_level="ERROR")
from django.test import Client
from tests.support.newsroom import build_newsroom
newsroom = build_newsroom()
article = newsroom.add_article("Harbour reopens")
client = Client()
pages = {}
for name, url in [("home", "/"), ("article", article.url), ("section", article.get_parent().url),
                  ("search", "/search/?q=harbour"), ("news feed", "/news-feed/")]:
    response = client.get(url)
    pages[name] = {"status": response.status_code, "html": response.content.decode()}
print(json.dumps(pages))
"""

# What each app puts on reader pages: none of it may show without the app.
MARKS = {
    "campaigns": ["campaigns.css", "reader-count.js"],
    "audio": ["podcast.xml", "Podcast: every story read aloud"],
    "newsletters": ["newsletters.css", "newsletter-signup"],
}


def _environment(without: str, database: Path) -> dict[str, str]:
    env = {
        key: value
        for key, value in os.environ.items()
        if key not in {"REDIS_URL", "RATE_LIMIT_REDIS_URL", "DATABASE_URL", "CACHE_DIR"}
    }
    env.update(
        DJANGO_SETTINGS_MODULE="config.test_settings_without_app",
        MASTHEAD_WITHOUT_APP=without,
        DATABASE_URL=f"sqlite:///{database}",
        CACHE_DIR=str(database.parent / "cache"),
    )
    return env


@pytest.fixture(scope="module")
def bare_database(tmp_path_factory) -> Path:
    """A fresh database migrated without campaigns, audio and newsletters."""
    database = tmp_path_factory.mktemp("bare") / "site.sqlite3"
    result = subprocess.run(
        [sys.executable, "manage.py", "migrate", "--no-input", "-v0"],
        cwd=ROOT,
        env=_environment(",".join(MARKS), database),
        capture_output=True,
        text=True,
        timeout=900,
    )
    assert result.returncode == 0, result.stderr[-4000:]
    return database


def _render_without(app: str, bare_database: Path, tmp_path: Path) -> dict[str, dict]:
    database = tmp_path / "site.sqlite3"
    shutil.copy(bare_database, database)
    result = subprocess.run(
        [sys.executable, "-c", SCRIPT],
        cwd=ROOT,
        env=_environment(app, database),
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert result.returncode == 0, result.stderr[-4000:]
    return json.loads(result.stdout.strip().splitlines()[-1])


@pytest.mark.slow
@pytest.mark.parametrize("app", sorted(MARKS))
def test_the_reader_site_works_without(app, bare_database, tmp_path):
    pages = _render_without(app, bare_database, tmp_path)
    for name, page in pages.items():
        assert page["status"] == 200, (app, name)
        assert "Harbour reopens" in page["html"] or name == "news feed", (app, name)
        for mark in MARKS[app]:
            assert mark not in page["html"], (app, name, mark)
        # The other apps' slots are still filled, so emptiness is the dropped app's alone.
        for other, marks in MARKS.items():
            if other != app and name != "search":
                assert any(mark in page["html"] for mark in marks if mark != "reader-count.js"), (app, name, other)
    assert "member-ask" in pages["article"]["html"]  # members' ask stays (the drive's appeal is gone)
