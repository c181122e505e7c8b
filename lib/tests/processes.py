"""Run real processes (workers, commands) against the test's database and caches.

On SQLite the test database lives in memory, so it is copied to a file the processes open
(`backup()`, which needs committed rows: use `django_db(transaction=True)` there too); read
results back with `fetch`. On PostgreSQL
the processes share the test database itself (use `django_db(transaction=True)`). Caches are
shared through the environment: CACHE_DIR (set by config/test_settings.py) or REDIS_URL with
CACHE_KEY_PREFIX.
"""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from django.conf import settings
from django.db import connection

ROOT = Path(__file__).resolve().parents[2]


def shared_database_url(tmp_path: Path) -> str:
    if connection.vendor == "sqlite":
        target = tmp_path / "shared.sqlite3"
        connection.ensure_connection()
        destination = sqlite3.connect(target)
        try:
            connection.connection.backup(destination)  # type: ignore[union-attr]
        finally:
            destination.close()
        return f"sqlite:///{target}"
    db = connection.settings_dict
    return f"postgres://{db['USER']}:{db['PASSWORD']}@{db['HOST']}:{db['PORT']}/{db['NAME']}"


def fetch(database_url: str, sql: str, params: Sequence[Any] = ()) -> list[tuple[Any, ...]]:
    """Rows of `sql` as the processes see them (the copied file on SQLite)."""
    if database_url.startswith("sqlite:///"):
        with sqlite3.connect(database_url.removeprefix("sqlite:///"), timeout=20) as db:
            return db.execute(sql, params).fetchall()
    with connection.cursor() as cursor:
        cursor.execute(sql.replace("?", "%s"), params)
        return cursor.fetchall()


def process_env(database_url: str, **extra: str) -> dict[str, str]:
    return {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.settings",
        "DEBUG": "0",
        "SECRET_KEY": settings.SECRET_KEY,
        "DATABASE_URL": database_url,
        "SINGLE_HOST": "1",
        "ALLOWED_HOSTS": "*",
        "LOG_LEVEL": "ERROR",
        **extra,
    }


def run_python(
    code: str, env: dict[str, str], *, timeout: float = 180, own_session: bool = False
) -> subprocess.CompletedProcess[str]:
    """Run `code` after django.setup() in a fresh interpreter (in a session of its own if asked);
    fails the test on a non-zero exit."""
    result = subprocess.run(
        [sys.executable, "-c", "import django; django.setup()\n" + code],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
        start_new_session=own_session,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    return result


def start_python(code: str, env: dict[str, str]) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-c", "import django; django.setup()\n" + code],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
