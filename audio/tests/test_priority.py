"""The narrating process yields the CPU to web workers (issue: narration while the site is busy)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def _nice_after_narration_task(nice_setting: str) -> list[int]:
    # A child process: a nice value cannot be lowered again, and the test process must keep its own.
    code = (
        "import os, django; django.setup();"
        "from audio.priority import yield_cpu_to_web;"
        "before = os.nice(0); yield_cpu_to_web(); once = os.nice(0); yield_cpu_to_web();"
        "print('NICE', before, once, os.nice(0))"
    )
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "config.settings", "DEBUG": "1", "NARRATION_NICE": nice_setting}
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True, check=True)
    line = next(line for line in out.stdout.splitlines() if line.startswith("NICE "))  # logs share stdout
    return [int(value) for value in line.split()[1:]]


def test_the_narrating_process_runs_at_the_configured_nice_value_and_stays_there():
    before, once, twice = _nice_after_narration_task("10")
    assert once == max(before, 10)
    assert twice == once  # a second story does not push it further down


def test_nice_zero_leaves_the_priority_alone():
    before, once, _ = _nice_after_narration_task("0")
    assert once == before


def test_the_narration_task_yields_before_it_narrates(monkeypatch):
    from audio import tasks

    calls: list[str] = []
    monkeypatch.setattr(tasks, "yield_cpu_to_web", lambda: calls.append("yield") or 10)
    monkeypatch.setattr(tasks.services, "narrate_article", lambda **kwargs: calls.append("narrate") or _Outcome())
    assert tasks.narrate_article_task.call(article_id=1) == "skipped"
    assert calls == ["yield", "narrate"]


class _Outcome:
    outcome = "skipped"
