"""Limits on sign-ups, counted in Django's cache (Redis in production), against bombing."""

from __future__ import annotations

from dataclasses import dataclass

from django.core.cache import cache


@dataclass(frozen=True)
class Limit:
    name: str
    count: int
    seconds: int


PER_IP = Limit("ip", 10, 600)  # a household or office may share an address
PER_ADDRESS = Limit("address", 5, 3600)


def hit(limit: Limit, key: str) -> bool:
    """Count one attempt; True while the attempts in the current window are within the limit."""
    cache_key = f"newsletters:rl:{limit.name}:{key}"
    cache.add(cache_key, 0, timeout=limit.seconds)
    try:
        attempts = cache.incr(cache_key)
    except ValueError:  # expired between add and incr
        cache.set(cache_key, 1, timeout=limit.seconds)
        attempts = 1
    return attempts <= limit.count
