"""The narration worker yields the CPU to the web server.

Piper keeps every core busy for as long as a story takes to read. On a small host the web
workers share those cores, and a reader's page must not wait for a narration: the process that
narrates lowers its own scheduling priority (a higher nice value) before its first story, so
the kernel gives the web workers the CPU whenever they want it and narration the rest.

A process cannot raise its priority back without root, so this is done only in the process
that runs the narration queue (`run_worker --queues narration`, as `make run`, the cluster and
docs/deployment.md start it); a worker that also runs other queues would slow those as well.

Three things together make room for the web, each measured (docs/benchmarks.md, narration):
- the nice value ranks the narrating thread below the others of its scheduling group;
- the idle scheduling class (SCHED_IDLE): a nice value alone lets a running narration finish
  its time slice before a web worker that just woke gets the core; an idle-class thread gives
  it up at once;
- the group. With Linux's autogroups (on in most distributions' kernels) every session is a
  scheduling group, and groups share the CPU equally whatever the nice values inside them: a
  narration worker in a session of its own would take half the machine from a web server in
  another at any nice value. A worker that leads its session (`make run` and the benchmark
  start it so; a service manager does) gives its group the same nice value. Under systemd or in
  a container the groups are cgroups, which a process cannot lower itself:
  docs/deployment.md gives the unit's setting.

Under a web load that takes every core for minutes, narration waits for it: that is the
intended order, and a story's audio comes when the rush is over.
"""

from __future__ import annotations

import logging
import os
import re
from pathlib import Path

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
    if target:
        take_idle_class()
        lower_own_autogroup(target)
    return current


def take_idle_class() -> bool:
    """Move the narrating thread, and the threads it starts later to compute sentences, to Linux's
    idle scheduling class. A nice value alone lets a running narration finish its time slice
    before a web worker that just woke gets the core, a few milliseconds a request; an idle-class
    thread is preempted at once. Returns whether the thread is in that class now."""
    idle = getattr(os, "SCHED_IDLE", None)
    if idle is None:  # not Linux: the nice value is all there is
        return False
    if os.sched_getscheduler(0) == idle:
        return True
    try:
        os.sched_setscheduler(0, idle, os.sched_param(0))
    except OSError:
        logger.warning("narration could not take the idle scheduling class")
        return False
    return True


AUTOGROUP = Path("/proc/self/autogroup")


def lower_own_autogroup(target: int) -> int | None:
    """Give this process's autogroup the nice value `target` when the group is this process's own
    (it leads its session); return the group's nice value, or None where there is no such group."""
    if os.getsid(0) != os.getpid():
        return None  # the group is the session's, shared with others (the web server, a shell)
    try:
        text = AUTOGROUP.read_text()
    except OSError:  # not Linux, or a kernel without autogroups: nice values rank everything
        return None
    match = re.search(r"nice (-?\d+)", text)
    if match is None:  # empty for the first session's processes: they are in the root group
        return None
    current = int(match[1])
    if current >= target:
        return current
    try:
        AUTOGROUP.write_text(str(target))
    except OSError:
        logger.warning("narration could not lower its session's CPU priority to nice %s", target)
        return current
    logger.info("narration's session runs at nice %s so web workers in other sessions come first", target)
    return target
