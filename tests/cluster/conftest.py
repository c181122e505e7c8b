"""The cluster the checks run against: scripts/cluster.py started once for the whole package.

Run with `make cluster-test` (sets MASTHEAD_CLUSTER_TEST=1); in the ordinary suite every check
is skipped, since the cluster needs PostgreSQL, Redis, nginx and haproxy on this machine.
"""

from __future__ import annotations

import http.client
import importlib.util
import os
import sys
import time
import urllib.parse
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
ENABLED = bool(os.environ.get("MASTHEAD_CLUSTER_TEST"))


def _load_harness():
    spec = importlib.util.spec_from_file_location("masthead_cluster_harness", ROOT / "scripts" / "cluster.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="session")
def cluster(tmp_path_factory) -> Iterator[object]:
    if not ENABLED:
        pytest.skip("the cluster test runs with `make cluster-test`")
    harness = _load_harness()
    # A shared machine (CI, several test runs) gives the cluster its own database, Redis
    # database and port range through these; by default free ports are picked at random.
    port_base = os.environ.get("CLUSTER_PORT_BASE")
    options = harness.ClusterOptions(
        workdir=tmp_path_factory.mktemp("cluster"),
        database=os.environ.get("CLUSTER_DATABASE", "masthead_cluster_test"),
        redis_url=os.environ.get("CLUSTER_REDIS_URL", "redis://127.0.0.1:6379/0"),
        key_prefix="masthead-cluster-test",
        port_base=int(port_base) if port_base else None,
        # No narration worker until the narration check starts one: reading the demo's
        # stories aloud would take one of a small machine's cores from every other check.
        narrators=0,
        env={
            # Short intervals so the checks finish in minutes: views are flushed every 2 s,
            # scheduled stories and unfinished sends are looked for every 3 s, and batches are
            # small so a newsletter send lasts long enough to be interrupted.
            "VIEW_COUNT_FLUSH_SECONDS": "2",
            "SCHEDULED_PUBLISH_SECONDS": "3",
            "NEWSLETTERS_RESUME_SECONDS": "3",
            "NEWSLETTERS_BATCH_SIZE": "10",
            "NEWSLETTERS_SETTLE_MS": "200",
        },
    )
    started = harness.Cluster(options, progress=lambda message: print(f"[cluster] {message}", flush=True))
    with started:
        yield started
    started.drop_database()


@dataclass
class Answer:
    status: int
    headers: http.client.HTTPMessage
    body: str


def fetch(
    url: str,
    *,
    method: str = "GET",
    form: dict[str, str] | None = None,
    headers: dict[str, str] | None = None,
    timeout: float = 10,
) -> Answer:
    """One HTTP request, no redirects followed, Host the demo site's name."""
    parts = urllib.parse.urlsplit(url)
    connection = http.client.HTTPConnection(parts.hostname, parts.port, timeout=timeout)
    body = urllib.parse.urlencode(form).encode() if form is not None else None
    sent = {"Host": "localhost", "User-Agent": "masthead-cluster-test", **(headers or {})}
    if body is not None:
        sent["Content-Type"] = "application/x-www-form-urlencoded"
    try:
        path = parts.path + (f"?{parts.query}" if parts.query else "")
        connection.request(method, path or "/", body=body, headers=sent)
        response = connection.getresponse()
        return Answer(response.status, response.headers, response.read().decode(errors="replace"))
    finally:
        connection.close()


def wait_for(predicate, *, timeout: float, interval: float = 0.5, what: str) -> float:
    """Poll until predicate() is true; returns the seconds it took, fails the test after timeout."""
    started = time.monotonic()
    while True:
        if predicate():
            return time.monotonic() - started
        if time.monotonic() - started > timeout:
            pytest.fail(f"{what} did not happen within {timeout:.0f} s.")
        time.sleep(interval)
