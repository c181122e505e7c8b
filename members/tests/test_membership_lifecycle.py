"""A membership through its life against localstripe: cancel, resume, change plan, renewals,
a failing card, lapse and refunds. Events localstripe never sends are delivered signed and
shaped like Stripe's (built from the real objects in localstripe)."""

from __future__ import annotations

import copy
import time
from datetime import timedelta

import pytest
from django.core import mail

from lib.money import format_money
from members import billing
from members.models import Member, Membership, Payment
from members.tests.conftest import join
from payments.testing import deliver, make_event, stripe_call, stripe_object

pytestmark = pytest.mark.django_db


def _membership(member: Member) -> Membership:
    return member.memberships.get()


def _next_period_invoice(membership: Membership, *, status: str, invoice_id: str) -> dict:
    """The first invoice from localstripe, moved one period on, as Stripe sends a renewal."""
    first = stripe_object("Invoice", membership.payments.get().stripe_invoice_id)
    invoice = copy.deepcopy(first)
    start = int(membership.paid_through.timestamp())
    end = start + 31 * 86400
    invoice.update(id=invoice_id, billing_reason="subscription_cycle", status=status, created=int(time.time()))
    invoice["amount_paid"] = invoice["amount_due"] if status == "paid" else 0
    invoice["payment_intent"], invoice["charge"] = f"pi_for_{invoice_id}", f"ch_for_{invoice_id}"
    invoice["period_start"], invoice["period_end"] = start - 31 * 86400, start  # Stripe: the previous period
    for line in invoice["lines"]["data"]:
        line["period"] = {"start": start, "end": end}
    return invoice


def test_cancel_keeps_access_to_the_period_end_and_resume_renews_again(client, paying_member):
    response = client.post("/membership/account/cancel/")
    assert response.status_code == 302
    membership = _membership(paying_member)
    assert membership.cancel_at_period_end and membership.has_access
    assert stripe_object("Subscription", membership.stripe_subscription_id)["cancel_at_period_end"] is True
    page = client.get("/membership/account/").content.decode()
    assert "Active, ends" in page and "Resume membership" in page

    client.post("/membership/account/resume/")
    membership.refresh_from_db()
    assert not membership.cancel_at_period_end
    assert stripe_object("Subscription", membership.stripe_subscription_id)["cancel_at_period_end"] is False
    assert "Next payment" in client.get("/membership/account/").content.decode()


def _invoices(membership: Membership) -> dict[str, int]:
    found = stripe_call("Invoice.list", subscription=membership.stripe_subscription_id, limit=100)
    return {invoice["id"]: invoice["amount_due"] for invoice in found["data"]}


def test_a_plan_change_shows_the_amount_and_charges_nothing_until_confirmed(client, paying_member):
    membership = _membership(paying_member)
    invoices_before = _invoices(membership)
    response = client.post("/membership/account/plan/", {"plan": "member", "interval": "year"})
    page = response.content.decode()
    assert response.status_code == 200
    # localstripe prorates as the new price less what was paid ($50 a year less this month's $5).
    difference = membership.plan.yearly_amount - membership.amount
    expected = format_money(difference, membership.currency)
    assert f"your card is charged <strong>{expected}</strong> now" in page
    assert f"Confirm and pay {expected}" in page and 'name="confirm" value="yes"' in page
    membership.refresh_from_db()
    assert membership.interval == "month" and _invoices(membership) == invoices_before
    assert stripe_object("Subscription", membership.stripe_subscription_id)["plan"]["interval"] == "month"

    client.post("/membership/account/plan/", {"plan": "member", "interval": "year", "confirm": "yes"})
    membership.refresh_from_db()
    assert membership.interval == "year"
    new = {key: amount for key, amount in _invoices(membership).items() if key not in invoices_before}
    assert list(new.values()) == [difference]  # what the page said is what was charged


def test_changing_plan_moves_the_subscription_to_the_new_price(client, paying_member):
    client.post("/membership/account/plan/", {"plan": "sustainer", "interval": "month", "confirm": "yes"})
    membership = _membership(paying_member)
    assert membership.plan.slug == "sustainer" and membership.amount == 1500
    subscription = stripe_object("Subscription", membership.stripe_subscription_id)
    assert subscription["plan"]["amount"] == 1500


def test_a_renewal_extends_the_paid_period(client, paying_member, django_capture_on_commit_callbacks):
    membership = _membership(paying_member)
    before = membership.paid_through
    renewal = _next_period_invoice(membership, status="paid", invoice_id="in_test_renewal_1")
    with django_capture_on_commit_callbacks(execute=True):
        assert deliver(client, make_event("invoice.payment_succeeded", renewal)).status_code == 200
    membership.refresh_from_db()
    assert membership.paid_through - before > timedelta(days=30)
    assert membership.status == Membership.Status.ACTIVE
    assert membership.payments.filter(status=Payment.Status.SUCCEEDED).count() == 2
    assert any("Receipt" in m.subject for m in mail.outbox)


def _fail_renewal(client, member: Member) -> tuple[Membership, str, int]:  # (membership, invoice id, time)
    """The member's card now fails every charge (4000 0000 0000 0341); a renewal is attempted in
    localstripe and Stripe's events about it are delivered. Returns the open invoice's id."""
    membership = _membership(member)
    customer = member.stripe_customer_id
    card = stripe_call(
        "PaymentMethod.create",
        type="card",
        card={"number": "4000000000000341", "exp_month": 12, "exp_year": 2034, "cvc": "123"},
    )
    stripe_call("PaymentMethod.attach", card["id"], customer=customer)
    stripe_call("Customer.modify", customer, invoice_settings={"default_payment_method": card["id"]})
    attempt = stripe_call("Invoice.create", customer=customer, subscription=membership.stripe_subscription_id)
    stripe_call("Invoice.pay", attempt["id"])
    attempted = stripe_object("Invoice", attempt["id"], expand=["payment_intent"])
    assert attempted["status"] == "open"
    assert attempted["payment_intent"]["last_payment_error"]["code"] == "card_declined"
    failed = _next_period_invoice(membership, status="open", invoice_id=attempt["id"])
    failed["payment_intent"] = attempted["payment_intent"]
    subscription = stripe_object("Subscription", membership.stripe_subscription_id)
    subscription["status"] = "past_due"
    now = int(time.time())
    deliver(client, make_event("invoice.payment_failed", failed, created=now))
    deliver(client, make_event("customer.subscription.updated", subscription, created=now))
    membership.refresh_from_db()
    return membership, attempt["id"], now


def test_a_past_due_member_who_updates_their_card_pays_the_renewal_at_once(client, paying_member, localstripe):
    membership, invoice_id, _ = _fail_renewal(client, paying_member)
    assert membership.status == Membership.Status.PAST_DUE
    started = client.post("/membership/account/card/").json()
    localstripe.confirm_card_setup(started["client_secret"], "5555555555554444")
    step = client.post(
        "/membership/join/pay/",
        data=f'{{"checkout": "{started["checkout"]}"}}',
        content_type="application/json",
        headers={"Origin": "http://testserver"},
    ).json()
    assert step["status"] == "succeeded"
    assert stripe_object("Invoice", invoice_id)["status"] == "paid"
    membership.refresh_from_db()
    paying_member.refresh_from_db()
    assert membership.status == Membership.Status.ACTIVE and paying_member.card_last4 == "4444"
    assert paying_member.events.filter(kind="card_updated").exists()


def test_a_failing_renewal_card_makes_the_member_past_due_and_then_the_membership_lapses(
    client, paying_member, django_capture_on_commit_callbacks
):
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        membership, _, _ = _fail_renewal(client, paying_member)
    assert membership.status == Membership.Status.PAST_DUE
    assert membership.access_until == membership.paid_through + billing.PAST_DUE_GRACE
    assert [m.subject for m in mail.outbox if "did not go through" in m.subject]
    assert "/membership/account/#card" in mail.outbox[-1].body
    assert "Payment failed: update your card" in client.get("/membership/account/").content.decode()

    # Stripe gives up after its retries and cancels the subscription.
    stripe_call("Subscription.delete", membership.stripe_subscription_id)
    ended = stripe_object("Subscription", membership.stripe_subscription_id)
    assert ended["status"] == "canceled"
    deliver(client, make_event("customer.subscription.deleted", ended))
    membership.refresh_from_db()
    paying_member.refresh_from_db()
    assert membership.status == Membership.Status.ENDED and not membership.has_access
    assert not paying_member.is_supporter


def test_past_due_access_ends_after_the_grace_period():
    paid_through = billing.derive(
        stripe_status="past_due",
        stripe_ended_at=None,
        paid_periods=[],
        failed_periods=[],
        stripe_state_at=None,
    )
    assert paid_through.access_until is None
    from datetime import UTC, datetime

    end = datetime(2026, 1, 1, tzinfo=UTC)
    derived = billing.derive(
        stripe_status="active",
        stripe_ended_at=None,
        paid_periods=[end],
        failed_periods=[end + timedelta(days=30)],
        stripe_state_at=None,
    )
    assert derived.status == "past_due" and derived.access_until == end + timedelta(days=7)


def test_a_refund_is_recorded_on_the_payment(client, stripe_settings, localstripe, newsroom):
    step = join(client, localstripe, email="ref@example.com", choice="donation_once", amount="40")
    assert step["status"] == "succeeded"
    payment = Payment.objects.get(member__email="ref@example.com")
    stripe_call("Refund.create", payment_intent=payment.stripe_payment_intent_id)
    charge = stripe_object("Charge", payment.stripe_charge_id)
    assert charge["amount_refunded"] == 4000
    charge["refunded"] = True
    assert deliver(client, make_event("charge.refunded", charge)).status_code == 200
    payment.refresh_from_db()
    assert payment.amount_refunded == 4000 and payment.is_refunded
    assert "Refunded" in client.get("/membership/account/").content.decode()
    assert payment.member.events.filter(kind="refund").exists()


def test_a_dispute_is_recorded(client, paying_member):
    payment = paying_member.payments.get()
    dispute = {
        "id": "dp_test_1",
        "object": "dispute",
        "charge": payment.stripe_charge_id,
        "amount": payment.amount,
        "reason": "fraudulent",
        "status": "needs_response",
        "payment_intent": payment.stripe_payment_intent_id,
    }
    deliver(client, make_event("charge.dispute.created", dispute))
    payment.refresh_from_db()
    assert payment.disputed
