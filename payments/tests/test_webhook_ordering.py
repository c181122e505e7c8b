"""Webhooks arrive at least once and in any order. Whatever the order and however many
duplicates, a membership ends in the same state as when the events arrive in order."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from members.models import Member, Membership, Payment
from payments.models import StripeEvent
from payments.testing import WEBHOOK_SECRET, deliver, make_event

DAY = 86400
T0 = 1_790_000_000  # all Stripe timestamps in this story are fixed, so runs compare exactly


def _subscription(status: str, *, cancel: bool = False, ended_at: int | None = None) -> dict:
    return {
        "id": "sub_story",
        "object": "subscription",
        "status": status,
        "customer": "cus_story",
        "cancel_at_period_end": cancel,
        "current_period_end": T0 + 30 * DAY,
        "ended_at": ended_at,
        "metadata": {},
        "plan": {"id": "masthead-member-month-500usd", "amount": 500, "currency": "usd", "interval": "month"},
    }


def _invoice(number: int, status: str, *, failed_code: str = "") -> dict:
    start = T0 + (number - 1) * 30 * DAY
    invoice = {
        "id": f"in_story_{number}",
        "object": "invoice",
        "status": status,
        "subscription": "sub_story",
        "customer": "cus_story",
        "amount_due": 500,
        "amount_paid": 500 if status == "paid" else 0,
        "currency": "usd",
        "billing_reason": "subscription_create" if number == 1 else "subscription_cycle",
        "payment_intent": {
            "id": f"pi_story_{number}",
            "status": "succeeded" if status == "paid" else "requires_payment_method",
            "amount": 500,
            "currency": "usd",
            "last_payment_error": {"code": failed_code} if failed_code else None,
        },
        "charge": f"ch_story_{number}",
        "lines": {"data": [{"period": {"start": start, "end": start + 30 * DAY}}]},
    }
    return invoice


def _story() -> list[dict]:
    """Join, cancel and resume, a renewal fails then succeeds on retry, another renewal,
    a partial refund. Event ids are fixed so duplicates are true duplicates."""
    events = [
        ("customer.subscription.created", _subscription("active"), 0),
        ("invoice.payment_succeeded", _invoice(1, "paid"), 0),
        ("customer.subscription.updated", _subscription("active", cancel=True), 5),
        ("customer.subscription.updated", _subscription("active", cancel=False), 6),
        ("invoice.payment_failed", _invoice(2, "open", failed_code="card_declined"), 30 * DAY),
        ("customer.subscription.updated", _subscription("past_due"), 30 * DAY),
        ("invoice.paid", _invoice(2, "paid"), 31 * DAY),
        ("customer.subscription.updated", _subscription("active"), 31 * DAY + 1),
        ("invoice.payment_succeeded", _invoice(3, "paid"), 60 * DAY),
        (
            "charge.refunded",
            {
                "id": "ch_story_3",
                "object": "charge",
                "amount": 500,
                "amount_refunded": 200,
                "payment_intent": "pi_story_3",
                "refunded": False,
            },
            61 * DAY,
        ),
    ]
    return [
        make_event(kind, obj, created=T0 + offset, event_id=f"evt_story_{n}")
        for n, (kind, obj, offset) in enumerate(events)
    ]


def _reset() -> Membership:
    StripeEvent.objects.all().delete()
    Payment.objects.all().delete()
    Member.objects.all().delete()
    member = Member.objects.create(email="story@example.com", stripe_customer_id="cus_story")
    return Membership.objects.create(member=member, stripe_subscription_id="sub_story", amount=500)


def _state(membership: Membership) -> tuple:
    membership.refresh_from_db()
    payments = sorted(membership.payments.values_list("stripe_invoice_id", "status", "amount_refunded", "period_end"))
    return (
        membership.status,
        membership.stripe_status,
        membership.cancel_at_period_end,
        membership.paid_through,
        membership.access_until,
        tuple(payments),
    )


def _play(client, events: list[dict]) -> tuple:
    membership = _reset()
    for event in events:
        assert deliver(client, event).status_code == 200
    return _state(membership)


@pytest.mark.django_db
def test_the_story_in_order_ends_active_and_paid_through_the_third_period(client, settings):
    settings.STRIPE_WEBHOOK_SECRET = WEBHOOK_SECRET
    status, stripe_status, cancel, paid_through, _, payments = _play(client, _story())
    assert (status, stripe_status, cancel) == ("active", "active", False)
    assert paid_through == datetime.fromtimestamp(T0 + 90 * DAY, UTC)
    assert [p[1] for p in payments] == ["succeeded", "succeeded", "succeeded"]
    assert payments[2][2] == 200


@pytest.mark.django_db
@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow]
)
@given(data=st.data())
def test_any_order_with_duplicates_ends_in_the_same_state(client, settings, data):
    settings.STRIPE_WEBHOOK_SECRET = WEBHOOK_SECRET
    story = _story()
    expected = _play(client, story)
    duplicates = data.draw(st.lists(st.sampled_from(story), max_size=6), label="duplicates")
    shuffled = data.draw(st.permutations(story + duplicates), label="arrival order")
    assert _play(client, shuffled) == expected
