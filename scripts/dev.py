"""Start everything `make run` needs and stop it all on Ctrl-C.

The web server and the task worker always run; other apps add their local stand-ins
(the development mailbox, localstripe) to DEV_PROCESSES below.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PY = sys.executable
HOST = os.environ.get("HOST", "127.0.0.1")
PORT = os.environ.get("PORT", "8000")

# name → command. Order matters only for what starts first.
DEV_PROCESSES: dict[str, list[str]] = {
    "web": [PY, "manage.py", "runserver", f"{HOST}:{PORT}", "--noreload"],
    # Two workers: narration takes minutes per story on two cores, and must never hold up the
    # emails (sign-in codes, confirmations) and publishing that the other worker runs.
    "worker": [PY, "manage.py", "run_worker", "--queues", "*", "--exclude-queues", "narration", "-v", "0"],
    "narrator": [PY, "manage.py", "run_worker", "--queues", "narration", "--no-clock", "-v", "0"],
    "mailbox": [PY, "manage.py", "run_dev_mailbox"],
    # Stripe's local stand-in: registers our webhook, then creates the plans (idempotent).
    "localstripe": [
        PY,
        "-m",
        "payments.localstripe_server",
        "--port",
        "8420",
        "--state",
        "var/localstripe.pickle",
        "--webhook-url",
        f"http://{HOST}:{PORT}/payments/stripe/webhook/",
        "--webhook-secret",
        os.environ.get("STRIPE_WEBHOOK_SECRET", "whsec_localstripe_dev"),
        "--then",
        f"{PY} manage.py stripe_sync_plans --wait 30",
    ],
}


def _stop(signum: int, _frame: object) -> None:
    raise KeyboardInterrupt


def main() -> int:
    # Ctrl-C and a plain `kill` both stop everything, even when started from a script that
    # ignores SIGINT (as background jobs of non-interactive shells do).
    signal.signal(signal.SIGINT, _stop)
    signal.signal(signal.SIGTERM, _stop)
    children: dict[str, subprocess.Popen[bytes]] = {}
    env = {**os.environ, "PYTHONUNBUFFERED": "1"}
    try:
        for name, command in DEV_PROCESSES.items():
            children[name] = subprocess.Popen(command, cwd=ROOT, env=env)
        time.sleep(1.5)
        url = f"http://{HOST}:{PORT}/"
        print(
            f"\n  Masthead is running at {url}\n"
            f"  CMS: {url}cms/  (sign in as admin / masthead-admin, editor / masthead-editor,"
            " or reporter / masthead-reporter)\n"
            f"  Emails: {url}dev/mailbox/ (nothing leaves this machine)\n"
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
    sys.exit(main())
