"""The development mailbox: catch every email on 127.0.0.1:1025 and keep it under var/mailbox/."""

from __future__ import annotations

import signal
import threading
from typing import Any

from django.conf import settings
from django.core.management import BaseCommand

from newsletters.dev_mailbox import start_mailbox


class Command(BaseCommand):
    help = "Run the development mailbox (SMTP on loopback; read it at /dev/mailbox/ with DEBUG on)."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("--port", type=int, default=settings.EMAIL_PORT)

    def handle(self, *args: Any, port: int, **options: Any) -> None:
        directory = settings.NEWSLETTERS_MAILBOX_DIR
        controller = start_mailbox(directory, port=port)
        self.stdout.write(f"Development mailbox on 127.0.0.1:{port}, storing into {directory}")
        stop = threading.Event()
        signal.signal(signal.SIGTERM, lambda *_: stop.set())
        try:
            while not stop.wait(1):
                pass
        except KeyboardInterrupt:
            pass
        finally:
            controller.stop()
