"""Fixtures for the newsletters tests: a real SMTP server (the dev mailbox on a free port),
newsletters, confirmed subscribers and an issue."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from django.core.cache import cache
from django.test import override_settings
from django.utils import timezone

from newsletters.dev_mailbox import StoredMessage, list_messages, start_mailbox
from newsletters.models import Issue, Newsletter, Subscriber, Subscription, email_hash

ORIGIN = "http://testserver"


@pytest.fixture(autouse=True)
def _fresh_cache() -> None:
    # Rate-limit counters and the cached newsletter list must not leak between tests.
    cache.clear()


@dataclass
class Sink:
    directory: Path
    port: int
    refuse: set[str]

    def messages(self) -> list[StoredMessage]:
        return list(reversed(list_messages(self.directory)))  # oldest first

    def to(self, address: str) -> list[StoredMessage]:
        return [m for m in self.messages() if address in m.to]

    def links(self, message: StoredMessage, pattern: str) -> list[str]:
        return re.findall(rf"https?://[^\s\"<>]*{pattern}[^\s\"<>]*", message.body("plain"))


@pytest.fixture
def sink(tmp_path: Path) -> Iterator[Sink]:
    """A real SMTP server on loopback; Django's SMTP backend points at it."""
    directory = tmp_path / "mailbox"
    controller = start_mailbox(directory)
    with override_settings(
        EMAIL_BACKEND="django.core.mail.backends.smtp.EmailBackend",
        EMAIL_HOST="127.0.0.1",
        EMAIL_PORT=controller.port,
        NEWSLETTERS_DELIVERY_CHECK_DIR=str(directory),
        NEWSLETTERS_SETTLE_MS=0,
        SITE_URL="http://testserver",
    ):
        yield Sink(directory=directory, port=controller.port, refuse=controller.handler.refuse)
    controller.stop()


@pytest.fixture
def morning(db) -> Newsletter:
    return Newsletter.objects.create(
        name="The Morning Test",
        slug="morning-test",
        description="Five things before breakfast.",
        host="Tess Ander",
        cadence="Weekdays at 7:00",
        sender_name="Tess at the Ledger",
        sender_address="morning@ledger.example",
        reply_to="letters@ledger.example",
        sort_order=0,
    )


@pytest.fixture
def weekly(db) -> Newsletter:
    return Newsletter.objects.create(
        name="Weekly Margins",
        slug="weekly-margins",
        description="Culture, weekly.",
        sender_name="Margins",
        sender_address="margins@ledger.example",
        sort_order=1,
    )


def add_confirmed(newsletter: Newsletter, count: int, *, prefix: str = "reader", at=None) -> list[Subscriber]:
    at = at or timezone.now() - timezone.timedelta(days=1)
    subscribers = Subscriber.objects.bulk_create(
        Subscriber(email=f"{prefix}{n}@example.com", email_hash=email_hash(f"{prefix}{n}@example.com"))
        for n in range(count)
    )
    subscribers = list(Subscriber.objects.filter(email__startswith=prefix).order_by("pk"))
    Subscription.objects.bulk_create(
        Subscription(subscriber=s, newsletter=newsletter, status="confirmed", confirmed_at=at) for s in subscribers
    )
    return subscribers


def make_issue(newsletter: Newsletter, subject: str = "Tuesday's briefing") -> Issue:
    return Issue.objects.create(
        newsletter=newsletter,
        subject=subject,
        preheader="The budget vote, the bridge and the weather.",
        body=[
            ("heading", "The budget"),
            ("paragraph", '<p>The vote is on <a href="https://example.com/x">Thursday</a>.</p>'),
        ],
    )


def signup(client, email: str, newsletters: list[Newsletter], **extra):  # type: ignore[no-untyped-def]
    data = {"email": email, "newsletters": [n.pk for n in newsletters], "form": "footer", "page": "/", **extra}
    return client.post("/newsletters/subscribe/", data, HTTP_ORIGIN=ORIGIN, REMOTE_ADDR=extra.pop("ip", "10.0.0.1"))
