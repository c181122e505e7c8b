"""The narrating process yields the CPU to web workers (issue: narration while the site is busy)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from lib.tests.processes import run_python

# Scheduling classes and autogroups are Linux's; the suite runs on Linux (CI and `make test`).
pytestmark = pytest.mark.skipif(not Path("/proc/self/autogroup").exists(), reason="needs Linux autogroups")


def _after_narration_task(nice_setting: str, *, own_session: bool = False) -> dict[str, int | None]:
    # A child process: a nice value cannot be lowered again, and the test process must keep its own.
    code = (
        "import os, re\n"
        "from audio.priority import yield_cpu_to_web\n"
        # The file is empty for a process of the first session (a service started by init, as
        # CI's runner is): that session's group is the root one, with no nice value of its own.
        "group = lambda: (m := re.search(r'nice (-?\\d+)', open('/proc/self/autogroup').read())) and int(m[1])\n"
        "before, group_before = os.nice(0), group(); yield_cpu_to_web(); once = os.nice(0); yield_cpu_to_web()\n"
        "print('NICE', before, once, os.nice(0), os.sched_getscheduler(0), group_before, group())\n"
    )
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "config.settings", "DEBUG": "1", "NARRATION_NICE": nice_setting}
    out = run_python(code, env, own_session=own_session)
    line = next(line for line in out.stdout.splitlines() if line.startswith("NICE "))  # logs share stdout
    keys = ("before", "once", "twice", "policy", "group_before", "group")
    values = (None if value == "None" else int(value) for value in line.split()[1:])
    return dict(zip(keys, values, strict=True))


def test_the_narrating_process_runs_at_the_configured_nice_value_and_stays_there():
    seen = _after_narration_task("10")
    assert seen["once"] == max(seen["before"], 10)
    assert seen["twice"] == seen["once"]  # a second story does not push it further down


def test_the_narrating_thread_takes_the_idle_class_so_a_waking_web_worker_preempts_it():
    assert _after_narration_task("10")["policy"] == os.SCHED_IDLE


def test_a_narrator_leading_its_own_session_lowers_its_whole_scheduling_group():
    # Groups share the CPU equally whatever the nice values inside them: without this a
    # narrator started as a service takes half the machine from the web server.
    seen = _after_narration_task("10", own_session=True)
    assert seen["group_before"] == 0
    assert seen["group"] == 10


def test_a_narrator_sharing_a_session_leaves_the_group_of_the_others_alone():
    # The group is the session's (a shell, `make serve` beside it): lowering it would slow them.
    seen = _after_narration_task("10", own_session=False)
    assert seen["group"] == seen["group_before"]


def test_nice_zero_leaves_the_priority_alone():
    seen = _after_narration_task("0", own_session=True)
    assert seen["once"] == seen["before"]
    assert seen["policy"] == os.SCHED_OTHER
    assert seen["group"] == seen["group_before"]


def test_the_narration_task_yields_before_it_narrates(monkeypatch):
    from audio import tasks

    calls: list[str] = []
    monkeypatch.setattr(tasks, "yield_cpu_to_web", lambda: calls.append("yield") or 10)
    monkeypatch.setattr(tasks.services, "narrate_article", lambda **kwargs: calls.append("narrate") or _Outcome())
    assert tasks.narrate_article_task.call(article_id=1) == "skipped"
    assert calls == ["yield", "narrate"]


class _Outcome:
    outcome = "skipped"


def test_a_process_of_the_first_session_has_no_group_of_its_own_to_lower(monkeypatch, tmp_path):
    # Processes that init starts without a session of their own (CI's runner is one) read an empty
    # /proc/self/autogroup: they are in the root group, which no nice value written there moves.
    from audio import priority

    empty = tmp_path / "autogroup"
    empty.write_text("")
    monkeypatch.setattr(priority, "AUTOGROUP", empty)
    monkeypatch.setattr(priority.os, "getsid", lambda pid: os.getpid())
    assert priority.lower_own_autogroup(10) is None
    assert empty.read_text() == ""


def test_the_threads_that_compute_sentences_side_by_side_yield_as_well():
    # They are started by the narrating thread after it yielded, and Linux threads inherit it.
    code = (
        "import os, threading\n"
        "from types import SimpleNamespace\n"
        "from audio.priority import yield_cpu_to_web\n"
        "from audio.synthesis import script_pcm\n"
        "from audio.text_preparation import Script, SpokenPart\n"
        "seen = set()\n"
        "class Voice:\n"
        "    config = SimpleNamespace(sample_rate=100)\n"
        "    def synthesize(self, text):\n"
        "        seen.add((threading.get_ident(), os.sched_getscheduler(0), os.nice(0)))\n"
        "        yield SimpleNamespace(audio_int16_bytes=b'x')\n"
        "yield_cpu_to_web()\n"
        "list(script_pcm(Voice(), Script(parts=tuple(SpokenPart('paragraph', str(n)) for n in range(8))), threads=2))\n"
        "main = threading.get_ident()\n"
        "for ident, policy, nice in seen: print('THREAD', int(ident == main), policy, nice)\n"
    )
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "config.settings", "DEBUG": "1", "NARRATION_NICE": "10"}
    out = run_python(code, env)
    rows = [line.split()[1:] for line in out.stdout.splitlines() if line.startswith("THREAD ")]
    assert rows, out.stdout
    assert all(on_main == "0" for on_main, _, _ in rows)  # computed off the narrating thread
    assert {(int(policy), int(nice)) for _, policy, nice in rows} == {(os.SCHED_IDLE, max(os.nice(0), 10))}
