"""How fast a cached page hit is with each shared store the page cache can use.

Times PageCacheMiddleware answering a stored 80 KB page (the size of a story page) straight
from the cache, as every anonymous repeat request is: local memory (the old per-process
default, for comparison), files under a temporary CACHE_DIR (the single-host default) and,
when REDIS_URL is set, Redis. The request never reaches a view or the database.

    DEBUG=1 .venv/bin/python scripts/bench/shared_state.py [--requests 5000]
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
os.environ.setdefault("DEBUG", "1")

import django  # noqa: E402

django.setup()

from django.http import HttpResponse  # noqa: E402
from django.test import RequestFactory, override_settings  # noqa: E402


def _time_hits(caches_setting: dict, requests: int) -> list[float]:
    from django.core.cache import cache

    from newsroom import page_cache

    with override_settings(CACHES=caches_setting):
        cache.clear()
        factory = RequestFactory()
        content = b"<p>" + os.urandom(40_000).hex().encode() + b"</p>"
        # Stored as a render would store it (a render itself needs the newsroom's database).
        key = page_cache.cache_key_for(factory.get("/feeds/rss/", SERVER_NAME="localhost"))
        assert key is not None
        headers = [("Content-Type", "text/html; charset=utf-8"), ("Cache-Control", "public, s-maxage=60")]
        cache.set(key, (page_cache.current_generation(), 200, headers, content), timeout=300)
        middleware = page_cache.PageCacheMiddleware(lambda request: HttpResponse(status=500))
        timings = []
        for _ in range(requests):
            started = time.perf_counter()
            response = middleware(factory.get("/feeds/rss/", SERVER_NAME="localhost"))
            timings.append((time.perf_counter() - started) * 1000)
            assert response["X-Page-Cache"] == "hit"
        cache.clear()
    return timings


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--requests", type=int, default=5000)
    args = parser.parse_args()
    stores = {
        "local memory (per process)": {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}},
        "files (single host)": {
            "default": {
                "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
                "LOCATION": tempfile.mkdtemp(prefix="masthead-bench-cache-"),
                "OPTIONS": {"MAX_ENTRIES": 5000},
            }
        },
    }
    if os.environ.get("REDIS_URL"):
        stores["Redis"] = {
            "default": {
                "BACKEND": "django.core.cache.backends.redis.RedisCache",
                "LOCATION": os.environ["REDIS_URL"],
                "KEY_PREFIX": "bench-shared-state",
            }
        }
    print(f"{'store':<28} {'median ms':>10} {'p95 ms':>8} {'hits/s (1 thread)':>18}")
    for name, setting in stores.items():
        timings = sorted(_time_hits(setting, args.requests))
        median = statistics.median(timings)
        p95 = timings[int(len(timings) * 0.95)]
        print(f"{name:<28} {median:>10.3f} {p95:>8.3f} {1000 / statistics.mean(timings):>18.0f}")


if __name__ == "__main__":
    main()
