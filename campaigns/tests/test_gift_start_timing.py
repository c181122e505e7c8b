"""Starting a gift costs the same Stripe calls whether or not the buyer's address already has a
Stripe customer, so its timing does not tell who is a member (issue 10, item 11)."""

from __future__ import annotations

import pytest
import stripe
from django.utils import timezone

from campaigns.tests.conftest import buy_gift
from members.models import Member
from members.tests.conftest import join, post_json
from members.tests.test_checkout_security import StripeCalls
from payments import client as stripe_client

pytestmark = pytest.mark.django_db


def _order(buyer_email: str) -> dict:
    return {
        "plan": "member",
        "months": "3",
        "buyer_email": buyer_email,
        "buyer_name": "Petra Holm",
        "recipient_name": "Jonas Vik",
        "recipient_email": "jonas@example.com",
        "message": "",
        "delivery": "email",
        "deliver_on": timezone.localdate().isoformat(),
        "source": "direct",
    }


def test_starting_a_gift_costs_the_same_stripe_calls_for_known_and_unknown_buyers(
    client, monkeypatch, stripe_settings, localstripe, newsroom
):
    assert join(client, localstripe, email="known@example.com")["status"] == "succeeded"
    assert Member.objects.get(email="known@example.com").stripe_customer_id  # a customer already
    recorder = StripeCalls(monkeypatch)
    answers = {}
    for email in ("known@example.com", "stranger@example.com"):
        recorder.calls.clear()
        response = post_json(client.__class__(), "/support/gift/start/", _order(email))
        answers[email] = (response.status_code, sorted(response.json()), list(recorder.calls))
    assert answers["known@example.com"] == answers["stranger@example.com"]
    assert answers["known@example.com"][:1] == (200,)
    assert answers["known@example.com"][2] == ["SetupIntent.create"]


def test_a_gift_bought_by_a_member_is_charged_to_their_customer_without_changing_their_card(
    client, stripe_settings, localstripe, newsroom
):
    assert join(client, localstripe, email="payer@example.com")["status"] == "succeeded"
    payer = Member.objects.get(email="payer@example.com")
    stripe_client._configure()
    default_before = stripe.Customer.retrieve(payer.stripe_customer_id)["invoice_settings"]["default_payment_method"]
    client.cookies.clear()
    step = buy_gift(client, localstripe, buyer_email="payer@example.com", card="5555555555554444")
    assert step["status"] == "succeeded", step
    intent = stripe.PaymentIntent.retrieve(step["gift"].payment.stripe_payment_intent_id)
    assert intent["customer"] == payer.stripe_customer_id
    customer = stripe.Customer.retrieve(payer.stripe_customer_id)
    assert customer["invoice_settings"]["default_payment_method"] == default_before


def test_a_gift_from_a_new_address_makes_its_customer_when_paying(client, stripe_settings, localstripe, newsroom):
    step = buy_gift(client, localstripe, buyer_email="first-time@example.com")
    assert step["status"] == "succeeded", step
    buyer = Member.objects.get(email="first-time@example.com")
    assert buyer.stripe_customer_id
