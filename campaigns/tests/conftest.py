"""Fixtures for campaigns: drives made in code and a clean reader-count buffer."""

from __future__ import annotations

from contextlib import contextmanager
from datetime import timedelta

import pytest
from django.core.cache import cache
from django.test import TestCase
from django.utils import timezone

from campaigns import reader_counts
from campaigns.models import Campaign, GiftMembership
from members.selectors import checkout_token_hash
from members.tests.conftest import post_json
from payments.testing import localstripe, stripe_settings  # noqa: F401


def make_drive(**overrides) -> Campaign:
    now = timezone.now()
    fields = {
        "name": "Birthday drive",
        "goal": 1000,
        "starts_at": now - timedelta(days=3),
        "ends_at": now + timedelta(days=10),
        "banner_text": "Five years of reporting from Veldmark, paid for by readers.",
        "goal_text": "Goal: 1,000 new members for our birthday",
        "appeal_heading": "Help us find 1,000 new members",
        "appeal_text": "Most readers never pay. The few who do keep the reporting free for everyone.",
        **overrides,
    }
    return Campaign.objects.create(**fields)


@pytest.fixture(autouse=True)
def _clean_caches():
    cache.clear()
    reader_counts.reset_buffer()
    yield
    cache.clear()
    reader_counts.reset_buffer()


@pytest.fixture
def drive(db) -> Campaign:
    return make_drive()


@contextmanager
def committed():
    """Run what the block leaves for after commit (mails, tasks) as a real commit would."""
    with TestCase.captureOnCommitCallbacks(execute=True):
        yield


def buy_gift(client, stripe_server, *, card: str = "4242424242424242", **fields) -> dict:
    """Do what the gift page's script does; the card goes to localstripe, never to us."""
    body = {
        "plan": "member",
        "months": "3",
        "buyer_email": "buyer@example.com",
        "buyer_name": "Petra Holm",
        "recipient_name": "Jonas Vik",
        "recipient_email": "jonas@example.com",
        "message": "For the long winter evenings.",
        "delivery": "email",
        "deliver_on": timezone.localdate().isoformat(),
        "source": "direct",
    }
    body.update(fields)
    with committed():
        start = post_json(client, "/support/gift/start/", body)
    if start.status_code != 200:
        return {"status": "refused", "message": start.json()["message"], "code": start.status_code}
    started = start.json()
    setup = stripe_server.confirm_card_setup(started["client_secret"], card)
    if setup.get("error"):
        return {"status": "card_error", "message": setup["error"].get("message", "")}
    with committed():
        step = post_json(client, "/support/gift/pay/", {"gift": started["gift"]}).json()
    step["gift"] = GiftMembership.objects.get(checkout__token_hash=checkout_token_hash(started["gift"]))
    return step
