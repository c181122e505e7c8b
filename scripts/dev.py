"""Start everything `make run` needs and stop it all on Ctrl-C.

The web server and the task workers always run. The development mailbox runs only when mail
goes to it (DEV_MAILBOX; by default when EMAIL_HOST is unset), localstripe only when no real
Stripe is configured. Their ports follow PORT (PORT 8000 → mailbox 1025, localstripe 8420;
PORT 9000 → 2025, 9420), or are free ones when those are taken, so two checkouts can run side
by side. `plan()` makes every one of these decisions; `python scripts/dev.py --plan` prints them.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from lib.env import ConfigurationError, env_bool, env_int  # noqa: E402
from lib.ports import free_port, port_is_free  # noqa: E402

PY = sys.executable
# The ports of PORT's default (8000) and how far the helpers sit from it.
MAILBOX_OFFSET = 1025 - 8000
LOCALSTRIPE_OFFSET = 8420 - 8000


def helper_port(web_port: int, offset: int, *, is_free: Callable[[int], bool] = port_is_free) -> int:
    """web_port + offset when that is a usable, free port; otherwise any free port."""
    candidate = web_port + offset
    if 1024 <= candidate <= 65535 and candidate != web_port and is_free(candidate):
        return candidate
    return free_port()


@dataclass
class Plan:
    """What `make run` starts, on which ports, and the environment every process shares."""

    site_url: str
    env: dict[str, str]
    processes: dict[str, list[str]] = field(default_factory=dict)
    mailbox_port: int | None = None
    localstripe_port: int | None = None

    def describe(self) -> str:
        mail = (
            f"development mailbox on 127.0.0.1:{self.mailbox_port} ({self.site_url}/dev/mailbox/; "
            "nothing leaves this machine)"
            if self.mailbox_port
            else f"to {self.env.get('EMAIL_HOST', '?')}:{self.env.get('EMAIL_PORT', '25')} (EMAIL_HOST)"
        )
        stripe = (
            f"localstripe on 127.0.0.1:{self.localstripe_port}"
            if self.localstripe_port
            else "Stripe at " + (self.env.get("STRIPE_API_BASE") or "api.stripe.com")
        )
        return f"  Emails: {mail}\n  Payments: {stripe}\n"


def plan(environ: Mapping[str, str], *, is_free: Callable[[int], bool] = port_is_free) -> Plan:
    """Decide what to start from the environment `make run` was given; starts nothing."""
    host = environ.get("HOST") or "127.0.0.1"
    port = env_int("PORT", 8000, minimum=1, environ=environ)
    # Links must open in a browser: a server listening on every interface is reached on loopback.
    link_host = "127.0.0.1" if host in {"0.0.0.0", "::", "[::]"} else host
    site_url = (environ.get("SITE_URL") or f"http://{link_host}:{port}").rstrip("/")
    env = {**environ, "PYTHONUNBUFFERED": "1", "SITE_URL": site_url}
    processes: dict[str, list[str]] = {
        "web": [PY, "manage.py", "runserver", f"{host}:{port}", "--noreload"],
        # Two workers: narration takes minutes per story on two cores, and must never hold up the
        # emails (sign-in codes, confirmations) and publishing that the other worker runs.
        "worker": [PY, "manage.py", "run_worker", "--queues", "*", "--exclude-queues", "narration", "-v", "0"],
        "narrator": [PY, "manage.py", "run_worker", "--queues", "narration", "--no-clock", "-v", "0"],
    }
    result = Plan(site_url=site_url, env=env, processes=processes)

    # The mailbox only when mail goes to it: with EMAIL_HOST set, mail goes to that server, and
    # a mailbox bound to its port would fail and take `make run` down with it.
    if env_bool("DEV_MAILBOX", default=not environ.get("EMAIL_HOST"), environ=environ):
        mailbox_port = env_int("DEV_MAILBOX_PORT", 0, minimum=0, environ=environ) or helper_port(
            port, MAILBOX_OFFSET, is_free=is_free
        )
        env.update(EMAIL_HOST="127.0.0.1", EMAIL_PORT=str(mailbox_port))
        processes["mailbox"] = [PY, "manage.py", "run_dev_mailbox", "--port", str(mailbox_port)]
        result.mailbox_port = mailbox_port

    # localstripe only when no real Stripe (or another stand-in) is configured; the settings
    # use it with DEBUG on and no STRIPE_SECRET_KEY (config/settings.py).
    debug = env_bool("DEBUG", default=False, environ=environ)
    if debug and not environ.get("STRIPE_SECRET_KEY") and not environ.get("STRIPE_API_BASE"):
        stripe_port = env_int("LOCALSTRIPE_PORT", 0, minimum=0, environ=environ) or helper_port(
            port, LOCALSTRIPE_OFFSET, is_free=is_free
        )
        env["STRIPE_API_BASE"] = f"http://127.0.0.1:{stripe_port}"
        # Stripe's local stand-in: registers our webhook, then creates the plans (idempotent).
        processes["localstripe"] = [
            PY,
            "-m",
            "payments.localstripe_server",
            "--port",
            str(stripe_port),
            "--state",
            "var/localstripe.pickle",
            "--webhook-url",
            f"http://{link_host}:{port}/payments/stripe/webhook/",
            "--webhook-secret",
            environ.get("STRIPE_WEBHOOK_SECRET", "whsec_localstripe_dev"),
            "--then",
            f"{PY} manage.py stripe_sync_plans --wait 30",
        ]
        result.localstripe_port = stripe_port
    return result


def _stop(signum: int, _frame: object) -> None:
    raise KeyboardInterrupt


def main(argv: list[str]) -> int:
    try:
        chosen = plan(os.environ)
    except ConfigurationError as exc:
        print(exc, file=sys.stderr)
        return 2
    if "--site-url" in argv:  # for `make run`'s steps before this script (load_demo)
        print(chosen.site_url)
        return 0
    if "--plan" in argv:
        print(f"SITE_URL={chosen.site_url}\nprocesses={','.join(chosen.processes)}\n{chosen.describe()}", end="")
        return 0
    # Ctrl-C and a plain `kill` both stop everything, even when started from a script that
    # ignores SIGINT (as background jobs of non-interactive shells do).
    signal.signal(signal.SIGINT, _stop)
    signal.signal(signal.SIGTERM, _stop)
    children: dict[str, subprocess.Popen[bytes]] = {}
    try:
        for name, command in chosen.processes.items():
            # The narrator in a session of its own, so that it can lower the priority of its
            # whole scheduling group below the web server's (audio/priority.py); this script
            # still stops it, as it stops the rest.
            own_session = name == "narrator"
            children[name] = subprocess.Popen(command, cwd=ROOT, env=chosen.env, start_new_session=own_session)
        time.sleep(1.5)
        url = f"{chosen.site_url}/"
        print(
            f"\n  Masthead is running at {url}\n"
            f"  CMS: {url}cms/  (sign in as admin / masthead-admin, editor / masthead-editor,"
            " or reporter / masthead-reporter)\n"
            f"{chosen.describe()}"
            f"  Started: {', '.join(children)}. Press Ctrl-C to stop everything.\n",
            flush=True,
        )
        while True:
            for name, child in children.items():
                code = child.poll()
                if code is not None:
                    print(f"{name} stopped with exit code {code}; stopping the rest.", file=sys.stderr)
                    return code or 1
            time.sleep(0.5)
    except KeyboardInterrupt:
        print("\nStopping…", flush=True)
        return 0
    finally:
        for child in children.values():
            if child.poll() is None:
                child.send_signal(signal.SIGTERM)
        deadline = time.monotonic() + 10
        for child in children.values():
            try:
                child.wait(timeout=max(0.1, deadline - time.monotonic()))
            except subprocess.TimeoutExpired:
                child.kill()


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
