"""Every process sees the same page-cache generation, rate-limit counters and view buffers.

The processes here are real: a second Python interpreter with the production settings
(DEBUG off, SINGLE_HOST=1 or REDIS_URL), pointed at the test's database and caches.
"""

from __future__ import annotations

import os
import subprocess
import sys
from datetime import timedelta

import pytest
from django.core.cache import caches
from django.db import connection
from django.utils import timezone

from lib import rate_limits
from lib.tests.processes import ROOT, process_env, run_python, shared_database_url, start_python

FIREFOX = "Mozilla/5.0 (X11; Linux x86_64; rv:140.0) Gecko/20100101 Firefox/140.0"


@pytest.mark.django_db(transaction=True)
def test_a_story_published_by_another_process_stops_the_cached_copy_at_once(client, newsroom, tmp_path):
    article = newsroom.add_article("Harbour tolls stay")
    url = article.url
    assert client.get(url)["X-Page-Cache"] == "miss"
    assert client.get(url)["X-Page-Cache"] == "hit"

    # An editor scheduled a new headline; the worker's clock publishes it in its own process.
    article.title = "Harbour tolls doubled overnight"
    article.save_revision(approved_go_live_at=timezone.now() - timedelta(seconds=5))
    database = shared_database_url(tmp_path)
    run_python(
        "from newsroom.tasks import publish_scheduled_pages\nprint(publish_scheduled_pages.call())",
        process_env(database, TASKS_BACKEND="django.tasks.backends.dummy.DummyBackend"),
    )

    again = client.get(url)
    assert again["X-Page-Cache"] == "miss"  # the local-memory cache answered "hit" with the old story
    if connection.vendor == "postgresql":  # the other process wrote to this very database
        assert "Harbour tolls doubled overnight" in again.content.decode()


COUNT_HITS = """
import sys
from lib.rate_limits import hit
allowed = sum(hit("cluster-test", "203.0.113.7", limit=25, window_seconds=10**9) for _ in range(20))
print(allowed)
"""


@pytest.mark.django_db(transaction=True)
def test_a_limit_holds_across_two_processes_counting_at_the_same_time(tmp_path):
    env = process_env(shared_database_url(tmp_path))
    workers = [start_python(COUNT_HITS, env) for _ in range(2)]
    allowed = []
    for worker in workers:
        out, err = worker.communicate(timeout=180)
        assert worker.returncode == 0, out + err
        allowed.append(int(out.strip().splitlines()[-1]))
    # 40 tries against a limit of 25: exactly 25 pass, however the two interleave.
    assert sum(allowed) == 25, allowed


@pytest.mark.django_db
def test_400_beacons_do_not_evict_rate_limit_counters(client, newsroom):
    article = newsroom.add_article("Ferry fares frozen")
    for _ in range(3):
        assert rate_limits.hit("code-ip", "198.51.100.20", limit=3, window_seconds=3600)
    assert not rate_limits.hit("code-ip", "198.51.100.20", limit=3, window_seconds=3600)

    # Anonymous readers, each leaving a reload key behind (the local-memory cache kept 300).
    for n in range(400):
        client.post(
            "/support/views/",
            {"article": str(article.pk)},
            HTTP_USER_AGENT=FIREFOX,
            REMOTE_ADDR=f"10.1.{n // 250}.{n % 250}",
        )

    assert not rate_limits.hit("code-ip", "198.51.100.20", limit=3, window_seconds=3600)


@pytest.mark.django_db
def test_rate_limit_keys_hold_no_address(settings):
    rate_limits.hit("signin-ip", "198.51.100.21", limit=3, window_seconds=3600)
    if rate_limits.uses_cache():
        limits = caches["ratelimits"]
        keys = limits._cache.get_client().keys(limits.make_key("*"))  # type: ignore[attr-defined]
        stored = b" ".join(keys).decode()
    else:
        from lib.models import RateLimitCounter

        stored = " ".join(RateLimitCounter.objects.values_list("digest", flat=True))
    assert stored and "198.51.100.21" not in stored


def _check(extra_env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    unset = {"DJANGO_SETTINGS_MODULE", "DEBUG", "SECRET_KEY", "REDIS_URL", "SINGLE_HOST", "DJANGO_ALLOW_ASYNC_UNSAFE"}
    env = {k: v for k, v in os.environ.items() if k not in unset}
    env.update({"DJANGO_SETTINGS_MODULE": "config.settings", "SECRET_KEY": "x7#kq" * 12, **extra_env})
    return subprocess.run(
        [sys.executable, "manage.py", "check"], cwd=ROOT, env=env, capture_output=True, text=True, timeout=120
    )


def test_production_without_a_shared_store_choice_is_a_system_check_error():
    refused = _check({"DEBUG": "0", "ALLOWED_HOSTS": "news.example"})
    assert refused.returncode != 0
    assert "lib.E001" in refused.stderr and "Neither REDIS_URL nor SINGLE_HOST is set" in refused.stderr

    chosen = _check({"DEBUG": "0", "ALLOWED_HOSTS": "news.example", "SINGLE_HOST": "1"})
    assert chosen.returncode == 0, chosen.stdout + chosen.stderr
    assert _check({"DEBUG": "1"}).returncode == 0  # development needs no choice
