"""JSON log lines in production, short human lines with DEBUG (LOG_FORMAT overrides either)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from lib.env import ConfigurationError
from lib.logging import log_formatter

ROOT = Path(__file__).resolve().parents[2]
SCRIPT = (
    "import logging; "
    "logging.getLogger('masthead.request').info('request', "
    "extra={'method': 'GET', 'path': '/war/', 'status': 200, 'duration_ms': 12.5}); "
    "logging.getLogger('django.tasks').info('Task id=1 path=x state=SUCCESSFUL')"
)


def _log_output(extra_env: dict[str, str]) -> list[str]:
    unset = {"DJANGO_SETTINGS_MODULE", "DEBUG", "LOG_FORMAT", "SECRET_KEY"}
    env = {k: v for k, v in os.environ.items() if k not in unset}
    env.update({"DJANGO_SETTINGS_MODULE": "config.settings", "SECRET_KEY": "k" * 60, **extra_env})
    result = subprocess.run(
        [sys.executable, "manage.py", "shell", "--no-imports", "-c", SCRIPT],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    )
    return [line for line in result.stdout.splitlines() if line.strip()]


def test_with_debug_a_request_is_one_short_human_line_and_task_chatter_is_quiet():
    lines = _log_output({"DEBUG": "1"})
    assert len(lines) == 1
    assert lines[0].endswith(" GET /war/ 200 12.5 ms")
    assert not lines[0].startswith("{")


def test_without_debug_every_line_is_json():
    lines = _log_output({"DEBUG": "0", "ALLOWED_HOSTS": "news.example"})
    entries = [json.loads(line) for line in lines]
    assert entries[0]["path"] == "/war/" and entries[0]["status"] == 200
    assert entries[1]["logger"] == "django.tasks"


def test_log_format_overrides_debug():
    lines = _log_output({"DEBUG": "1", "LOG_FORMAT": "json"})
    assert json.loads(lines[0])["message"] == "request"


def test_an_unknown_log_format_is_refused_with_what_to_write():
    with pytest.raises(ConfigurationError, match="Use json or console"):
        log_formatter("xml")
