"""`make bench-live`: what polling readers of a live page cost the app, beside a cached article.

1. Builds var/bench/live.sqlite3 once (the demo newsroom, whose live page has eight entries).
2. Starts the production server (granian, as `make serve` does) on a port from 9400-9499 and
   nginx with the shipped deploy/nginx.conf in front of it.
3. Runs wrk with --connections (1,000) simulated readers against: a cached article page; the
   live page's updates.json as polling browsers ask it (If-None-Match with the current ETag,
   answered 304); the same without an ETag (the full JSON from the cache); and updates.json
   through nginx. For each app run it reads the CPU time the server's processes used
   (/proc/<pid>/stat) and reports CPU milliseconds per 1,000 requests.
4. Rewrites the `live` section of docs/benchmarks.md (`--no-docs` prints it instead).
"""

from __future__ import annotations

import argparse
import os
import socket
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(Path(__file__).resolve().parent))
import web  # noqa: E402  (scripts/bench/web.py: server, nginx and wrk helpers)
from proc_cpu import cpu_seconds  # noqa: E402

BENCH = ROOT / "var" / "bench"
DB_PATH = BENCH / "live.sqlite3"
READY = BENCH / "live.ready"
ENV = {
    **web.ENV,
    "DATABASE_URL": f"sqlite:///{DB_PATH}",
    "MEDIA_ROOT": str(BENCH / "media-live"),
    "CACHE_DIR": str(BENCH / "cache-live"),
}
POLL_SECONDS = 5


def say(message: str) -> None:
    print(f"[bench live] {message}", flush=True)


def port_in_range(low: int = 9400, high: int = 9499) -> int:
    """A free port from the range this machine gives the live benchmark."""
    for port in range(low, high + 1):
        with socket.socket() as probe:
            try:
                probe.bind(("127.0.0.1", port))
            except OSError:
                continue
            return port
    raise SystemExit(f"No free port between {low} and {high}; stop a server there and try again.")


def build() -> None:
    if READY.exists() and DB_PATH.exists():
        say(f"reusing {DB_PATH.relative_to(ROOT)}")
        return
    from django.core.management import call_command

    BENCH.mkdir(parents=True, exist_ok=True)
    DB_PATH.unlink(missing_ok=True)
    say("migrating a fresh benchmark database and loading the demo newsroom")
    call_command("migrate", interactive=False, verbosity=0)
    call_command("load_demo", verbosity=0)
    READY.write_text("ok")


def targets() -> tuple[str, str, int]:
    from live.models import LivePage
    from newsroom.models import ArticlePage

    article = ArticlePage.objects.live().order_by("-first_published_at").first()
    live_page = LivePage.objects.live().first()
    assert article is not None and live_page is not None, "the demo has an article and a live page"
    return article.url, live_page.url, live_page.pk


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--duration", type=int, default=15)
    parser.add_argument("--connections", type=int, default=1000)
    parser.add_argument("--workers", type=int, default=int(os.environ.get("WEB_WORKERS", "2")))
    parser.add_argument("--no-docs", action="store_true")
    args = parser.parse_args()

    web.ensure_packages()
    web.ENV.update(ENV)  # web.start_app starts the server with web.ENV: this benchmark's database
    os.environ.update(ENV)
    import django

    django.setup()
    build()
    from django.core.management import call_command

    call_command("collectstatic", interactive=False, verbosity=0)
    article, live_url, live_id = targets()
    app_port, edge_port, static_port = port_in_range(), port_in_range(9450), port_in_range(9480)
    app = nginx = None
    load_before = os.getloadavg()[0]
    rows = []
    try:
        os.environ.update(ENV)
        app = web.start_app(app_port, args.workers)
        app_url = f"http://127.0.0.1:{app_port}"
        web.wait_for(f"{app_url}/healthz", timeout=240)  # a busy machine starts Django slowly
        updates = f"{app_url}/live-coverage/{live_id}/updates.json"
        for _ in range(3):
            web.fetch(app_url + article)
            web.fetch(app_url + live_url)
            web.fetch(updates)
        _status, headers, _body = web.fetch(app_url + article)
        assert headers.get("X-Page-Cache") == "hit", dict(headers)
        _status, headers, body = web.fetch(updates)
        etag = headers["ETag"]
        say(f"updates.json: {len(body)} bytes, ETag {etag}")
        config = web.nginx_config(app_port, edge_port, static_port)
        nginx = subprocess.Popen(["nginx", "-c", str(config), "-p", str(BENCH / "nginx")], start_new_session=True)
        web.wait_for(f"http://127.0.0.1:{edge_port}/live-coverage/{live_id}/updates.json", timeout=120)
        runs = [
            ("app: cached article page", app_url + article, None, True),
            ("app: updates.json, If-None-Match (304)", updates, [f"If-None-Match: {etag}"], True),
            ("app: updates.json, no ETag (200 from cache)", updates, None, True),
            (
                "nginx → app: updates.json, If-None-Match",
                f"http://127.0.0.1:{edge_port}/live-coverage/{live_id}/updates.json",
                [f"If-None-Match: {etag}"],
                True,
            ),
        ]
        for name, url, headers_, on_app in runs:
            web.settle(f"{app_url}/healthz")
            before = cpu_seconds(app.pid)
            result = web.run_wrk(name, url, duration=args.duration, connections=args.connections, headers=headers_)
            used = cpu_seconds(app.pid) - before
            app_requests = result.requests if "nginx" not in name else None
            rows.append((result, used, app_requests, on_app))
            say(f"{name}: {result.requests_per_s:,.0f} req/s, app CPU {used:.1f} s for {result.requests:,} requests")
    finally:
        web.stop(nginx)
        web.stop(app)
    load_after = os.getloadavg()[0]
    section = report(rows, args, load_before, load_after, len(body))
    if args.no_docs:
        print(section)
    else:
        web.DOCS.write_text(_replace(web.DOCS.read_text(), section))
        say(f"wrote the live section of {web.DOCS.relative_to(ROOT)}")
    return 0


def _replace(text: str, section: str) -> str:
    start, end = "<!-- bench:live:start -->", "<!-- bench:live:end -->"
    if start not in text:
        return f"{text.rstrip()}\n\n{start}\n{section.rstrip()}\n{end}\n"
    before, _, rest = text.partition(start)
    _, _, after = rest.partition(end)
    return f"{before}{start}\n{section.rstrip()}\n{end}{after}"


def report(rows: list, args: argparse.Namespace, load_before: float, load_after: float, size: int) -> str:  # type: ignore[type-arg]
    lines = [
        "## Live coverage: polling readers (`make bench-live`)",
        "",
        f"Command: `.venv/bin/python scripts/bench/live.py` ({args.connections:,} wrk connections, i.e. "
        f"{args.connections:,} simulated readers polling back to back, {args.duration} s per run, granian with "
        f"{args.workers} workers, SQLite, file cache). Run on {time.strftime('%Y-%m-%d')} on the shared two-core "
        f"machine while other work ran (load average {load_before:.1f} before, {load_after:.1f} after): figures "
        "are from a busy machine; compare rows with each other, not with other sections.",
        "",
        "| target | requests/s | p50 | p99 | errors | app CPU ms per 1,000 requests |",
        "|---|---|---|---|---|---|",
    ]
    for result, used, app_requests, _on_app in rows:
        per_thousand = f"{used / app_requests * 1_000_000:.0f}" if app_requests else "— (nginx answers)"
        if not app_requests:
            per_thousand = f"{used:.1f} s in all (nginx answers; the app sees about one request a second)"
        lines.append(
            f"| {result.name} | {result.requests_per_s:,.0f} | {result.p50_ms:.1f} ms | {result.p99_ms:.1f} ms | "
            f"{result.errors} | {per_thousand} |"
        )
    lines += [
        "",
        "Errors are wrk's socket timeouts (2 s): 1,000 connections queue at a two-worker app on two "
        "shared cores, which answers each in about a millisecond of CPU; through nginx there are none.",
    ]
    article, poll = rows[0], rows[1]
    poll_ms = poll[1] / poll[2] * 1000 if poll[2] else 0
    article_ms = article[1] / article[2] * 1000 if article[2] else 0
    readers = 10_000
    lines += [
        "",
        f"What it means: a reader polls every {POLL_SECONDS} s (plus jitter), so {readers:,} readers send about "
        f"{readers // POLL_SECONDS:,} requests a second. Straight to the app that is "
        f"{readers // POLL_SECONDS * poll_ms / 1000:.1f} CPU seconds a second at {poll_ms:.2f} ms each "
        f"(a cached article costs {article_ms:.2f} ms): the same fixed, per-request cost for every reader, "
        "no database query and no session, one shared answer per page version "
        f"({size:,} bytes). Behind nginx (deploy/nginx.conf's one-second micro-cache, and the answer's "
        f"`s-maxage={POLL_SECONDS}` for a CDN) the app sees about one request per second per page however many "
        "readers poll: 10,000 readers cost the app what one does.",
    ]
    return "\n".join(lines) + "\n"


if __name__ == "__main__":
    raise SystemExit(main())
