"""A one-line progress bar for long management commands (backup, restore, imports).

On a terminal it redraws one line; in a log (not a TTY) it prints a line every tenth of the
way, so a cron job's output stays short but still shows where a long run stopped.
"""

from __future__ import annotations

from typing import TextIO

WIDTH = 30


class ProgressBar:
    def __init__(self, stream: TextIO, *, label: str) -> None:
        self.stream = stream
        self.label = label
        self.tty = bool(getattr(stream, "isatty", lambda: False)())
        self._last_tenth = -1

    def __call__(self, done: int, total: int, what: str) -> None:
        total = max(total, 1)
        fraction = min(done / total, 1.0)
        if self.tty:
            filled = int(WIDTH * fraction)
            bar = "#" * filled + "-" * (WIDTH - filled)
            self.stream.write(f"\r{self.label} [{bar}] {fraction:4.0%} {what[:40]:<40}")
            self.stream.flush()
            return
        tenth = int(fraction * 10)
        if tenth != self._last_tenth:
            self._last_tenth = tenth
            self.stream.write(f"{self.label}: {fraction:.0%} ({done} of {total}: {what})\n")

    def finish(self) -> None:
        if self.tty:
            self.stream.write("\n")
