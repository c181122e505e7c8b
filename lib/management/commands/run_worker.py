"""Run the background worker for every queue, with the clock that enqueues periodic tasks."""

from __future__ import annotations

import logging
from typing import Any

from django.conf import settings
from django.core.management import BaseCommand, call_command
from django.utils.module_loading import import_string

from lib.periodic import Clock

logger = logging.getLogger(__name__)


def warm_ups(queues: str) -> list[str]:
    """The WORKER_WARM_UPS of the queues this worker was started for by name: only a worker meant
    for a queue pays for its warm-up (a worker for every queue, "*", loads on first use)."""
    named = {name.strip() for name in queues.split(",")}
    return [path for queue, path in getattr(settings, "WORKER_WARM_UPS", {}).items() if queue in named]


class Command(BaseCommand):
    help = "Run the task worker (all queues) and the clock for periodic tasks such as scheduled publishing."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("--interval", type=float, default=1.0, help="Seconds between polls when idle.")
        parser.add_argument("--no-clock", action="store_true", help="Do not enqueue periodic tasks.")
        parser.add_argument(
            "--queues",
            default="*",
            help="Comma-separated queues to process (default: all). Run one worker for 'narration' and "
            "another for 'default,email' so a long narration never delays an email.",
        )
        parser.add_argument("--exclude-queues", default="", help="With --queues='*': queues to leave alone.")

    def handle(
        self, *args: Any, interval: float, no_clock: bool, queues: str, exclude_queues: str, **options: Any
    ) -> None:
        # Work a stopped worker left half done is handed to whoever starts next (e.g. narrations
        # still marked running by a killed worker): each task in WORKER_STARTUP_TASKS is enqueued once.
        for path in getattr(settings, "WORKER_STARTUP_TASKS", ()):
            import_string(path).enqueue()
        if not no_clock:
            Clock(
                getattr(settings, "PERIODIC_TASKS", {}), tick_seconds=getattr(settings, "PERIODIC_CLOCK_SECONDS", 5.0)
            ).start()
            self.stdout.write("Clock started for: " + ", ".join(getattr(settings, "PERIODIC_TASKS", {})))
        # After the clock has started: a warm-up may lower this thread's priority (narration's
        # does), which threads started later would inherit.
        for path in warm_ups(queues):
            try:
                import_string(path)()
            except Exception:  # only a head start: the first task meets the same error and reports it
                logger.warning("Warm-up %s failed; the worker starts without it.", path, exc_info=True)
        call_command(
            "db_worker",
            queue_name=queues,
            exclude_queues=exclude_queues,
            interval=interval,
            reload=False,
            verbosity=options["verbosity"],
        )
