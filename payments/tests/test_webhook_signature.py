"""The webhook endpoint accepts only events signed with our secret, and each only once."""

from __future__ import annotations

import json
import time

import pytest

from members.models import Member, Membership
from payments.models import StripeEvent
from payments.testing import WEBHOOK_SECRET, deliver, make_event, sign

pytestmark = pytest.mark.django_db

URL = "/payments/stripe/webhook/"


@pytest.fixture
def membership(settings):
    settings.STRIPE_WEBHOOK_SECRET = WEBHOOK_SECRET
    member = Member.objects.create(email="sig@example.com")
    return Membership.objects.create(
        member=member, stripe_subscription_id="sub_sig", stripe_status="active", stripe_state_at=1
    )


def _canceled() -> dict:
    return {
        "id": "sub_sig",
        "object": "subscription",
        "status": "canceled",
        "ended_at": int(time.time()),
        "metadata": {},
    }


def _unchanged(membership: Membership) -> bool:
    membership.refresh_from_db()
    return membership.stripe_status == "active" and not StripeEvent.objects.exists()


def test_a_missing_signature_is_refused_and_changes_nothing(client, membership):
    payload = json.dumps(make_event("customer.subscription.deleted", _canceled()))
    response = client.post(URL, data=payload, content_type="application/json")
    assert response.status_code == 400
    assert _unchanged(membership)


def test_a_signature_made_with_another_secret_is_refused(client, membership):
    response = deliver(client, make_event("customer.subscription.deleted", _canceled()), secret="whsec_attacker")
    assert response.status_code == 400
    assert _unchanged(membership)


def test_a_tampered_body_is_refused(client, membership):
    payload = json.dumps(make_event("customer.subscription.updated", {**_canceled(), "status": "active"})).encode()
    header = sign(payload)
    tampered = payload.replace(b'"active"', b'"canceled"')
    response = client.post(URL, data=tampered, content_type="application/json", headers={"Stripe-Signature": header})
    assert response.status_code == 400
    assert _unchanged(membership)


def test_an_old_signature_is_refused(client, membership):
    payload = json.dumps(make_event("customer.subscription.deleted", _canceled())).encode()
    header = sign(payload, timestamp=int(time.time()) - 301)
    response = client.post(URL, data=payload, content_type="application/json", headers={"Stripe-Signature": header})
    assert response.status_code == 400
    assert _unchanged(membership)


def test_garbage_is_refused_without_an_error_page(client, membership):
    payload = b"not json at all"
    response = client.post(
        URL, data=payload, content_type="application/json", headers={"Stripe-Signature": sign(payload)}
    )
    assert response.status_code == 400
    assert client.get(URL).status_code == 405


def test_a_signed_event_is_applied_once_however_often_it_arrives(client, membership):
    event = make_event("customer.subscription.deleted", _canceled(), created=int(time.time()))
    assert deliver(client, event).content == b"ok"
    assert deliver(client, event).content == b"already processed"
    membership.refresh_from_db()
    assert membership.status == Membership.Status.ENDED
    assert StripeEvent.objects.filter(event_id=event["id"]).count() == 1


def test_events_about_objects_that_are_not_ours_are_acknowledged_and_ignored(client, membership):
    other = {**_canceled(), "id": "sub_someone_else"}
    assert deliver(client, make_event("customer.subscription.deleted", other)).status_code == 200
    assert (
        deliver(client, make_event("payment_intent.succeeded", {"id": "pi_x", "status": "succeeded"})).status_code
        == 200
    )
    assert deliver(client, make_event("customer.created", {"id": "cus_x"})).status_code == 200
    membership.refresh_from_db()
    assert membership.stripe_status == "active"
