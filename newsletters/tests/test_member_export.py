"""A member's "download my data" includes their newsletters (MEMBERS_DATA_EXPORTERS)."""

from __future__ import annotations

import json

import pytest

from members import services as member_services
from members.models import Member
from newsletters import services, tokens
from newsletters.models import Subscriber
from newsletters.tests.conftest import signup

pytestmark = pytest.mark.django_db


def test_the_export_lists_the_members_subscriptions_and_consent(client, sink, morning):
    assert signup(client, "export@example.com", [morning]).status_code == 303
    subscriber = Subscriber.objects.get(email="export@example.com")
    services.subscription_confirm(token=tokens.make_confirm_token(subscriber.pk, [morning.pk]))
    member = Member.objects.create(email="export@example.com")

    data = json.loads(json.dumps(member_services.member_export_data(member=member)))

    [subscription] = data["newsletters"]["subscriptions"]
    assert (subscription["newsletter"], subscription["status"]) == (morning.name, "confirmed")
    assert [row["action"] for row in data["newsletters"]["consent"]] == ["requested", "confirmed"]


def test_a_member_without_newsletters_exports_empty_lists(db):
    member = Member.objects.create(email="nobody@example.com")
    data = member_services.member_export_data(member=member)
    assert data["newsletters"] == {"subscriptions": [], "consent": []}
