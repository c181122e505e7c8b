"""Narration benchmark: pipeline vs bare Piper, publish-to-audio time, worker peak memory.

Run with `make bench-narration` (or `make bench`). It builds a throwaway newsroom in a temporary
SQLite database and media folder, so it touches nothing else, and rewrites the narration section
of docs/benchmarks.md with the figures of this run.

1. Real-time factor (seconds of work per second of audio) of the whole pipeline — text
   preparation, synthesis, MP3 encoding, storage — against bare Piper synthesis of the same
   prepared text, measured alternately in this process with the voice already loaded.
2. Time from publishing a 1,500-word article to its audio being ready, with `run_worker` running.
3. The worker's peak memory (VmHWM) after narrating a 10,000-word article.
4. Narration while the site is busy: the production server (granian, two workers) answers
   uncached article renders at a steady rate (an open-loop load, so latency counts from when a
   request was due) at which the web workers take half the host's cores, first alone, then while a
   1,500-word story is narrated — with the shipped NARRATION_NICE and NARRATION_THREADS and,
   for contrast, placed as `make run` starts it, one sentence at a time, and with no yielding
   at all. The shipped worker runs in an idle CPU cgroup (what systemd's CPUWeight=idle gives
   the unit docs/deployment.md describes) where this machine lets us make one, else in a
   session of its own. Reported: publish → audio ready and the web p50/p99 in each phase.

5. The editor's path, under the same load, with the shipped worker: a 1,500-word story saved as a
   draft (its parts spoken ahead into the part cache, audio/part_cache.py), published once that
   is done, then corrected (one paragraph changed, published again). Every paragraph of every
   bench story is worded differently, so nothing but the draft and the correction is reused.

Options: --load (share of the host's cores the web takes, default 0.5), --skip-busy, --skip-drafted,
--only-busy (prints parts 4 and 5 and leaves docs/benchmarks.md alone), --variants (how the
worker runs in part 4; see VARIANTS).
"""

from __future__ import annotations

import argparse
import contextlib
import http.client
import itertools
import multiprocessing
import os
import re
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
# Last: ahead of the project, scripts/bench/live.py would stand in for the `live` app.
sys.path.append(str(Path(__file__).resolve().parent))
from proc_cpu import TICK, cpu_seconds  # noqa: E402  (scripts/bench/proc_cpu.py)

WORK = Path(tempfile.mkdtemp(prefix="masthead-bench-narration-"))
ENV = {
    **os.environ,
    "DJANGO_SETTINGS_MODULE": "config.settings",
    "DEBUG": "1",
    "DATABASE_URL": f"sqlite:///{WORK / 'bench.sqlite3'}",
    "MEDIA_ROOT": str(WORK / "media"),
    "NARRATION_PART_CACHE_DIR": str(WORK / "parts"),
    "LOG_LEVEL": "WARNING",
}
os.environ.update(ENV)

# Original sentences about the fictional Veldmark, with the numbers, dates, times, money and
# acronyms that text preparation has to rewrite.
SENTENCES = [
    "The VDF said its units had tracked 31 missiles and 84 drones overnight.",
    "Repairs at the Kerrhamn substation will cost about €12.3 million, Sorvik Grid said on Feb. 24.",
    "By 7 a.m., roughly 340,000 households in the port city were without electricity.",
    "Officials in Arnhalt promised that generators would reach every hospital by 3:45 p.m.",
    "The Veldsting is expected to extend martial law by a further 90 days.",
    "Turnout in the 2024 election was 67%, the highest since 1998.",
    "A spokesman for the SBV declined to comment on the inquiry.",
    "Volunteers in Dunavik said about 3,100 people remained in the town, down from 48,000.",
    "The central bank kept its main rate at 9.5%, citing the cost of the war.",
    "Teachers in Lenndal will receive a one-off payment of 4,000 krona before the 1st of December.",
    "Ragna Tiller, the opposition leader, said her party would support the bill.",
    "“We are learning where the gaps are, and so are they,” a senior officer told reporters.",
]


# Every paragraph of every bench story is different (four of the sentences, in an order no other
# paragraph has), as in a real story: a repeated paragraph would be read from the part cache
# (audio/part_cache.py) and the story would cost less than a real one. `story` keeps each
# story's paragraphs apart from the others' in one run.
_ORDERS = list(itertools.permutations(range(len(SENTENCES)), 4))
_STEP = 7919  # prime, so p * _STEP mod len(_ORDERS) visits every order once
_stories = itertools.count()


def article_body(words: int, story: int | None = None) -> list[tuple[str, str]]:
    story = next(_stories) if story is None else story
    body: list[tuple[str, str]] = []
    count = paragraph_number = 0
    while count < words:
        if len(body) % 6 == 5:
            body.append(("heading", f"Part {len(body) // 6 + 1} of the story"))
        order = _ORDERS[((story * 1000 + paragraph_number) * _STEP) % len(_ORDERS)]
        paragraph_number += 1
        paragraph = " ".join(SENTENCES[n] for n in order)
        count += len(paragraph.split())
        body.append(("paragraph", f"<p>{paragraph}</p>"))
    return body


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--load", type=float, default=0.5, help="share of the host's cores the web takes (0-1)")
    parser.add_argument("--skip-busy", action="store_true", help="leave out part 4 (narration while busy)")
    parser.add_argument(
        "--skip-drafted", action="store_true", help="leave out part 5 (a story drafted first, then corrected)"
    )
    parser.add_argument("--only-busy", action="store_true", help="only part 4, printed, docs left alone")
    parser.add_argument(
        "--variants",
        default=",".join(VARIANTS),
        help=f"how the worker runs in part 4, comma-separated, shipped first (default: {','.join(VARIANTS)})",
    )
    args = parser.parse_args()
    variants = [name.strip() for name in args.variants.split(",") if name.strip()]
    unknown = [name for name in variants if name not in VARIANTS]
    if unknown or not variants or variants[0] != "shipped":
        parser.error(f"--variants takes names from {', '.join(VARIANTS)}, starting with shipped")
    import django

    django.setup()
    from django.core.management import call_command

    print(f"Preparing a throwaway newsroom in {WORK} …", flush=True)
    call_command("migrate", verbosity=0, interactive=False)
    from tests.support.newsroom import build_newsroom

    newsroom = build_newsroom()
    if args.only_busy:
        print(measure_while_busy(newsroom, load=args.load, variants=variants, skip_drafted=args.skip_drafted))
        return 0
    rtf = measure_real_time_factor(newsroom)
    worker = measure_worker(newsroom)
    busy = (
        None
        if args.skip_busy
        else measure_while_busy(newsroom, load=args.load, variants=variants, skip_drafted=args.skip_drafted)
    )
    write_section(rtf, worker, busy)
    return 0


def measure_real_time_factor(newsroom, runs: int = 3) -> dict[str, float]:
    from django.conf import settings
    from django.db import transaction
    from django.test import override_settings

    from audio import services
    from audio.models import Narration
    from audio.synthesis import load_voice, sample_rate
    from audio.text_preparation import prepare_article

    with transaction.atomic():
        article = newsroom.add_article("Bench story for the real-time factor", body=article_body(500), hero=False)
    voice = load_voice(settings.NARRATION_VOICE)
    list(voice.synthesize("Warming up the voice."))
    script = prepare_article(article)
    pipeline, bare, bare_audio = [], [], 0.0
    for run in range(runs):
        print(f"  real-time factor, run {run + 1}/{runs}", flush=True)
        started = time.perf_counter()
        # One sentence at a time, as bare Piper below: this ratio is the pipeline's overhead on the
        # same work, not the gain of computing sentences side by side (part 2 has that).
        with override_settings(NARRATION_THREADS=1):
            result = services.narrate_article(article_id=article.pk, force=True)
        elapsed = time.perf_counter() - started
        assert result.outcome == "done", result.detail
        pipeline.append(elapsed / Narration.objects.get(article=article).duration_seconds)
        started = time.perf_counter()
        # The same parts the pipeline feeds Piper, without pauses, encoding or storage.
        samples = sum(
            len(chunk.audio_int16_bytes) // 2 for part in script.parts for chunk in voice.synthesize(part.text)
        )
        elapsed = time.perf_counter() - started
        bare_audio = samples / sample_rate(voice)
        bare.append(elapsed / bare_audio)
    narration = Narration.objects.get(article=article)
    pipeline_work_median = statistics.median(p * narration.duration_seconds for p in pipeline)
    return {
        "words": script.word_count,
        "audio_seconds": narration.duration_seconds,
        "bare_audio_seconds": bare_audio,
        "pipeline_rtf": statistics.median(pipeline),
        "bare_rtf": statistics.median(bare),
        "pipeline_rtf_speech_only": pipeline_work_median / bare_audio,
        "runs": runs,
    }


def _vm_hwm_mb(pid: int) -> float:
    status = Path(f"/proc/{pid}/status").read_text()
    match = re.search(r"VmHWM:\s+(\d+) kB", status)
    return int(match[1]) / 1024 if match else 0.0


def _publish_and_wait(newsroom, title: str, words: int, timeout: float) -> tuple[float, float]:
    from django.db import transaction

    from audio.models import Narration

    with transaction.atomic():
        article = newsroom.add_article(title, body=article_body(words), hero=False, live=False)
        article.save_revision().publish()
    published = time.perf_counter()  # the task is enqueued on commit, just above
    while time.perf_counter() - published < timeout:
        narration = Narration.objects.filter(article_id=article.pk).first()
        if narration is not None and narration.status in (Narration.Status.READY, Narration.Status.FAILED):
            if narration.status == Narration.Status.FAILED:
                raise RuntimeError(f"narration failed: {narration.error}")
            return time.perf_counter() - published, narration.duration_seconds
        time.sleep(0.2)
    raise RuntimeError(f"{title!r} had no audio after {timeout:.0f} s")


def idle_cgroup() -> Path | None:
    """A CPU cgroup with cpu.idle=1, the kernel setting systemd's `CPUWeight=idle` gives a unit
    (systemd.resource-control(5)): its tasks run only on CPU time no other group wants. None
    where this machine has no such cgroup or we may not make one (not root)."""
    for parent in (Path("/sys/fs/cgroup/cpu"), Path("/sys/fs/cgroup")):  # cgroup v1, then v2
        if not (parent / "cgroup.procs").exists():
            continue
        group = parent / "masthead-bench-narration"
        try:
            group.mkdir(exist_ok=True)
            (group / "cpu.idle").write_text("1")
        except OSError:
            continue
        return group
    return None


def start_worker(env: dict[str, str] | None = None, *, cgroup: Path | None = None) -> subprocess.Popen[bytes]:
    # The narration worker as make run and docs/deployment.md start it: in a session of its own,
    # as a service manager starts it (the web server has one too, so the two are separate
    # scheduling groups); with `cgroup`, moved into it as systemd puts a unit in its own.
    worker = subprocess.Popen(
        [
            sys.executable,
            "manage.py",
            "run_worker",
            "--queues",
            "narration",
            "--no-clock",
            "--interval",
            "0.2",
            "-v",
            "0",
        ],
        cwd=ROOT,
        env=env or ENV,
        start_new_session=True,
    )
    if cgroup is not None:
        (cgroup / "cgroup.procs").write_text(str(worker.pid))
    return worker


def stop_worker(worker: subprocess.Popen[bytes]) -> None:
    """SIGTERM lets a narration in progress stop at its next sentence; a stuck one is killed."""
    worker.terminate()
    try:
        worker.wait(timeout=60)
    except subprocess.TimeoutExpired:
        worker.kill()
        worker.wait(timeout=10)


def measure_worker(newsroom) -> dict[str, float]:
    worker = start_worker()
    try:
        time.sleep(3)  # the worker process starts Django before it polls
        print("  publishing a 1,500-word article with the worker running", flush=True)
        ready_1500, audio_1500 = _publish_and_wait(newsroom, "Bench story of fifteen hundred words", 1500, 300)
        hwm_1500 = _vm_hwm_mb(worker.pid)
        print("  publishing a 10,000-word article with the worker running", flush=True)
        ready_10000, audio_10000 = _publish_and_wait(newsroom, "Bench story of ten thousand words", 10_000, 1800)
        hwm_10000 = _vm_hwm_mb(worker.pid)
    finally:
        stop_worker(worker)
    return {
        "ready_1500": ready_1500,
        "audio_1500": audio_1500,
        "hwm_1500": hwm_1500,
        "ready_10000": ready_10000,
        "audio_10000": audio_10000,
        "hwm_10000": hwm_10000,
    }


# --- 4. narration while the site is busy --------------------------------------------------------

WEB_ENV = {
    **ENV,
    "DEBUG": "0",
    "SECRET_KEY": "bench-only-secret-key-never-used-in-production-0123456789",
    "ALLOWED_HOSTS": "127.0.0.1,localhost",
    "SECURE_SSL_REDIRECT": "0",
    "SINGLE_HOST": "1",
    "REDIS_URL": "",
    "CACHE_DIR": str(WORK / "cache"),
    "LOG_LEVEL": "WARNING",
}


SHIPPED_NICE = int(os.environ.get("NARRATION_NICE") or 10)
SHIPPED_THREADS = int(os.environ.get("NARRATION_THREADS") or 0)


def _threads_label(threads: int) -> str:
    return "a sentence per core at once" if threads == 0 else f"{threads} sentence(s) at once"


# How the narration worker runs in part 4: name → (label, its environment, its placement). The
# shipped settings first (audio/priority.py: nice value and idle class; audio/synthesis: several
# sentences at once), in an idle cgroup as docs/deployment.md has systemd start it ("cgroup";
# where this machine cannot make one, the worker's own session, "session"); then the same worker
# placed as `make run` starts it; then one sentence at a time; then a worker that does not yield.
# The labels as run (a placement this machine cannot give is named as what it got instead).
LABELS: dict[str, str] = {}

VARIANTS = {
    "shipped": (
        f"shipped (nice {SHIPPED_NICE} and the idle class, {_threads_label(SHIPPED_THREADS)}), idle cgroup",
        {"NARRATION_NICE": str(SHIPPED_NICE), "NARRATION_THREADS": str(SHIPPED_THREADS)},
        "cgroup",
    ),
    "session": (
        f"shipped settings in a session of its own, its group at nice {SHIPPED_NICE} (as `make run` starts it)",
        {"NARRATION_NICE": str(SHIPPED_NICE), "NARRATION_THREADS": str(SHIPPED_THREADS)},
        "session",
    ),
    "one": (
        f"nice {SHIPPED_NICE} and the idle class, one sentence at a time, idle cgroup (for contrast)",
        {"NARRATION_NICE": str(SHIPPED_NICE), "NARRATION_THREADS": "1"},
        "cgroup",
    ),
    "nice0": (
        f"nice 0, {_threads_label(SHIPPED_THREADS)}, own session (no yielding at all; for contrast)",
        {"NARRATION_NICE": "0", "NARRATION_THREADS": str(SHIPPED_THREADS)},
        "session",
    ),
}


def _start_web(path: str) -> tuple[subprocess.Popen[bytes], int]:
    """granian as `make serve` starts it (hashed static names first), once it answers `path`."""
    manage = [sys.executable, "manage.py", "collectstatic", "--no-input", "-v0"]
    subprocess.run(manage, cwd=ROOT, env=WEB_ENV, check=True)
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    command = [
        str(ROOT / ".venv" / "bin" / "granian"), "--interface", "wsgi", "--host", "127.0.0.1", "--port", str(port),
        "--workers", "2", "--blocking-threads", "1", "--backlog", "2048", "--no-access-log", "config.wsgi:application",
    ]  # fmt: skip
    log = (WORK / "web.log").open("wb")
    web = subprocess.Popen(command, cwd=ROOT, env=WEB_ENV, start_new_session=True, stdout=log, stderr=subprocess.STDOUT)
    deadline = time.monotonic() + 180  # both workers import Django; slow on a busy machine
    status = None
    while time.monotonic() < deadline:
        try:
            connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
            connection.request("GET", path, headers={"Host": "127.0.0.1"})
            status = connection.getresponse().status
            connection.close()
            if status == 200:
                return web, port
        except OSError:
            pass
        time.sleep(0.5)
    os.killpg(web.pid, signal.SIGTERM)
    raise SystemExit(f"the web server did not answer {path} with 200 (last: {status}); see {WORK / 'web.log'}")


class OpenLoad:
    """Requests due at a fixed rate, each timed from when it was due (not from when a free
    connection sent it), so a slow server shows as latency instead of as fewer requests."""

    def __init__(self, port: int, path: str, rate: float, connections: int = 8) -> None:
        self.port, self.path, self.rate, self.connections = port, path, rate, connections
        self.latencies: list[float] = []
        self.errors = 0
        self._stop = threading.Event()
        self._lock = threading.Lock()
        self._next = 0
        self._started = 0.0

    def _due(self) -> float | None:
        with self._lock:
            due = self._started + self._next / self.rate
            self._next += 1
        return None if self._stop.is_set() else due

    def _run(self) -> None:
        connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=30)
        while (due := self._due()) is not None:
            pause = due - time.perf_counter()
            if pause > 0:
                time.sleep(pause)
            try:
                connection.request("GET", self.path, headers={"Host": "127.0.0.1"})
                response = connection.getresponse()
                response.read()
                ok = response.status == 200
            except OSError:
                ok = False
                connection.close()
                connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=30)
            with self._lock:
                if ok:
                    self.latencies.append((time.perf_counter() - due) * 1000)
                else:
                    self.errors += 1
        connection.close()

    def run_for(self, seconds: float | None = None, until: Any = None) -> dict[str, float]:
        self._started = time.perf_counter()
        threads = [threading.Thread(target=self._run, daemon=True) for _ in range(self.connections)]
        for thread in threads:
            thread.start()
        if until is not None:
            until.wait()
        else:
            time.sleep(seconds or 0)
        self._stop.set()
        for thread in threads:
            thread.join(timeout=60)
        latencies = sorted(self.latencies)
        return {
            "requests": len(latencies),
            "errors": self.errors,
            "p50": statistics.median(latencies),
            "p99": latencies[int(len(latencies) * 0.99) - 1],
            "seconds": time.perf_counter() - self._started,
        }


def _load_in_child(load: OpenLoad, seconds: float | None, stop: Any, results: Any) -> None:
    # The forked child holds the bench's whole Django heap. Its first full garbage collection
    # walks all of it (copying each page it touches) while no request is sent: traced runs showed
    # ~0.6-1 s with every due request late, which the open loop counts as the web server's p99.
    # Freezing what the fork inherited keeps the collector to the load's own objects.
    import gc

    gc.freeze()
    started = time.process_time()
    outcome = load.run_for(seconds, until=None if seconds else stop)
    results.put({**outcome, "cpu": time.process_time() - started})


def run_load_apart(load: OpenLoad, *, seconds: float | None = None, until: threading.Event | None = None):
    """The load from a process of its own, as readers come from other machines: in this process
    the publish (a Wagtail page save, which holds the GIL for ~0.1 s) would stall the load's own
    threads, and the requests it delayed would count as the web server's latency."""
    context = multiprocessing.get_context("fork")  # the child needs only http.client, no Django
    stop, results = context.Event(), context.Queue()
    child = context.Process(target=_load_in_child, args=(load, seconds, stop, results), daemon=True)
    child.start()
    if until is not None:
        until.wait()
        stop.set()
    outcome = results.get(timeout=(seconds or 0) + 120)
    child.join(timeout=30)
    return outcome


def _cpu_now(web_session: int, worker_session: int | None = None) -> dict[str, float]:
    """What each part of the run has used so far, and the host as a whole (/proc/stat: every
    core's busy time, and steal, the time the hypervisor gave our virtual cores to others)."""
    user, nice, system, _idle, _iowait, irq, softirq, steal = (
        int(value) for value in Path("/proc/stat").read_text().split("\n", 1)[0].split()[1:9]
    )
    return {
        "wall": time.perf_counter(),
        "web": cpu_seconds(web_session, reaped=True),
        "narrator": cpu_seconds(worker_session, reaped=True) if worker_session else 0.0,
        "bench": time.process_time(),
        "host": (user + nice + system + irq + softirq) / TICK,
        "steal": steal / TICK,
    }


def _cores(before: dict[str, float], after: dict[str, float], load_cpu: float) -> dict[str, float]:
    """Cores each part took over the phase on average: where the CPU went in a slow run."""
    wall = after["wall"] - before["wall"]
    cores = {f"cores_{part}": (after[part] - before[part]) / wall for part in before if part != "wall"}
    return {**cores, "cores_load": load_cpu / wall}


def _cores_line(result: dict[str, float], prefix: str = "", *, narrating: bool = True) -> str:
    part = {name: result[f"{prefix}cores_{name}"] for name in ("web", "narrator", "load", "bench", "host", "steal")}
    narrator = f", narrator {part['narrator']:.2f}" if narrating else ""
    return (
        f"web {part['web']:.2f}{narrator}, load generator {part['load']:.2f}, bench {part['bench']:.2f}; "
        f"host busy {part['host']:.2f}, steal {part['steal']:.2f}"
    )


def _rate_for_share(port: int, path: str, web_session: int, start: float, share: float) -> float:
    """The steady rate at which the web workers take `share` of the host's cores, found from a
    first guess by three short runs, each rate scaled by the cores the one before took (at most
    1.5 times up or down: a short run on a shared host can be far off).

    A share of the flat-out capacity is not a share of the CPU: a paced request costs the
    server more than one of a closed loop (each wakes a sleeping worker; measured 3.1 against
    2.1 ms), so half the capacity kept 74 % of the cores busy. And a cheaper web would make the
    same share of its capacity a heavier load, not a lighter one."""
    cores = len(os.sched_getaffinity(0))
    rate = start
    for _ in range(3):
        before = _cpu_now(web_session)
        outcome = run_load_apart(OpenLoad(port, path, rate), seconds=8)
        used = _cores(before, _cpu_now(web_session), outcome["cpu"])["cores_web"]
        print(f"    at {rate:.0f}/s the web took {used:.2f} of {cores} cores", flush=True)
        rate *= min(1.5, max(1 / 1.5, share * cores / max(used, 0.01)))
    return max(1.0, rate)


def _capacity(port: int, path: str) -> float:
    """Uncached renders per second the two workers manage, closed loop (wrk)."""
    out = subprocess.run(
        ["wrk", "-t2", "-c4", "-d10s", f"http://127.0.0.1:{port}{path}"], capture_output=True, text=True, check=True
    ).stdout
    return float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))  # type: ignore[union-attr]


def _wait_for_task(path: str, args: list[Any], timeout: float) -> None:
    """Until the newest task of `path` whose arguments start with `args` has finished."""
    from django_tasks_db.models import DBTaskResult

    started = time.perf_counter()
    while time.perf_counter() - started < timeout:
        tasks = DBTaskResult.objects.filter(task_path=path).order_by("-enqueued_at")
        task = next((t for t in tasks if t.args_kwargs["args"][: len(args)] == args), None)
        if task is not None and task.status in ("SUCCESSFUL", "FAILED"):
            if task.status == "FAILED":
                raise RuntimeError(f"{path}{tuple(args)} failed: {task.traceback[-500:]}")
            return
        time.sleep(0.2)
    raise RuntimeError(f"{path}{tuple(args)} did not finish in {timeout:.0f} s")


def _wait_ready(article_id: int, since: float, timeout: float) -> tuple[float, float]:
    from audio.models import Narration

    while time.perf_counter() - since < timeout:
        narration = Narration.objects.filter(article_id=article_id).first()
        if narration is not None and narration.status == Narration.Status.FAILED:
            raise RuntimeError(f"narration failed: {narration.error}")
        if narration is not None and narration.status == Narration.Status.READY:
            return time.perf_counter() - since, narration.duration_seconds
        time.sleep(0.2)
    raise RuntimeError(f"article {article_id} had no audio after {timeout:.0f} s")


def drafted_then_corrected(newsroom, title: str, words: int) -> dict[str, float]:
    """An editor's path: the story is saved as a draft (its parts are spoken ahead, at the lowest
    priority), published once that is done, and then corrected: one paragraph changed and
    published again. Times: save → draft spoken, publish → audio ready, correction → ready."""
    from django.db import transaction

    with transaction.atomic():
        article = newsroom.add_article(title, body=article_body(words), hero=False, live=False)
    saved = time.perf_counter()  # add_article saved the draft; its task was queued on commit
    _wait_for_task("audio.tasks.prenarrate_draft_task", [article.pk, article.latest_revision_id], 900)
    spoken = time.perf_counter() - saved
    with transaction.atomic():
        article.get_latest_revision().publish()
    ready, audio = _wait_ready(article.pk, time.perf_counter(), 600)
    article.refresh_from_db()
    body = list(article.body.raw_data)
    paragraph = next(n for n, block in enumerate(body) if block["type"] == "paragraph")
    body[paragraph] = {**body[paragraph], "value": "<p>The VDF said on Monday that its figures had been revised.</p>"}
    article.body = body
    with transaction.atomic():
        article.save_revision().publish()  # the row is Queued again before this commits
    corrected, _ = _wait_ready(article.pk, time.perf_counter(), 600)
    return {"spoken": spoken, "ready": ready, "audio": audio, "corrected": corrected}


def _narrate_while_loaded(
    newsroom,
    load: OpenLoad,
    *,
    title: str,
    env: dict[str, str],
    cgroup: Path | None,
    web_session: int,
    action: Any = None,
) -> dict[str, float]:
    worker = start_worker({**ENV, **env}, cgroup=cgroup)
    try:
        time.sleep(3)  # the worker starts Django before it polls
        finished = threading.Event()
        outcome: dict[str, float] = {}

        def publish() -> None:
            try:
                if action is not None:
                    outcome.update(action())
                else:
                    outcome["ready"], outcome["audio"] = _publish_and_wait(newsroom, title, 1500, 600)
            finally:
                finished.set()

        publisher = threading.Thread(target=publish)
        # The load's process is forked before the publisher's thread starts, and it starts first.
        web_result: dict[str, dict[str, float]] = {}
        loader = threading.Thread(target=lambda: web_result.update(web=run_load_apart(load, until=finished)))
        before = _cpu_now(web_session, worker.pid)  # the worker leads a session of its own
        loader.start()
        time.sleep(1)
        publisher.start()
        publisher.join()
        loader.join()
        web = web_result["web"]
        web.update(_cores(before, _cpu_now(web_session, worker.pid), web.pop("cpu")))
    finally:
        stop_worker(worker)
    if "ready" not in outcome:
        raise SystemExit(f"{title!r} was not narrated; see the worker output above")
    return {**outcome, **{f"web_{key}": value for key, value in web.items()}}


def measure_while_busy(newsroom, *, load: float, variants: list[str], skip_drafted: bool = False) -> dict[str, float]:
    from django.db import transaction

    from newsroom.models import ArticlePage

    with transaction.atomic():
        page = newsroom.add_article("Bench story the readers keep opening", body=article_body(800), hero=False)
        # Not narrated: the worker's one job while it is timed is the story under test, not a
        # backlog of the page the load reads (which would add its own 20-40 s to the wait).
        ArticlePage.objects.filter(pk=page.pk).update(narration_enabled=False)
    # Any query parameter the page cache does not know bypasses it: every request is a full render.
    path = f"{page.url}?bench=uncached"
    web, port = _start_web(path)
    group = idle_cgroup()
    try:
        for _ in range(6):  # warm both workers' template caches and connections
            subprocess.run(["curl", "-s", "-o", "/dev/null", f"http://127.0.0.1:{port}{path}"], check=False)
        print("  web capacity (uncached article, wrk 10 s)", flush=True)
        capacity = _capacity(port, path)
        print(
            f"  {capacity:.0f} renders/s flat out; the rate at which the web takes {load:.0%} of the cores:", flush=True
        )
        rate = _rate_for_share(port, path, web.pid, capacity * load, load)
        print(f"  steady load of {rate:.1f}/s alone for 20 s", flush=True)
        before = _cpu_now(web.pid)
        alone = run_load_apart(OpenLoad(port, path, rate), seconds=20)
        alone.update(_cores(before, _cpu_now(web.pid), alone.pop("cpu")))
        results: dict[str, float] = {"capacity": capacity, "rate": rate, "load": load}
        results.update({f"alone_{key}": value for key, value in alone.items()})
        print(f"  alone: p50 {alone['p50']:.0f} ms, p99 {alone['p99']:.0f} ms", flush=True)
        print(f"    cores: {_cores_line(alone, narrating=False)}", flush=True)
        for name in variants:
            label, env, placement = VARIANTS[name]
            cgroup = group if placement == "cgroup" else None
            if placement == "cgroup" and group is None:
                label = label.replace("idle cgroup", "own session (no idle cgroup on this machine)")
            LABELS[name] = label
            print(f"  same load while a 1,500-word story is narrated: {label}", flush=True)
            load_meanwhile = OpenLoad(port, path, rate)
            during = _narrate_while_loaded(
                newsroom, load_meanwhile, title=f"Busy-site story {name}", env=env, cgroup=cgroup, web_session=web.pid
            )
            print(
                f"    ready in {during['ready']:.1f} s; web p50 {during['web_p50']:.0f} ms, "
                f"p99 {during['web_p99']:.0f} ms",
                flush=True,
            )
            print(f"    cores: {_cores_line(during, 'web_')}", flush=True)
            results.update({f"{name}_{key}": value for key, value in during.items()})
        if "shipped" in variants and not skip_drafted:
            print("  same load: a 1,500-word story saved as a draft, published once spoken, then corrected", flush=True)
            label, env, placement = VARIANTS["shipped"]
            during = _narrate_while_loaded(
                newsroom,
                OpenLoad(port, path, rate),
                title="",
                env=env,
                cgroup=group if placement == "cgroup" else None,
                web_session=web.pid,
                action=lambda: drafted_then_corrected(newsroom, "Busy-site story drafted first", 1500),
            )
            print(
                f"    draft spoken in {during['spoken']:.1f} s; publish → ready {during['ready']:.1f} s; "
                f"correction → ready {during['corrected']:.1f} s; web p99 {during['web_p99']:.0f} ms",
                flush=True,
            )
            print(f"    cores: {_cores_line(during, 'web_')}", flush=True)
            results.update({f"drafted_{key}": value for key, value in during.items()})
        return results
    finally:
        os.killpg(web.pid, signal.SIGTERM)
        web.wait(timeout=30)
        if group is not None:
            with contextlib.suppress(OSError):  # a worker that outlived its kill keeps it; not worth a traceback
                group.rmdir()  # empty again: each worker was stopped after its story


def write_section(rtf: dict[str, float], worker: dict[str, float], busy: dict[str, float] | None) -> None:
    ratio = rtf["pipeline_rtf"] / rtf["bare_rtf"]
    strict = rtf["pipeline_rtf_speech_only"] / rtf["bare_rtf"]

    def verdict(ok: bool) -> str:
        return "meets the target" if ok else "MISSES the target"

    rows = [
        (
            f"Bare Piper synthesis, real-time factor ({rtf['words']:.0f} spoken words, "
            f"{rtf['bare_audio_seconds']:.0f} s of speech)",
            f"{rtf['bare_rtf']:.4f}",
            "—",
        ),
        (
            "Whole pipeline (prepare + synthesise + encode + store), one sentence at a time, real-time "
            f"factor ({rtf['audio_seconds']:.0f} s of audio with pauses)",
            f"{rtf['pipeline_rtf']:.4f}",
            "—",
        ),
        ("Ratio pipeline ÷ bare Piper", f"{ratio:.2f}×", f"≤ 1.2× ({verdict(ratio <= 1.2)})"),
        ("Same ratio, counting only the speech (not the pauses) as audio", f"{strict:.2f}×", "stricter view"),
        (
            "Publish → audio ready, 1,500-word article, worker running",
            f"{worker['ready_1500']:.1f} s ({worker['audio_1500'] / 60:.1f} min of audio)",
            f"≤ 60 s ({verdict(worker['ready_1500'] <= 60)})",
        ),
        ("Worker peak memory (VmHWM) after the 1,500-word article", f"{worker['hwm_1500']:.0f} MB", "—"),
        (
            "Worker peak memory (VmHWM) after a 10,000-word article",
            f"{worker['hwm_10000']:.0f} MB ({worker['audio_10000'] / 60:.0f} min of audio, "
            f"ready in {worker['ready_10000']:.0f} s)",
            f"≤ 1,024 MB ({verdict(worker['hwm_10000'] <= 1024)})",
        ),
    ]
    if busy is not None:
        alone_p99 = busy["alone_p99"]
        rows.append(
            (
                f"Web alone: uncached article at {busy['rate']:.1f} renders/s, the rate found for the two granian "
                f"workers to take {busy['load']:.0%} of the cores (what they took: next row; "
                f"{busy['rate'] / busy['capacity']:.0%} of the {busy['capacity']:.0f}/s they manage flat out), "
                "p50 / p99",
                f"{busy['alone_p50']:.0f} ms / {alone_p99:.0f} ms ({busy['alone_requests']:.0f} requests, "
                f"{busy['alone_errors']:.0f} errors)",
                "—",
            )
        )
        rows.append(
            ("… cores each part took meanwhile (of 2)", _cores_line(busy, "alone_", narrating=False), "context")
        )
        for name in VARIANTS:
            if f"{name}_ready" not in busy:
                continue
            label = LABELS[name]
            shipped = name == "shipped"
            ready, p99 = busy[f"{name}_ready"], busy[f"{name}_web_p99"]
            rows.append(
                (
                    f"Same load while a 1,500-word story is narrated, {label}: publish → audio ready",
                    f"{ready:.1f} s",
                    f"≤ 60 s ({verdict(ready <= 60)})" if shipped else "—",
                )
            )
            rows.append(
                (
                    "… web p50 / p99 meanwhile",
                    f"{busy[f'{name}_web_p50']:.0f} ms / {p99:.0f} ms ({p99 / alone_p99:.2f}× alone; "
                    f"{busy[f'{name}_web_errors']:.0f} errors)",
                    f"p99 ≤ 2× alone ({verdict(p99 <= 2 * alone_p99)})" if shipped else "—",
                )
            )
            rows.append(("… cores each part took meanwhile (of 2)", _cores_line(busy, f"{name}_web_"), "context"))
    if busy is not None and "drafted_ready" in busy:
        ready = busy["drafted_ready"]
        rows.append(
            (
                "Same load, a 1,500-word story saved as a draft first (its parts spoken ahead at the lowest "
                f"priority, done {busy['drafted_spoken']:.0f} s after the save), then published: publish → audio ready",
                f"{ready:.1f} s",
                f"≤ 60 s ({verdict(ready <= 60)})",
            )
        )
        rows.append(
            (
                "… then one paragraph corrected and published again: publish → new audio ready",
                f"{busy['drafted_corrected']:.1f} s",
                "—",
            )
        )
        p99 = busy["drafted_web_p99"]
        rows.append(
            (
                "… web p50 / p99 over the whole phase (draft, publish, correction)",
                f"{busy['drafted_web_p50']:.0f} ms / {p99:.0f} ms ({p99 / busy['alone_p99']:.2f}× alone; "
                f"{busy['drafted_web_errors']:.0f} errors)",
                f"p99 ≤ 2× alone ({verdict(p99 <= 2 * busy['alone_p99'])})",
            )
        )
        rows.append(("… cores each part took meanwhile (of 2)", _cores_line(busy, "drafted_web_"), "context"))
    load = ", ".join(f"{value:.1f}" for value in os.getloadavg())
    rows.append(("Load average at the end of the run (1, 5, 15 min; 2 cores)", load, "context: Piper shares the CPU"))
    table = "\n".join(f"| {measure} | {result} | {target} |" for measure, result, target in rows)
    section = f"""## Narration

Command: `make bench-narration` (scripts/bench/narration.py); voice en_US-joe-medium, MP3 64 kbps
mono, on this 2-core machine, in a throwaway SQLite database and media folder. Real-time factors
are medians of {rtf["runs"]} alternating runs in the same process.

| Measure | Result | Target |
|---|---|---|
{table}

The worker computes a sentence per core at once (`NARRATION_THREADS=0`, audio/synthesis.py),
streamed in order through the encoder into a temporary file with only a few paragraphs ahead, so
peak memory barely grows between the two articles. While the site is busy, the narrating
process and its threads run at a lower CPU priority (`NARRATION_NICE`, audio/priority.py), so
the kernel serves web requests first and narration takes the cores they leave idle.
"""
    path = ROOT / "docs" / "benchmarks.md"
    text = path.read_text()
    start, end = "<!-- bench:narration:start -->", "<!-- bench:narration:end -->"
    before, _, rest = text.partition(start)
    _, _, after = rest.partition(end)
    path.write_text(f"{before}{start}\n{section}{end}{after}")
    print(section)


if __name__ == "__main__":
    sys.exit(main())
