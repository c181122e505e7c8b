"""What `make run` starts (scripts/dev.py): the mailbox only when mail goes to it, ports from PORT."""

from __future__ import annotations

import importlib.util
import os
import subprocess
import sys
from pathlib import Path

from newsletters.dev_mailbox import free_port, start_mailbox

ROOT = Path(__file__).resolve().parents[2]
_spec = importlib.util.spec_from_file_location("masthead_dev", ROOT / "scripts" / "dev.py")
assert _spec is not None and _spec.loader is not None
dev = importlib.util.module_from_spec(_spec)
sys.modules["masthead_dev"] = dev  # dataclasses look their module up while the class is made
_spec.loader.exec_module(dev)


def _always_free(port: int) -> bool:
    return True


def test_without_email_host_mail_goes_to_the_dev_mailbox_on_a_port_derived_from_port():
    chosen = dev.plan({"DEBUG": "1", "PORT": "9000"}, is_free=_always_free)
    assert chosen.processes["mailbox"][-2:] == ["--port", "2025"]
    assert (chosen.env["EMAIL_HOST"], chosen.env["EMAIL_PORT"]) == ("127.0.0.1", "2025")
    assert chosen.mailbox_port == 2025


def test_with_email_host_set_the_mailbox_does_not_start_and_the_email_settings_are_kept():
    chosen = dev.plan({"DEBUG": "1", "EMAIL_HOST": "127.0.0.1", "EMAIL_PORT": "2525"}, is_free=_always_free)
    assert "mailbox" not in chosen.processes
    assert (chosen.env["EMAIL_HOST"], chosen.env["EMAIL_PORT"]) == ("127.0.0.1", "2525")
    assert "127.0.0.1:2525" in chosen.describe()


def test_dev_mailbox_is_its_own_setting():
    forced = dev.plan({"DEBUG": "1", "EMAIL_HOST": "smtp.example", "DEV_MAILBOX": "1"}, is_free=_always_free)
    assert forced.processes["mailbox"][-2:] == ["--port", "1025"]
    assert forced.env["EMAIL_HOST"] == "127.0.0.1"
    off = dev.plan({"DEBUG": "1", "DEV_MAILBOX": "0"}, is_free=_always_free)
    assert "mailbox" not in off.processes


def test_localstripe_port_follows_port_and_the_site_talks_to_it():
    chosen = dev.plan({"DEBUG": "1", "PORT": "9000"}, is_free=_always_free)
    command = chosen.processes["localstripe"]
    assert command[command.index("--port") + 1] == "9420"
    assert chosen.env["STRIPE_API_BASE"] == "http://127.0.0.1:9420"
    assert command[command.index("--webhook-url") + 1] == "http://127.0.0.1:9000/payments/stripe/webhook/"


def test_a_taken_helper_port_is_replaced_by_a_free_one():
    chosen = dev.plan({"DEBUG": "1"}, is_free=lambda port: port not in {1025, 8420})
    assert chosen.mailbox_port not in {None, 1025}
    assert chosen.localstripe_port not in {None, 8420}
    assert chosen.env["EMAIL_PORT"] == str(chosen.mailbox_port)


def test_real_stripe_gets_no_localstripe():
    chosen = dev.plan({"DEBUG": "1", "STRIPE_SECRET_KEY": "sk_test_x"}, is_free=_always_free)
    assert "localstripe" not in chosen.processes
    assert "STRIPE_API_BASE" not in chosen.env


def test_site_url_is_derived_from_host_and_port_unless_set():
    assert dev.plan({"PORT": "9000"}, is_free=_always_free).env["SITE_URL"] == "http://127.0.0.1:9000"
    assert dev.plan({"HOST": "0.0.0.0", "PORT": "9000"}, is_free=_always_free).site_url == "http://127.0.0.1:9000"
    given = dev.plan({"PORT": "9000", "SITE_URL": "https://news.example/"}, is_free=_always_free)
    assert given.env["SITE_URL"] == "https://news.example"


def test_the_plan_printed_beside_a_listening_smtp_server_leaves_its_port_alone(tmp_path):
    """End to end: a real SMTP server on EMAIL_PORT; `dev.py --plan` starts no mailbox there."""
    server = start_mailbox(tmp_path, port=free_port())
    try:
        env = {k: v for k, v in os.environ.items() if k not in {"DEV_MAILBOX", "SITE_URL", "STRIPE_SECRET_KEY"}}
        env.update(DEBUG="1", PORT=str(free_port()), EMAIL_HOST="127.0.0.1", EMAIL_PORT=str(server.port))
        result = subprocess.run(
            [sys.executable, "scripts/dev.py", "--plan"],
            cwd=ROOT,
            env=env,
            capture_output=True,
            text=True,
            timeout=60,
            check=True,
        )
    finally:
        server.stop()
    processes = next(line for line in result.stdout.splitlines() if line.startswith("processes="))
    assert processes == "processes=web,worker,narrator,localstripe"
    assert f"Emails: to 127.0.0.1:{server.port}" in result.stdout
