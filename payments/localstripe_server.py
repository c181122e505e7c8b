"""Run localstripe for development and tests: `python -m payments.localstripe_server`.

localstripe itself always keeps its state in /tmp/localstripe.pickle, shared by every copy on
the machine; this wrapper keeps it in a file of our choosing (var/localstripe.pickle for
`make run`, a temporary file in tests). It can also register our webhook endpoint as soon as
the server is up (localstripe forgets webhooks on restart) and then run a command, e.g.
`manage.py stripe_sync_plans`, so a fresh machine can take test payments with no Stripe account.
"""

from __future__ import annotations

import argparse
import asyncio
import pickle
import sys
from pathlib import Path
from typing import Any


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--port", type=int, default=8420)
    parser.add_argument("--state", default="var/localstripe.pickle", help="state file (default: %(default)s)")
    parser.add_argument("--from-scratch", action="store_true", help="ignore the state file's contents")
    parser.add_argument("--webhook-url", default="", help="register this endpoint for all events")
    parser.add_argument("--webhook-secret", default="")
    parser.add_argument("--then", default="", help="a command to run once the server answers")
    args = parser.parse_args(argv)

    from localstripe import resources, server, webhooks

    state = Path(args.state)
    state.parent.mkdir(parents=True, exist_ok=True)

    def load(store: Any) -> None:
        try:
            with state.open("rb") as fh:
                old = pickle.load(fh)  # noqa: S301 - our own state file
        except (FileNotFoundError, EOFError, pickle.UnpicklingError):
            return
        store.clear()
        store.update(old)

    def dump(store: Any) -> None:
        tmp = state.with_suffix(".tmp")
        with tmp.open("wb") as fh:
            pickle.dump(store, fh, protocol=pickle.HIGHEST_PROTOCOL)
        tmp.replace(state)

    resources.Store.try_load_from_disk = load  # type: ignore[method-assign]
    resources.Store.dump_to_disk = dump  # type: ignore[method-assign]

    async def on_startup(app: Any) -> None:
        if args.webhook_url and args.webhook_secret:
            webhooks.register_webhook("masthead", args.webhook_url, args.webhook_secret, None)
        if args.then:
            asyncio.get_running_loop().call_later(0.5, lambda: asyncio.ensure_future(_run_then(args.then)))

    server.app.on_startup.append(on_startup)
    sys.argv = [sys.argv[0], "--port", str(args.port)] + (["--from-scratch"] if args.from_scratch else [])
    server.start()


async def _run_then(command: str) -> None:
    process = await asyncio.create_subprocess_shell(command)
    await process.wait()


if __name__ == "__main__":
    main()
