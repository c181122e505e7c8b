"""The one rate limiter: fixed-window counters shared by every process, keyed by hashes.

`hit(scope, value, limit=, window_seconds=)` counts one attempt and says whether it is still
within the limit. `value` is whatever is limited: a client bucket from
`lib.client_ip.client_network(request)`, an email address, a gift code. It is never stored:
the key is sha256(scope, value, window), so neither addresses nor emails sit in a cache or a
table.

Where counters live, so that a limit holds across all web processes and nodes and nothing
else can push them out:
- with Redis (the `ratelimits` cache alias, its own key prefix, settings.CACHES): `add` then
  `INCR`, atomic in Redis. Redis never evicts under its default `noeviction` policy; if you give
  the page cache an eviction policy, point RATE_LIMIT_REDIS_URL at a Redis of its own.
- without Redis (one host): a row per key in the database (`RateLimitCounter`), incremented by
  one `INSERT … ON CONFLICT DO UPDATE … RETURNING` statement (SQLite 3.35+, PostgreSQL), so
  two processes can never both read the same count. Page copies live in files, apart from it.
Expired rows are deleted by `lib.tasks.prune_task_results`.

Windows are fixed (aligned to multiples of `window_seconds`), which is cheap and good enough
against guessing and mail bombing: at worst twice the limit passes across a window boundary.
"""

from __future__ import annotations

import hashlib
import time
from datetime import UTC, datetime

from django.conf import settings
from django.core.cache import caches
from django.db import connection

ALIAS = "ratelimits"

UPSERT = (
    "INSERT INTO lib_ratelimitcounter (digest, hits, expires_at) VALUES (%s, 1, %s) "
    "ON CONFLICT (digest) DO UPDATE SET hits = lib_ratelimitcounter.hits + 1 RETURNING hits"
)


def _window(window_seconds: int, now: float) -> int:
    return int(now // window_seconds)


def _key(scope: str, value: str, window: int) -> str:
    return hashlib.sha256(f"{scope}\x00{value}\x00{window}".encode()).hexdigest()


def uses_cache() -> bool:
    return ALIAS in settings.CACHES


def hit(scope: str, value: str, *, limit: int, window_seconds: int) -> bool:
    """Count one attempt; True while at most `limit` were made in this window, False beyond."""
    return count(scope, value, window_seconds=window_seconds) <= limit


def count(scope: str, value: str, *, window_seconds: int) -> int:
    """Count one attempt and return how many were made in the current window (this one included)."""
    now = time.time()
    window = _window(window_seconds, now)
    key = _key(scope, value, window)
    expires = (window + 1) * window_seconds
    if uses_cache():
        cache = caches[ALIAS]
        # A little past the window's end, so a clock a second behind still finds it.
        timeout = max(1, int(expires - now) + 5)
        if cache.add(key, 1, timeout=timeout):
            return 1
        try:
            return int(cache.incr(key))
        except ValueError:  # expired between add and incr
            cache.add(key, 1, timeout=timeout)
            return 1
    with connection.cursor() as cursor:
        cursor.execute(UPSERT, [key, datetime.fromtimestamp(expires, tz=UTC)])
        row = cursor.fetchone()
    return int(row[0])


def seconds_left(window_seconds: int) -> int:
    """Seconds until the current window ends: what a refused person may be told to wait."""
    now = time.time()
    return max(1, int((_window(window_seconds, now) + 1) * window_seconds - now))


def peek(scope: str, value: str, *, window_seconds: int) -> int:
    """How many attempts were counted in the current window, counting none: for checking a limit
    before the work when only failures are counted afterwards (gift codes)."""
    window = _window(window_seconds, time.time())
    key = _key(scope, value, window)
    if uses_cache():
        return int(caches[ALIAS].get(key) or 0)
    with connection.cursor() as cursor:
        cursor.execute("SELECT hits FROM lib_ratelimitcounter WHERE digest = %s", [key])
        row = cursor.fetchone()
    return int(row[0]) if row else 0
