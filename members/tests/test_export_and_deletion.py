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


def test_the_kept_email_hash_is_keyed_with_a_server_secret(settings, db):
    import hashlib

    plain = hashlib.sha256(b"maja@example.com").hexdigest()
    keyed = email_hash("Maja@Example.com ")
    assert keyed != plain and len(keyed) == 64  # a dictionary of addresses cannot match it
    settings.MEMBERS_EMAIL_HASH_KEY = "another-newsroom-key"
    assert email_hash("maja@example.com") != keyed


def test_the_migration_rekeys_hashes_kept_before_the_secret(db):
    import hashlib
    import importlib

    from django.apps import apps

    migration = importlib.import_module("members.migrations.0003_security")
    old = hashlib.sha256(b"gone@example.com").hexdigest()
    payment = Payment.objects.create(purpose=Payment.Purpose.DONATION, amount=500, currency="usd", email_hash=old)
    migration.rekey_email_hashes(apps, None)
    payment.refresh_from_db()
    assert payment.email_hash == email_hash("gone@example.com")


def test_other_apps_hear_member_deleting_before_the_rows_go_and_add_to_the_export(client, paying_member, settings):
    from members.signals import member_deleting

    heard = []

    def listener(sender, member_id, email, **kwargs):
        heard.append((member_id, email, Member.objects.filter(pk=member_id).exists()))

    member_deleting.connect(listener)
    settings.MEMBERS_DATA_EXPORTERS = ["members.tests.test_export_and_deletion.sample_exporter"]
    try:
        data = json.loads(client.get("/membership/account/export/").content)
        assert data["sample"] == {"email": "maja@example.com"} and data["member"]["email"] == "maja@example.com"
        client.post("/membership/account/delete/", {"confirm_email": "maja@example.com"})
    finally:
        member_deleting.disconnect(listener)
    assert heard == [(paying_member.pk, "maja@example.com", True)]


def sample_exporter(member):
    return {"sample": {"email": member.email}}
