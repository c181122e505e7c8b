"""HTTP byte ranges (RFC 9110 §14) for serving audio: phones seek by asking for a slice of the file.

Django's FileResponse always sends the whole file, so the audio view answers Range itself. Only
one range is honoured; a request for several gets the whole file (a server may ignore Range).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_SINGLE_RANGE = re.compile(r"^\s*bytes\s*=\s*(\d*)\s*-\s*(\d*)\s*$", re.IGNORECASE)
# Larger than any file we serve. Python refuses int() of more than 4,300 digits (ValueError), so a
# position with more than 18 digits is read as this instead: past the end, whatever it says.
_HUGE = 10**18


def _position(digits: str) -> int:
    return int(digits) if len(digits) <= 18 else _HUGE


class UnsatisfiableRange(Exception):
    """The range is well-formed but lies outside the file: answer 416."""


@dataclass(frozen=True)
class ByteRange:
    start: int
    end: int  # inclusive, as in Content-Range

    @property
    def length(self) -> int:
        return self.end - self.start + 1

    def content_range(self, size: int) -> str:
        return f"bytes {self.start}-{self.end}/{size}"


def parse_range(header: str | None, size: int) -> ByteRange | None:
    """The single byte range asked for, or None to send the whole file.

    A header that cannot be parsed, or asks for several ranges, is ignored (whole file), as the
    RFC allows. A range that starts past the end of the file raises UnsatisfiableRange.
    """
    if not header:
        return None
    match = _SINGLE_RANGE.match(header)
    if match is None:
        return None
    first, last = match.groups()
    if not first and not last:
        return None
    if not first:  # "bytes=-500": the last 500 bytes
        suffix = _position(last)
        if suffix == 0 or size == 0:
            raise UnsatisfiableRange
        return ByteRange(max(0, size - suffix), size - 1)
    start = _position(first)
    if last and _position(last) < start:
        return None  # syntactically invalid: ignore it
    if start >= size:
        raise UnsatisfiableRange
    end = _position(last) if last else size - 1
    return ByteRange(start, min(end, size - 1))
