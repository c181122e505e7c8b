"""Narration benchmark: pipeline vs bare Piper, publish-to-audio time, worker peak memory.

Run with `make bench-narration` (or `make bench`). It builds a throwaway newsroom in a temporary
SQLite database and media folder, so it touches nothing else, and rewrites the narration section
of docs/benchmarks.md with the figures of this run.

1. Real-time factor (seconds of work per second of audio) of the whole pipeline — text
   preparation, synthesis, MP3 encoding, storage — against bare Piper synthesis of the same
   prepared text, measured alternately in this process with the voice already loaded.
2. Time from publishing a 1,500-word article to its audio being ready, with `run_worker` running.
3. The worker's peak memory (VmHWM) after narrating a 10,000-word article.
"""

from __future__ import annotations

import os
import re
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
WORK = Path(tempfile.mkdtemp(prefix="masthead-bench-narration-"))
ENV = {
    **os.environ,
    "DJANGO_SETTINGS_MODULE": "config.settings",
    "DEBUG": "1",
    "DATABASE_URL": f"sqlite:///{WORK / 'bench.sqlite3'}",
    "MEDIA_ROOT": str(WORK / "media"),
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


def article_body(words: int) -> list[tuple[str, str]]:
    body: list[tuple[str, str]] = []
    count = index = 0
    while count < words:
        if len(body) % 6 == 5:
            body.append(("heading", f"Part {len(body) // 6 + 1} of the story"))
        paragraph = " ".join(SENTENCES[(index + n) % len(SENTENCES)] for n in range(4))
        index += 4
        count += len(paragraph.split())
        body.append(("paragraph", f"<p>{paragraph}</p>"))
    return body


def main() -> int:
    import django

    django.setup()
    from django.core.management import call_command

    print(f"Preparing a throwaway newsroom in {WORK} …", flush=True)
    call_command("migrate", verbosity=0, interactive=False)
    from tests.support.newsroom import build_newsroom

    newsroom = build_newsroom()
    rtf = measure_real_time_factor(newsroom)
    worker = measure_worker(newsroom)
    write_section(rtf, worker)
    return 0


def measure_real_time_factor(newsroom, runs: int = 3) -> dict[str, float]:
    from django.conf import settings
    from django.db import transaction

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


def measure_worker(newsroom) -> dict[str, float]:
    worker = subprocess.Popen(
        [sys.executable, "manage.py", "run_worker", "--no-clock", "--interval", "0.2", "-v", "0"],
        cwd=ROOT,
        env=ENV,
    )
    try:
        time.sleep(3)  # the worker process starts Django before it polls
        print("  publishing a 1,500-word article with the worker running", flush=True)
        ready_1500, audio_1500 = _publish_and_wait(newsroom, "Bench story of fifteen hundred words", 1500, 300)
        hwm_1500 = _vm_hwm_mb(worker.pid)
        print("  publishing a 10,000-word article with the worker running", flush=True)
        ready_10000, audio_10000 = _publish_and_wait(newsroom, "Bench story of ten thousand words", 10_000, 1800)
        hwm_10000 = _vm_hwm_mb(worker.pid)
    finally:
        worker.terminate()
        worker.wait(timeout=30)
    return {
        "ready_1500": ready_1500,
        "audio_1500": audio_1500,
        "hwm_1500": hwm_1500,
        "ready_10000": ready_10000,
        "audio_10000": audio_10000,
        "hwm_10000": hwm_10000,
    }


def write_section(rtf: dict[str, float], worker: dict[str, float]) -> None:
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
            "Whole pipeline (prepare + synthesise + encode + store), real-time factor "
            f"({rtf['audio_seconds']:.0f} s of audio with pauses)",
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

Peak memory barely grows between the two articles because speech is synthesised sentence by
sentence and streamed through the encoder into a temporary file.
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
