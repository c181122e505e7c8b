"""`make bench-peers`: Masthead beside Ghost 5, in one run, on this machine.

1. Installs (first time), starts and seeds Ghost 5 in production mode with the shared scripts
   in ../shared/peers/ (run-ghost.sh; the npm registry), unless a Ghost already answers.
2. Starts Masthead as `make serve` does (granian, 2 WSGI workers) on the benchmark database of
   `make bench-web` (var/bench/web.sqlite3, built there if missing).
3. Alternates Ghost and Masthead for each pair of targets (uncached article ↔ Ghost's post page,
   uncached home ↔ Ghost's home, RSS ↔ Ghost's RSS), twice, with wrk (2 threads × 50
   connections, 10 s timeout, as ../shared/peers/side.sh), and counts each server's CPU time per request from
   /proc during the same runs. "Uncached" sends a session cookie with no reader kind, so every
   request is rendered (Ghost caches nothing). Then a signed-in supporter's article (served from
   the page cache by kind) beside the anonymous cached article, alternating too.
4. Writes the `peers` section of docs/benchmarks.md (medians of the rounds, and the ratios).

Environment: PEERS_DIR (default /tmp/peers), GHOST_PORT (default 2368; another port writes
Ghost's config for it before the first start), MASTHEAD_PORT (a free one), DURATION (15 s).
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import web

ROOT = web.ROOT
PEERS = Path(os.environ.get("PEERS_SCRIPTS", ROOT.parent / "shared" / "peers")).resolve()
PEERS_DIR = Path(os.environ.get("PEERS_DIR", "/tmp/peers"))  # noqa: S108 - the shared scripts' own default
GHOST_PORT = int(os.environ.get("GHOST_PORT", "2368"))
GHOST = f"http://127.0.0.1:{GHOST_PORT}"
GHOST_POST = os.environ.get("GHOST_POST", "/post-25/")
HZ = os.sysconf("SC_CLK_TCK")


def say(message: str) -> None:
    print(f"[bench peers] {message}", flush=True)


def answers(url: str) -> bool:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:  # noqa: S310 - loopback only
            return response.status == 200
    except OSError:
        return False


def ghost_config() -> None:
    """run-ghost.sh writes a config for 127.0.0.1:2368 unless one exists; for another port we write it."""
    if GHOST_PORT == 2368:
        return
    home = PEERS_DIR / "ghost"
    home.mkdir(parents=True, exist_ok=True)
    for mode in ("development", "production"):
        path = home / f"config.{mode}.json"
        if path.exists():
            continue
        path.write_text(
            json.dumps(
                {
                    "url": GHOST,
                    "server": {"host": "127.0.0.1", "port": GHOST_PORT},
                    "database": {
                        "client": "sqlite3",
                        "connection": {"filename": str(home / "content" / "data" / "ghost-local.db")},
                        "useNullAsDefault": True,
                        "debug": False,
                    },
                    "paths": {"contentPath": f"{home / 'content'}/"},
                    "mail": {"transport": "SMTP", "options": {"host": "127.0.0.1", "port": GHOST_PORT + 1}},
                    "privacy": {"useUpdateCheck": False, "useGravatar": False, "useRpcPing": False},
                    "logging": {"level": "warn", "transports": ["stdout"]},
                },
                indent=2,
            )
        )


def start_ghost() -> bool:
    """True when this run started Ghost (and so stops it)."""
    env = {**os.environ, "PEERS_DIR": str(PEERS_DIR), "GHOST_MODE": "production", "GHOST_URL": GHOST}
    if answers(GHOST + "/"):
        say(f"Ghost already answers on {GHOST}; seeding (idempotent) and reusing it")
        subprocess.run(["python3", str(PEERS / "seed_ghost.py"), "50"], env=env, check=True)
        return False
    ghost_config()
    say("starting Ghost 5 (production) with ../shared/peers/run-ghost.sh; the first run installs it")
    subprocess.run([str(PEERS / "run-ghost.sh")], env=env, check=True, stdout=subprocess.DEVNULL)
    if not answers(GHOST + "/"):
        raise SystemExit(f"Ghost did not answer on {GHOST}; see {PEERS_DIR}/ghost/ghost-production.log")
    return True


def pids_of(root_pid: int) -> list[int]:
    """A process and all its descendants (granian's workers)."""
    found, todo = [], [root_pid]
    while todo:
        pid = todo.pop()
        found.append(pid)
        out = subprocess.run(["pgrep", "-P", str(pid)], capture_output=True, text=True).stdout
        todo += [int(child) for child in out.split()]
    return found


def ticks(pids: list[int]) -> int:
    total = 0
    for pid in pids:
        for stat in Path(f"/proc/{pid}/task").glob("*/stat"):
            try:
                fields = stat.read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue
            total += int(fields[11]) + int(fields[12])
    return total


def measure(name: str, url: str, pids: list[int], duration: int, cookie: str | None = None) -> dict[str, float]:
    before = ticks(pids)
    headers = [f"Cookie: {cookie}"] if cookie else None
    # 10 s as ../shared/peers/side.sh: on a busy machine a 2 s timeout turns slow answers into errors.
    result = web.run_wrk(name, url, duration=duration, connections=50, headers=headers, timeout="10s")
    used = ticks(pids) - before
    return {
        "rps": result.requests_per_s,
        "p50": result.p50_ms,
        "p99": result.p99_ms,
        "errors": result.errors,
        "cpu_ms": 1000 * used / HZ / max(result.requests, 1),
    }


PAIRS = [
    ("article", GHOST_POST, None),  # Masthead's path is the benchmark article
    ("home", "/", "/"),
    ("RSS", "/rss/", "/feeds/rss/"),
]
UNCACHED = "sessionid=bench-uncached"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--duration", type=int, default=int(os.environ.get("DURATION", "15")))
    parser.add_argument("--rounds", type=int, default=2)
    parser.add_argument("--no-docs", action="store_true")
    args = parser.parse_args()
    if shutil.which("wrk") is None or shutil.which("node") is None:
        raise SystemExit("needs wrk (apt-get install wrk) and Node 20 with npm")

    os.environ.update(web.ENV)
    import django

    django.setup()
    import logging

    logging.getLogger("masthead.request").setLevel(logging.WARNING)
    facts = web.ensure_database(argparse.Namespace(rebuild=False, articles=5000, feed_items=20000))
    from django.core.management import call_command

    call_command("collectstatic", interactive=False, verbosity=0)
    article = web.pick_article()
    cookie = web.supporter_cookie()

    started_ghost = start_ghost()
    ghost_pid = int((PEERS_DIR / "ghost" / "ghost.pid").read_text().strip())
    port = int(os.environ.get("MASTHEAD_PORT", "0")) or web.free_port()
    app = None
    load_before = os.getloadavg()
    rows: dict[str, dict[str, list[dict[str, float]]]] = {}
    try:
        app = web.start_app(port, 2)
        masthead = f"http://127.0.0.1:{port}"
        web.wait_for(f"{masthead}/healthz", timeout=180)  # a busy machine starts slowly
        app_pids = pids_of(app.pid)
        ghost_pids = pids_of(ghost_pid)
        for path in (article, "/", "/feeds/rss/"):  # warm: renditions, chrome, fragments
            for headers in ({}, {"Cookie": UNCACHED}, {"Cookie": cookie}):
                web.fetch(masthead + path, headers)
        _status, headers, _body = web.fetch(masthead + article, {"Cookie": cookie})
        assert headers.get("X-Page-Cache") == "hit", dict(headers)
        for path in (GHOST_POST, "/", "/rss/"):
            web.fetch(GHOST + path)
        for round_number in range(args.rounds):
            say(f"round {round_number + 1}, load {os.getloadavg()[0]:.1f}")
            for name, ghost_path, masthead_path in PAIRS:
                pair = rows.setdefault(name, {"ghost": [], "masthead": []})
                pair["ghost"].append(measure(f"ghost {name}", GHOST + ghost_path, ghost_pids, args.duration))
                web.settle(f"{masthead}/healthz")
                pair["masthead"].append(
                    measure(
                        f"masthead {name}", masthead + (masthead_path or article), app_pids, args.duration, UNCACHED
                    )
                )
            cached = rows.setdefault("cached", {"anonymous": [], "supporter": []})
            web.settle(f"{masthead}/healthz")
            cached["anonymous"].append(measure("anonymous cached", masthead + article, app_pids, args.duration))
            cached["supporter"].append(measure("supporter cached", masthead + article, app_pids, args.duration, cookie))
    finally:
        web.stop(app)
        if started_ghost:
            subprocess.run([str(PEERS / "stop-ghost.sh")], env={**os.environ, "PEERS_DIR": str(PEERS_DIR)}, check=False)
    load_after = os.getloadavg()
    (web.BENCH / "peers.json").write_text(json.dumps(rows, indent=1))  # the raw runs, kept
    section = report(rows, article=article, facts=facts, duration=args.duration, rounds=args.rounds,
                     load_before=load_before, load_after=load_after)  # fmt: skip
    print(section)
    if not args.no_docs:
        write_docs(section)
        say("wrote the peers section of docs/benchmarks.md")
    return 0


def _median(runs: list[dict[str, float]], field: str) -> float:
    return statistics.median(run[field] for run in runs)


def _ratio(a: float, b: float) -> float:
    """a ÷ b; a server that answered nothing in a run (b = 0) gives infinity rather than a crash."""
    return a / b if b else float("inf")


def report(rows, *, article, facts, duration, rounds, load_before, load_after) -> str:  # type: ignore[no-untyped-def]
    lines = []
    verdicts = []
    for name, ghost_label in (("article", f"post page `{GHOST_POST}`"), ("home", "home"), ("RSS", "RSS `/rss/`")):
        ghost, masthead = rows[name]["ghost"], rows[name]["masthead"]
        g_rps, m_rps = _median(ghost, "rps"), _median(masthead, "rps")
        g_cpu, m_cpu = _median(ghost, "cpu_ms"), _median(masthead, "cpu_ms")
        errors = sum(run["errors"] for run in ghost + masthead)
        lines.append(
            f"| {name} (Ghost: {ghost_label}) | {g_rps:,.0f} | {m_rps:,.0f} | **{_ratio(m_rps, g_rps):.2f}×** "
            f"| {g_cpu:.1f} | {m_cpu:.1f} | **{_ratio(g_cpu, m_cpu):.2f}×** | {errors} |"
        )
        if name in ("article", "home"):
            verdicts.append(
                (f"uncached {name} ≥ 2.0× Ghost's {name if name == 'home' else 'post page'} (req/s)", m_rps / g_rps)
            )
    cached = rows["cached"]
    anonymous, supporter = _median(cached["anonymous"], "rps"), _median(cached["supporter"], "rps")
    target_lines = "\n".join(
        f"| {label} | {ratio:.2f}× | {'met' if ratio >= 2.0 else '**missed**'} |" for label, ratio in verdicts
    )
    member_ratio = _ratio(supporter, anonymous)
    member_line = (
        "| signed-in supporter's article (page cache by kind) ≥ 80 % of the anonymous cached article, same run "
        f"| {member_ratio:.0%} ({supporter:,.0f} vs {anonymous:,.0f} req/s) "
        f"| {'met' if member_ratio >= 0.8 else '**missed**'} |"
    )
    return f"""## Peers: Masthead beside Ghost 5 (issue 12)

Command: `make bench-peers` (scripts/bench/peers.py), measured {time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime())} on
{os.cpu_count()} cores. Ghost 5.130.6 in production mode with SQLite, 51 posts of about 600 words
(../shared/peers/run-ghost.sh and seed_ghost.py); Masthead as `make serve` (granian, 2 WSGI
workers, page cache in files) on the `make bench-web` database ({facts["articles"]:,} generated stories
plus the demo). Article: `{article}`. wrk 2 threads × 50 connections, {duration} s a run, Ghost
and Masthead alternating, {rounds} rounds, medians; CPU ms per request is each server's own CPU
time (all its processes, from /proc) during the same runs, divided by the requests served;
wrk's timeout is 10 s, and errors (timeouts included) are listed.
Masthead "uncached" sends a session cookie without a reader kind, so every request is rendered
from the session (one session query on top of the render, the staff path); the kept fragments
of the generation are warm, as they are between two publishes. Ghost caches nothing.

**The machine was busy**: other sessions' tests shared the 2 cores (load average
{load_before[0]:.1f} before the run, {load_after[0]:.1f} after), so absolute figures are low and noisy; the ratios,
taken from alternating runs under the same load, are what counts.

| target | Ghost req/s | Masthead req/s | Masthead ÷ Ghost | Ghost CPU ms/req | Masthead CPU ms/req | CPU ratio | err |
|---|---:|---:|---:|---:|---:|---:|---:|
{chr(10).join(lines)}

| Target | Ratio | Result |
|---|---:|---|
{target_lines}
{member_line}
"""


def write_docs(section: str) -> None:
    text = web.DOCS.read_text()
    start, end = "<!-- bench:peers:start -->", "<!-- bench:peers:end -->"
    if start not in text:
        text = text.rstrip() + f"\n\n{start}\n{end}\n"
    before, _, rest = text.partition(start)
    _, _, after = rest.partition(end)
    web.DOCS.write_text(f"{before}{start}\n{section.rstrip()}\n{end}{after}")


if __name__ == "__main__":
    sys.exit(main())
