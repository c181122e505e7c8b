"""Migration 0006 carries every gift's checkout data to a members Checkout row: nothing lost."""

from __future__ import annotations

import hashlib
import uuid
from datetime import UTC, date, datetime

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

pytestmark = pytest.mark.django_db(transaction=True)

BEFORE = [("campaigns", "0005_merge_20261201_2320"), ("members", "0007_gift_checkout_and_drive_indexes")]
AFTER = [("campaigns", "0007_gift_checkout_fields_go")]


def _migrate(targets):
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets)
    return executor.loader.project_state(targets).apps


def test_existing_gifts_keep_their_token_keys_payment_and_attribution():
    old = _migrate(BEFORE)
    try:
        Member = old.get_model("members", "Member")
        Plan = old.get_model("members", "Plan")
        Payment = old.get_model("members", "Payment")
        Gift = old.get_model("campaigns", "GiftMembership")
        buyer = Member.objects.create(email="petra@example.com", name="Petra Holm")
        plan = Plan.objects.create(name="Gift plan", slug="gift-plan", monthly_amount=800, yearly_amount=8000)
        payment = Payment.objects.create(member=buyer, purpose="gift", amount=2400, currency="usd", status="succeeded")
        key = uuid.uuid4()
        paid_at = datetime(2026, 11, 30, 12, tzinfo=UTC)
        gift = Gift.objects.create(
            code="ACDE-FGHJ-KMNP",
            token="the-buyers-token",
            status="paid",
            plan=plan,
            months=3,
            amount=2400,
            currency="usd",
            buyer=buyer,
            buyer_email="petra@example.com",
            recipient_name="Jonas Vik",
            deliver_on=date(2026, 12, 24),
            paid_at=paid_at,
            source="banner",
            campaign_id=7,
            idempotency_key=key,
            setup_intent_id="seti_123",
            payment=payment,
        )
        new = _migrate(AFTER)
        migrated = new.get_model("campaigns", "GiftMembership").objects.get(pk=gift.pk)
        checkout = new.get_model("members", "Checkout").objects.get(pk=migrated.checkout_id)
        assert checkout.kind == "gift"
        assert checkout.token_hash == hashlib.sha256(b"the-buyers-token").hexdigest()
        assert checkout.idempotency_key == key
        assert (checkout.setup_intent_id, checkout.payment_id, checkout.member_id) == ("seti_123", payment.pk, buyer.pk)
        assert (checkout.amount, checkout.currency, checkout.plan_id) == (2400, "usd", plan.pk)
        assert (checkout.source, checkout.campaign_id) == ("banner", 7)
        assert checkout.completed_at == paid_at  # a repeated "pay" answers "succeeded", charges nothing
    finally:
        _migrate(AFTER)
