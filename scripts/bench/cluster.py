"""`make bench-cluster`: article throughput through haproxy with one and with two web nodes.

1. Starts the cluster of scripts/cluster.py (haproxy, two web nodes, workers, PostgreSQL,
   Redis, the S3 server, nginx) with the demo newsroom in a database of its own.
2. With web node 2 stopped (haproxy marks it down), then with both nodes: wrk against one
   article through haproxy, cached (the page cache in Redis answers) and uncached (a query
   parameter the page cache does not key on, so every request renders).
3. Publishes a new headline and reads the article through haproxy many times: every answer,
   from either node, must carry the new headline (stale pages: 0).
4. Rewrites the `cluster` section of docs/benchmarks.md with the figures and the command.

On a 2-core machine a second web node cannot add CPU: wrk, haproxy, both nodes, the workers,
PostgreSQL and Redis share the same two cores. What the second node must show here is that it
adds no errors and no stale pages; on separate machines it adds its own cores.

Each figure is the median of --repeat runs. The machine's load average is recorded with the
figures: other work on the same cores lowers them.

Options: --duration (s per run), --repeat, --connections, --port-base, --redis-url, --no-docs.
"""

from __future__ import annotations

import argparse
import importlib.util
import os
import re
import shutil
import statistics
import subprocess
import sys
import time
import urllib.request
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

ROOT = Path(__file__).resolve().parents[2]
DOCS = ROOT / "docs" / "benchmarks.md"
COMMAND = "make bench-cluster"


def say(message: str) -> None:
    print(f"[bench cluster] {message}", flush=True)


def load_harness():
    spec = importlib.util.spec_from_file_location("masthead_cluster_harness", ROOT / "scripts" / "cluster.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


def ensure_wrk() -> None:
    if shutil.which("wrk"):
        return
    say("installing wrk with apt")
    sudo = [] if os.geteuid() == 0 else ["sudo"]
    env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
    if subprocess.run([*sudo, "apt-get", "install", "-y", "wrk"], env=env, check=False).returncode != 0:
        subprocess.run([*sudo, "apt-get", "update"], env=env, check=True)
        subprocess.run([*sudo, "apt-get", "install", "-y", "wrk"], env=env, check=True)


@dataclass
class Run:
    nodes: int
    kind: str
    requests_per_s: float
    p50_ms: float
    p99_ms: float
    errors: int
    requests: int


def _ms(value: str, unit: str) -> float:
    return float(value) * {"us": 0.001, "ms": 1.0, "s": 1000.0, "m": 60000.0}[unit]


def run_wrk(url: str, *, nodes: int, kind: str, duration: int, connections: int) -> Run:
    say(f"wrk {kind}, {nodes} node(s): {url}")
    command = ["wrk", "-t2", f"-c{connections}", f"-d{duration}s", "--timeout", "5s", "--latency"]
    out = subprocess.run([*command, "-H", "Host: localhost", url], capture_output=True, text=True, check=True).stdout
    rate = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))  # type: ignore[union-attr]
    p50 = re.search(r"50%\s+([\d.]+)(us|ms|s|m)\b", out)
    p99 = re.search(r"99%\s+([\d.]+)(us|ms|s|m)\b", out)
    total = int(re.search(r"(\d+) requests in", out).group(1))  # type: ignore[union-attr]
    errors = 0
    if socket_errors := re.search(r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", out):
        errors += sum(int(n) for n in socket_errors.groups())
    if bad := re.search(r"Non-2xx or 3xx responses: (\d+)", out):
        errors += int(bad.group(1))
    return Run(nodes, kind, rate, _ms(*p50.groups()), _ms(*p99.groups()), errors, total)  # type: ignore[union-attr]


def median_run(url: str, *, nodes: int, kind: str, duration: int, connections: int, repeat: int) -> Run:
    """The median of `repeat` wrk runs (by requests/s); errors and requests are summed."""
    runs = [run_wrk(url, nodes=nodes, kind=kind, duration=duration, connections=connections) for _ in range(repeat)]
    middle = sorted(runs, key=lambda run: run.requests_per_s)[len(runs) // 2]
    return Run(
        nodes,
        kind,
        statistics.median(run.requests_per_s for run in runs),
        middle.p50_ms,
        middle.p99_ms,
        sum(run.errors for run in runs),
        sum(run.requests for run in runs),
    )


def get(url: str) -> str:
    request = urllib.request.Request(url, headers={"Host": "localhost"})  # noqa: S310
    with urllib.request.urlopen(request, timeout=10) as response:  # noqa: S310
        return response.read().decode(errors="replace")


def stale_check(cluster, article: dict, reads: int) -> tuple[int, int, float]:
    """Publish a new headline, then read the article through haproxy `reads` times (both nodes
    take turns). Returns (stale answers, reads, seconds from publish to the first read)."""
    headline = f"Tollhaven bridge reopens {time.time_ns()}"
    published_at = cluster.python(
        "import time\n"
        "from django.contrib.auth import get_user_model\n"
        "from newsroom.models import ArticlePage\n"
        "editor = get_user_model().objects.get(username='editor')\n"
        f"page = ArticlePage.objects.get(pk={article['id']})\n"
        f"page.title = {headline!r}\n"
        "page.save_revision(user=editor).publish(user=editor)\n"
        "result = time.time()"
    )
    first = time.time() - published_at
    stale = sum(1 for _ in range(reads) if headline not in get(cluster.haproxy_url + article["path"]))
    return stale, reads, first


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--duration", type=int, default=10)
    parser.add_argument("--repeat", type=int, default=3, help="runs per figure; the median is reported")
    parser.add_argument("--connections", type=int, default=16, help="wrk connections for the cached article")
    # A render takes a whole granian process (one per node here): more connections than that
    # only queue, and past wrk's 5 s timeout they count as errors that say nothing about nodes.
    parser.add_argument("--uncached-connections", type=int, default=4)
    parser.add_argument("--port-base", type=int, default=None, help="cluster ports from here up (random if unset)")
    parser.add_argument("--redis-url", default="redis://127.0.0.1:6379/0")
    parser.add_argument("--no-docs", action="store_true")
    args = parser.parse_args()
    ensure_wrk()
    harness = load_harness()
    # No narration worker: reading the demo aloud would take one of the cores from every run.
    options = harness.ClusterOptions(
        workdir=ROOT / "var" / "bench" / "cluster",
        database="bench_cluster",
        key_prefix="masthead-bench-cluster",
        redis_url=args.redis_url,
        port_base=args.port_base,
        narrators=0,
    )
    load_before = os.getloadavg()
    runs: list[Run] = []
    with harness.Cluster(options, progress=say) as cluster:
        article = cluster.python(
            "from newsroom.models import ArticlePage\n"
            "page = ArticlePage.objects.live().order_by('-first_published_at').first()\n"
            "result = {'id': page.pk, 'path': page.get_url()}"
        )
        article["path"] = urlsplit(article["path"]).path
        cached = cluster.haproxy_url + article["path"]
        uncached = cached + "?bench=uncached"  # not a page-cache key: every request renders
        get(cached)
        get(uncached)  # the story's renditions are made (in S3) before anything is timed
        connections = {"cached": args.connections, "uncached": args.uncached_connections}
        measure = {"duration": args.duration, "repeat": args.repeat}
        cluster.kill("web-2")
        deadline = time.monotonic() + 30
        while cluster.backend_states().get("web2") == "UP" and time.monotonic() < deadline:
            time.sleep(0.2)
        for kind, url in (("cached", cached), ("uncached", uncached)):
            runs.append(median_run(url, nodes=1, kind=kind, connections=connections[kind], **measure))
        cluster.start_web(2)
        cluster.wait_backends_up(2)
        get(cached)
        before = {name: int(values["stot"]) for name, values in cluster.server_stats().items()}
        for kind, url in (("cached", cached), ("uncached", uncached)):
            runs.append(median_run(url, nodes=2, kind=kind, connections=connections[kind], **measure))
        after = cluster.server_stats()
        served = {name: int(values["stot"]) - before.get(name, 0) for name, values in after.items()}
        stale, reads, first = stale_check(cluster, article, reads=200)
        cluster.drop_database()
    load = (load_before, os.getloadavg())
    section = report(runs, served, stale, reads, first, args, load)
    print(section)
    if not args.no_docs:
        write_docs(section)
    return 0


def report(
    runs: list[Run],
    served: dict[str, int],
    stale: int,
    reads: int,
    first: float,
    args: argparse.Namespace,
    load: tuple[tuple[float, float, float], tuple[float, float, float]],
) -> str:
    rows = "\n".join(
        f"| {run.nodes} | {run.kind} | {run.requests_per_s:,.0f} | {run.p50_ms:.1f} | {run.p99_ms:.1f} | "
        f"{run.errors} | {run.requests:,} |"
        for run in runs
    )
    by_kind = {(run.nodes, run.kind): run for run in runs}
    ratios = ", ".join(
        f"{kind} {by_kind[(2, kind)].requests_per_s / by_kind[(1, kind)].requests_per_s:.2f}×"
        for kind in ("cached", "uncached")
        if (1, kind) in by_kind and (2, kind) in by_kind and by_kind[(1, kind)].requests_per_s
    )
    cpus = os.cpu_count()
    return f"""## Cluster: one and two web nodes behind haproxy (issue 11)

Command: `{COMMAND}` (scripts/bench/cluster.py; wrk with {args.connections} connections for the cached article and
{args.uncached_connections} for the uncached one, {args.duration} s a run,
median of {args.repeat} runs, through haproxy with deploy/haproxy.cfg; each web node is granian
with 1 process, as `make serve`; PostgreSQL and Redis on this machine). Measured
{time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime())} on {cpus} cores, load average {load[0][0]:.1f} at the start and
{load[1][0]:.1f} at the end (1 minute; other work on the machine lowers every figure). "Cached" is
an article answered by the page cache in Redis; "uncached" carries a query parameter the page
cache does not key on, so every request renders. Errors (wrk's socket errors, its 5 s timeout
included, and answers other than 2xx/3xx) and requests are summed over the runs.

| web nodes | article | requests/s | p50 ms | p99 ms | errors | requests |
|---|---|---|---|---|---|---|
{rows}

Two nodes against one: {ratios}. On this {cpus}-core machine the second node cannot add CPU:
wrk, haproxy, both nodes, PostgreSQL, Redis and the two (idle) task workers share the same cores, so
the figures are the same work spread over more processes. What the second node must show
here is that it costs nothing in correctness: haproxy sent it its share of the two-node runs'
requests (per node: {", ".join(f"{name} {count:,}" for name, count in sorted(served.items()))}),
the runs above had the errors shown, and after a publish {reads} reads through haproxy
(both nodes taking turns, the first {first:.1f} s after the publish returned) found
**{stale} stale pages**. On separate machines each node brings its own cores; see
docs/deployment.md for what that means for a real newsroom.
"""


def write_docs(section: str) -> None:
    text = DOCS.read_text()
    start, end = "<!-- bench:cluster:start -->", "<!-- bench:cluster:end -->"
    if start not in text:
        text = text.rstrip("\n") + f"\n\n{start}\n{end}\n"
    before, _, rest = text.partition(start)
    _, _, after = rest.partition(end)
    DOCS.write_text(f"{before}{start}\n{section.rstrip()}\n{end}{after}")


if __name__ == "__main__":
    sys.exit(main())
