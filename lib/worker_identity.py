"""Who holds a claimed row, and whether that worker is gone.

Work a worker claims in the database (a narration, a newsletter batch, a member import) records
the claimant as `host:pid:token` (`worker_id()`) and a time the claimant renews while it works
(a heartbeat). Another worker takes the work over only when `is_gone()` says the claimant has
stopped: its heartbeat is older than the lease (the only sign from another host), or it ran on
this host in a process that no longer exists (then nobody need wait for the lease). The token
tells a new process that happens to get a dead one's pid (containers restart with small pids)
from the old one.
"""

from __future__ import annotations

import os
import socket
from datetime import datetime, timedelta

HOST = socket.gethostname()[:40]
_TOKEN = os.urandom(4).hex()


def worker_id() -> str:
    """This process's identity on the rows it claims: host, pid and a per-process token."""
    return f"{HOST}:{os.getpid()}:{_TOKEN}"


def is_gone(claimed_by: str, renewed_at: datetime | None, now: datetime, *, lease: timedelta) -> bool:
    """Whether the worker that wrote `claimed_by` (anything starting `host:pid:token`, extra
    `:parts` are ignored) has stopped, given when it last renewed its claim."""
    if renewed_at is None or now - renewed_at > lease:
        return True
    host, pid, token = [*claimed_by.split(":"), "", "", ""][:3]
    if host != HOST or not pid.isdigit():
        return False  # another host: only its heartbeat can tell
    if int(pid) == os.getpid():
        # This very process (another thread's claim) unless the token is an earlier process's.
        return bool(token) and token != _TOKEN
    try:
        os.kill(int(pid), 0)
    except ProcessLookupError:
        return True
    except PermissionError:
        return False  # a live process of another user
    return False
