"""Kept copies: values stored under a key that names their page-cache generation, read through
a small copy in this process.

Whatever is stored under `fragment:<generation>:…`, `slot:…`, `chrome:…`, `route:…`,
`everyone:…` (feeds) or a generation's private and alias paths never changes: anything it
shows changing bumps the generation (newsroom/page_cache.py), and the next read asks for a
different key. So a process may keep
what it read from the shared cache and skip the round trip (a file read and unpickling, or a
Redis call) for the next reader. Correct across processes because the generation itself is
still read from the shared cache on every request; only values it names are kept here.

Each copy is kept as pickled bytes and unpickled for every reader, so no two requests share a
mutable object (a page, a list of sections). A copy lives at most KEPT_LOCAL_SECONDS after it
was read or stored, so it may outlast the shared entry's timeout (PAGE_CACHE_TIMEOUT, which also
bounds how old a relative time such as "Yesterday" may get) by that much, a minute by default;
at most KEPT_LOCAL_ENTRIES are kept, least recently used first out. Pieces are a few to a
hundred kilobytes (a fragment, the chrome, a feed), so a process holds tens of megabytes at most
with the defaults.
"""

from __future__ import annotations

import pickle
import threading
import time
from collections import OrderedDict
from typing import Any

from django.conf import settings
from django.core.cache import cache

_copies: OrderedDict[str, tuple[float, bytes]] = OrderedDict()
_lock = threading.Lock()


def _limits() -> tuple[float, int]:
    return (
        float(getattr(settings, "KEPT_LOCAL_SECONDS", 60)),
        int(getattr(settings, "KEPT_LOCAL_ENTRIES", 512)),
    )


def get(key: str) -> Any:
    """The value stored under `key` (which must name its generation), or None."""
    seconds, entries = _limits()
    now = time.monotonic()
    if entries > 0:
        with _lock:
            copy = _copies.get(key)
            if copy is not None:
                if copy[0] > now:
                    _copies.move_to_end(key)
                    return pickle.loads(copy[1])  # noqa: S301 - bytes this process pickled itself
                del _copies[key]
    value = cache.get(key)
    if value is not None and entries > 0:
        _keep(key, value, now + seconds)
    return value


def set(key: str, value: Any, *, timeout: int | None = None) -> None:
    """Store `value` in the shared cache for `timeout` (PAGE_CACHE_TIMEOUT) and keep a copy here."""
    timeout = int(timeout if timeout is not None else getattr(settings, "PAGE_CACHE_TIMEOUT", 300))
    cache.set(key, value, timeout=timeout)
    seconds, entries = _limits()
    if entries > 0:
        _keep(key, value, time.monotonic() + min(seconds, timeout))


def _keep(key: str, value: Any, until: float) -> None:
    data = pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL)
    _, entries = _limits()
    with _lock:
        _copies[key] = (until, data)
        _copies.move_to_end(key)
        while len(_copies) > entries:
            _copies.popitem(last=False)


def forget_all() -> None:
    """Drop every copy this process keeps (tests that clear the shared cache call this too)."""
    with _lock:
        _copies.clear()
