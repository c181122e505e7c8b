"""Fixtures for campaigns: drives made in code and a clean reader-count buffer."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.core.cache import cache
from django.utils import timezone

from campaigns import reader_counts
from campaigns.models import Campaign


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
