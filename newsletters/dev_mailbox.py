"""The development mailbox: a loopback SMTP server that keeps every message as a file.

`make run` starts it (scripts/dev.py → `manage.py run_dev_mailbox`), so no email leaves the
machine by default; /dev/mailbox/ lists what arrived. Tests and the benchmark start the same
server on a free port as their SMTP sink.

A message is written to disk *before* the server answers `250`, and under a marker named
after its Message-ID, so `MailboxDirectoryCheck` can tell afterwards whether a message the
worker was handing off when it died was accepted (see CONTEXT.md, "Reconciliation").
"""

from __future__ import annotations

import asyncio
import hashlib
import os
import time
from collections.abc import Iterable
from dataclasses import dataclass
from email import message_from_bytes, policy
from email.message import EmailMessage
from pathlib import Path
from typing import Any

from aiosmtpd.controller import Controller


def _id_key(message_id: str) -> str:
    return hashlib.sha256(message_id.strip().encode()).hexdigest()[:32]


class MailboxHandler:
    """aiosmtpd handler: store, then accept. `delay` slows each message (crash tests)."""

    def __init__(self, directory: Path | str, *, delay: float = 0.0, store: bool = True) -> None:
        self.directory = Path(directory)
        self.delay = delay
        self.store = store
        # Addresses to refuse with a permanent 550, as a real relay does for unknown users.
        self.refuse: set[str] = set()
        (self.directory / "by-id").mkdir(parents=True, exist_ok=True)
        self.received = 0

    async def handle_RCPT(self, server: Any, session: Any, envelope: Any, address: str, options: list[str]) -> str:
        if address in self.refuse:
            return "550 5.1.1 No such mailbox here"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:
        if self.delay:
            # Half before storing, half after: a client killed in either half exercises both
            # outcomes of an in-doubt hand-off (not accepted / accepted but never confirmed).
            await asyncio.sleep(self.delay / 2)
        if self.store:
            # No await from here to the return: cancellation (client gone) cannot split it.
            self._write(envelope.content, envelope.rcpt_tos)
        self.received += 1
        if self.delay:
            await asyncio.sleep(self.delay / 2)
        return "250 Message accepted for delivery"

    def _write(self, content: bytes, rcpt_tos: list[str]) -> None:
        head = content.split(b"\r\n\r\n", 1)[0].split(b"\n\n", 1)[0]
        message_id = ""
        for line in head.splitlines():
            if line.lower().startswith(b"message-id:"):
                message_id = line.split(b":", 1)[1].strip().decode(errors="replace")
                break
        key = _id_key(message_id) if message_id else hashlib.sha256(content).hexdigest()[:32]
        name = f"{time.time_ns()}-{key}"
        envelope_line = ("X-Mailbox-Rcpt: " + ", ".join(rcpt_tos) + "\r\n").encode()
        tmp = self.directory / f".{name}.tmp"
        tmp.write_bytes(envelope_line + content)
        os.replace(tmp, self.directory / f"{name}.eml")
        with open(self.directory / "by-id" / key, "a") as marker:
            marker.write(name + "\n")


from lib.ports import free_port  # noqa: E402


def start_mailbox(directory: Path | str, *, port: int = 0, delay: float = 0.0, store: bool = True) -> Controller:
    """Start the mailbox server in a thread; returns the running aiosmtpd Controller."""
    handler = MailboxHandler(directory, delay=delay, store=store)
    controller = Controller(
        handler, hostname="127.0.0.1", port=port or free_port(), data_size_limit=20_000_000, decode_data=False
    )
    controller.start()
    return controller


class MailboxDirectoryCheck:
    """Answers "did the relay accept this Message-ID?" by looking in a mailbox directory."""

    def __init__(self, directory: Path | str) -> None:
        self.directory = Path(directory)

    def accepted(self, message_ids: Iterable[str]) -> set[str]:
        return {mid for mid in message_ids if (self.directory / "by-id" / _id_key(mid)).exists()}


@dataclass
class StoredMessage:
    name: str
    received_at: float
    message: EmailMessage

    @property
    def subject(self) -> str:
        return str(self.message.get("Subject", ""))

    @property
    def to(self) -> str:
        return str(self.message.get("To", ""))

    @property
    def sender(self) -> str:
        return str(self.message.get("From", ""))

    def body(self, subtype: str) -> str:
        part = self.message.get_body(preferencelist=(subtype,))
        return part.get_content() if part is not None else ""  # type: ignore[union-attr]


def read_message(directory: Path | str, name: str) -> StoredMessage | None:
    path = Path(directory) / f"{name}.eml"
    if "/" in name or not path.is_file():
        return None
    parsed = message_from_bytes(path.read_bytes(), policy=policy.default)
    received_ns = int(name.split("-", 1)[0]) if name.split("-", 1)[0].isdigit() else 0
    return StoredMessage(name=name, received_at=received_ns / 1e9, message=parsed)  # type: ignore[arg-type]


def list_messages(directory: Path | str, *, limit: int | None = None) -> list[StoredMessage]:
    """Newest first."""
    folder = Path(directory)
    if not folder.is_dir():
        return []
    names = sorted((p.stem for p in folder.glob("*.eml")), reverse=True)
    if limit is not None:
        names = names[:limit]
    return [m for m in (read_message(folder, n) for n in names) if m is not None]
