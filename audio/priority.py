"""The narration worker yields the CPU to the web server.

Piper keeps every core busy for as long as a story takes to read. On a small host the web
workers share those cores, and a reader's page must not wait for a narration: the process that
narrates lowers its own scheduling priority (a higher nice value) before its first story, so
the kernel gives the web workers the CPU whenever they want it and narration the rest.

A process cannot raise its priority back without root, so this is done only in the process
that runs the narration queue (`run_worker --queues narration`, as `make run`, the cluster and
docs/deployment.md start it); a worker that also runs other queues would slow those as well.
"""

from __future__ import annotations

import logging
import os

from django.conf import settings

logger = logging.getLogger(__name__)


def yield_cpu_to_web() -> int:
    """Raise this process's nice value to NARRATION_NICE (once; later calls change nothing) and
    return the value it now runs at."""
    target = int(getattr(settings, "NARRATION_NICE", 10))
    current = os.nice(0)
    if current < target:
        try:
            current = os.nice(target - current)
        except OSError:  # a sandbox that forbids it: narrate anyway at the priority we have
            logger.warning("narration could not lower its CPU priority to nice %s", target)
        else:
            logger.info("narration runs at nice %s so web workers come first", current)
    return current
