"""Fixed-window counters in the cache (Redis in production), shared by every web process."""

from __future__ import annotations

import hashlib

from django.core.cache import cache


def _key(scope: str, value: str) -> str:
    return "rl:" + scope + ":" + hashlib.sha256(value.encode()).hexdigest()[:32]


def hit(scope: str, value: str, *, limit: int, window_seconds: int) -> bool:
    """Count one attempt; False once more than `limit` were made in the window."""
    key = _key(scope, value)
    if cache.add(key, 1, timeout=window_seconds):
        return True
    try:
        count = cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.add(key, 1, timeout=window_seconds)
        return True
    return count <= limit


def is_limited(scope: str, value: str, *, limit: int) -> bool:
    """True once more than `limit` attempts were counted in the current window. Counts nothing:
    for checking a limit before the work, when only failed attempts are counted afterwards."""
    return int(cache.get(_key(scope, value)) or 0) >= limit


def client_ip(request) -> str:  # type: ignore[no-untyped-def]
    return request.META.get("REMOTE_ADDR", "") or "unknown"
