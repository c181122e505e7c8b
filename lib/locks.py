"""Named leases in the database, so work that must not overlap runs in one process at a time.

`lease(name, seconds=)` is a context manager yielding True when this process got the lease and
False when another holds an unexpired one. Taking it is one conditional UPDATE (or INSERT the
first time), atomic on SQLite and PostgreSQL alike, and no transaction stays open while the
guarded work runs (on SQLite a long open write transaction would block every other writer).
A holder that dies leaves the lease to expire after `seconds`.
"""

from __future__ import annotations

import secrets
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import timedelta

from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone

from lib.models import TaskLock


def acquire(name: str, *, seconds: int, holder: str) -> bool:
    """Take the lease `name` for `seconds` if nobody holds it; True when taken."""
    now = timezone.now()
    until = now + timedelta(seconds=seconds)
    taken = (
        TaskLock.objects.filter(name=name)
        .filter(Q(held_until__isnull=True) | Q(held_until__lte=now))
        .update(holder=holder, held_until=until)
    )
    if taken:
        return True
    try:
        with transaction.atomic():
            TaskLock.objects.create(name=name, holder=holder, held_until=until)
    except IntegrityError:
        return False  # the row exists and its lease is held by someone else
    return True


def release(name: str, *, holder: str) -> None:
    TaskLock.objects.filter(name=name, holder=holder).update(holder="", held_until=None)


@contextmanager
def lease(name: str, *, seconds: int) -> Iterator[bool]:
    holder = secrets.token_hex(16)
    got = acquire(name, seconds=seconds, holder=holder)
    try:
        yield got
    finally:
        if got:
            release(name, holder=holder)
