"""A clock inside the worker that enqueues the project's periodic tasks.

django-tasks-db has no scheduler of its own. Each task in settings.PERIODIC_TASKS is enqueued
every N seconds by the worker process; the tasks themselves are idempotent, so two workers each
running a clock at worst do the same harmless work twice.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Mapping

from django.db import close_old_connections
from django.utils.module_loading import import_string

logger = logging.getLogger("masthead.periodic")


def enqueue_due(schedule: Mapping[str, int], last_run: dict[str, float], now: float) -> list[str]:
    """Enqueue every task whose interval has passed; returns the dotted paths enqueued."""
    enqueued = []
    for path, every_seconds in schedule.items():
        if now - last_run.get(path, float("-inf")) >= every_seconds:
            import_string(path).enqueue()
            last_run[path] = now
            enqueued.append(path)
    return enqueued


class Clock(threading.Thread):
    def __init__(self, schedule: Mapping[str, int], *, tick_seconds: float = 5.0) -> None:
        super().__init__(name="periodic-clock", daemon=True)
        self.schedule = dict(schedule)
        self.tick_seconds = tick_seconds
        self.stopped = threading.Event()
        self.last_run: dict[str, float] = {}

    def run(self) -> None:
        while not self.stopped.is_set():
            try:
                for path in enqueue_due(self.schedule, self.last_run, time.monotonic()):
                    logger.debug("periodic task enqueued", extra={"task": path})
            except Exception:
                # A broken clock must not kill the worker; it tries again on the next tick.
                logger.exception("could not enqueue periodic tasks")
            finally:
                close_old_connections()
            self.stopped.wait(self.tick_seconds)
