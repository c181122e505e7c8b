"""A member can take their data with them and delete their account; billing stops first."""

from __future__ import annotations

import json

import pytest

from members.models import Member, MemberEvent, Membership, Payment, SignInToken, email_hash
from members.signin import token_issue
from payments.testing import stripe_object

pytestmark = pytest.mark.django_db


def test_the_export_holds_the_members_data(client, paying_member):
    response = client.get("/membership/account/export/")
    assert response["Content-Disposition"].startswith("attachment")
    data = json.loads(response.content)
    assert data["member"]["email"] == "maja@example.com"
    assert data["member"]["card"] == {"brand": "visa", "last4": "4242"}
    assert data["memberships"][0]["plan"] == "Member" and data["memberships"][0]["status"] == "active"
    assert data["payments"][0]["amount"] == 500 and data["payments"][0]["status"] == "succeeded"
    assert data["history"]


def test_the_export_needs_a_signed_in_member(client, db):
    assert client.get("/membership/account/export/").status_code == 302


def test_deleting_the_account_cancels_billing_removes_data_and_ends_every_session(client, paying_member):
    membership = paying_member.memberships.get()
    subscription_id, customer_id = membership.stripe_subscription_id, paying_member.stripe_customer_id
    other_device = client.__class__()
    other_device.post(
        f"/membership/sign-in/{token_issue(member=paying_member).token}/", headers={"Origin": "http://testserver"}
    )
    assert other_device.get("/membership/account/").status_code == 200

    assert client.post("/membership/account/delete/", {"confirm_email": "wrong@example.com"}).status_code == 400
    response = client.post("/membership/account/delete/", {"confirm_email": "maja@example.com"})
    assert response.status_code == 200 and b"Your account is deleted" in response.content

    assert stripe_object("Subscription", subscription_id)["status"] == "canceled"
    with pytest.raises(Exception, match=r"Not Found|No such"):
        stripe_object("Customer", customer_id)
    assert not Member.objects.exists() and not Membership.objects.exists()
    assert not MemberEvent.objects.exists() and not SignInToken.objects.exists()
    kept = Payment.objects.get()
    assert kept.member is None and kept.email_hash == email_hash("maja@example.com") and kept.amount == 500
    assert "maja" not in json.dumps(list(Payment.objects.values()), default=str)
    assert client.get("/membership/account/").status_code == 302
    assert other_device.get("/membership/account/").status_code == 302
