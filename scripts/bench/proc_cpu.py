"""CPU time of a process group from /proc, for the benchmarks that share a machine with their servers."""

from __future__ import annotations

import os
from pathlib import Path

TICK = os.sysconf("SC_CLK_TCK")


def cpu_seconds(group: int, *, reaped: bool = False) -> float:
    """User + system CPU seconds so far of every process in the process group (a server and its
    workers; each started in a session of its own leads a group of that id). With `reaped`, also
    what their ended children used: each reaped child is in its reaper's cutime/cstime, so summing
    the living processes counts it once."""
    total = 0
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            # After the ")" that ends the command name: state, ppid, pgrp, … utime, stime, cutime, cstime.
            fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
        except OSError:  # the process ended between the listing and the read
            continue
        if int(fields[2]) == group:
            total += sum(int(value) for value in fields[11 : 15 if reaped else 13])
    return total / TICK
