"""The clock that enqueues the project's periodic tasks, once per tick across every worker.

django-tasks-db has no scheduler of its own, so each worker (`manage.py run_worker`) runs this
clock. Every worker's clock wakes every PERIODIC_CLOCK_SECONDS; a task due every N seconds has
one *tick* per N seconds of wall-clock time (`int(time.time() // N)`). The clock that first
inserts the row `PeriodicTick(task, tick)` (a unique constraint, so insert-or-skip works the
same on SQLite and PostgreSQL) enqueues the task in the same transaction; every other clock
gets an IntegrityError and skips it. So two or twenty workers enqueue each tick exactly once,
and a worker that dies between insert and enqueue rolls both back for the next clock to take.
The workers' clocks must agree to within a tick (NTP, or one machine). Old tick rows are
deleted by `lib.tasks.prune_task_results`.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Mapping

from django.db import IntegrityError, close_old_connections, transaction
from django.utils.module_loading import import_string

logger = logging.getLogger("masthead.periodic")


def tick_of(every_seconds: int, now: float) -> int:
    return int(now // every_seconds)


def claim_and_enqueue(path: str, tick: int) -> bool:
    """Enqueue `path` for `tick` unless another clock already did; True when this one did."""
    from lib.models import PeriodicTick

    try:
        with transaction.atomic():
            PeriodicTick.objects.create(task=path, tick=tick)
            import_string(path).enqueue()
    except IntegrityError:
        return False
    return True


def enqueue_due(schedule: Mapping[str, int], last_tick: dict[str, int], now: float) -> list[str]:
    """Enqueue every task whose tick at `now` (seconds since the epoch) no clock has claimed yet.

    `last_tick` remembers the tick this clock last handled per task, so it asks the database
    once per tick, not on every wake-up. Returns the dotted paths this clock enqueued.
    """
    enqueued = []
    for path, every_seconds in schedule.items():
        tick = tick_of(every_seconds, now)
        if last_tick.get(path) == tick:
            continue
        claimed = claim_and_enqueue(path, tick)
        last_tick[path] = tick
        if claimed:
            enqueued.append(path)
            logger.info("periodic task enqueued", extra={"task": path, "tick": tick})
        else:
            logger.info("periodic tick taken by another clock", extra={"task": path, "tick": tick})
    return enqueued


class Clock(threading.Thread):
    def __init__(self, schedule: Mapping[str, int], *, tick_seconds: float = 5.0) -> None:
        super().__init__(name="periodic-clock", daemon=True)
        self.schedule = dict(schedule)
        self.tick_seconds = tick_seconds
        self.stopped = threading.Event()
        self.last_tick: dict[str, int] = {}

    def run(self) -> None:
        while not self.stopped.is_set():
            try:
                enqueue_due(self.schedule, self.last_tick, time.time())
            except Exception:
                # A broken clock must not kill the worker; it tries again on the next tick.
                logger.exception("could not enqueue periodic tasks")
            finally:
                close_old_connections()
            self.stopped.wait(self.tick_seconds)
