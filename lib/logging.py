"""Structured logs: one JSON object per line, so a log shipper needs no parsing rules."""

from __future__ import annotations

import json
import logging
from datetime import UTC, datetime

_STANDARD = set(vars(logging.LogRecord("", 0, "", 0, "", (), None))) | {"message", "asctime"}


class JsonFormatter(logging.Formatter):
    def format(self, record: logging.LogRecord) -> str:
        entry: dict[str, object] = {
            "time": datetime.fromtimestamp(record.created, UTC).isoformat(timespec="milliseconds"),
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
        }
        # Anything passed through `extra=` becomes a field of its own.
        for key, value in vars(record).items():
            if key not in _STANDARD and not key.startswith("_"):
                entry[key] = value if isinstance(value, (str, int, float, bool, type(None))) else str(value)
        if record.exc_info:
            entry["exception"] = self.formatException(record.exc_info)
        return json.dumps(entry, ensure_ascii=False)


class ConsoleFormatter(logging.Formatter):
    """Short lines for a developer's terminal (DEBUG): "21:04:05 GET /war/ 200 12 ms".

    The fields passed through `extra=` follow the message as key=value, so nothing the JSON
    line would carry is lost; tracebacks are printed as Python prints them.
    """

    def format(self, record: logging.LogRecord) -> str:
        clock = datetime.fromtimestamp(record.created).strftime("%H:%M:%S")
        extra = {key: value for key, value in vars(record).items() if key not in _STANDARD and not key.startswith("_")}
        if record.name == "masthead.request" and {"method", "path", "status"} <= extra.keys():
            line = f"{clock} {extra['method']} {extra['path']} {extra['status']} {extra.get('duration_ms', '?')} ms"
        else:
            level = "" if record.levelno == logging.INFO else f"{record.levelname} "
            fields = " ".join(f"{key}={value}" for key, value in extra.items())
            line = f"{clock} {level}{record.name}: {record.getMessage()}" + (f" ({fields})" if fields else "")
        if record.exc_info:
            line += "\n" + self.formatException(record.exc_info)
        return line


def log_formatter(name: str) -> dict[str, str]:
    """The LOGGING formatter for LOG_FORMAT: "json" (production default) or "console"."""
    formatters = {"json": "lib.logging.JsonFormatter", "console": "lib.logging.ConsoleFormatter"}
    if name not in formatters:
        from lib.env import ConfigurationError

        raise ConfigurationError(f"LOG_FORMAT={name!r} is unknown. Use json or console.")
    return {"()": formatters[name]}
