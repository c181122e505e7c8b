"""Joining and donating against a running localstripe, as the join page's script does it."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.core import mail

from members.models import Member, Membership, Payment
from members.tests.conftest import join, post_json

pytestmark = pytest.mark.django_db


def test_a_reader_joins_monthly_and_is_signed_in_with_an_active_membership(
    client, stripe_settings, localstripe, newsroom, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        step = join(client, localstripe, email="ada@example.com")
    assert step["status"] == "succeeded"
    assert step["redirect"] == "/membership/account/?welcome=1"
    member = Member.objects.get(email="ada@example.com")
    membership = member.memberships.get()
    assert membership.status == Membership.Status.ACTIVE and membership.has_access
    assert membership.interval == "month" and membership.amount == 500
    assert timedelta(days=27) < membership.paid_through - membership.started_at < timedelta(days=32)
    assert member.card_last4 == "4242" and member.status == Member.Status.ACTIVE
    payment = Payment.objects.get(member=member)
    assert payment.status == Payment.Status.SUCCEEDED and payment.amount == 500
    assert any("Receipt" in m.subject for m in mail.outbox)
    account = client.get("/membership/account/")
    assert b"Active" in account.content and b"ending 4242" in account.content


def test_a_reader_joins_yearly_as_a_sustainer(client, stripe_settings, localstripe, newsroom):
    step = join(client, localstripe, email="bo@example.com", plan="sustainer", interval="year")
    assert step["status"] == "succeeded"
    membership = Membership.objects.get(member__email="bo@example.com")
    assert membership.plan.slug == "sustainer" and membership.amount == 15000
    assert membership.paid_through - membership.started_at > timedelta(days=360)


def test_a_one_time_donation_is_paid_and_gives_no_membership(client, stripe_settings, localstripe, newsroom):
    step = join(client, localstripe, email="cy@example.com", choice="donation_once", amount="25")
    assert step["status"] == "succeeded"
    payment = Payment.objects.get(member__email="cy@example.com")
    assert payment.purpose == Payment.Purpose.DONATION and payment.amount == 2500 and payment.is_paid
    assert not Membership.objects.filter(member__email="cy@example.com").exists()


def test_a_monthly_donation_becomes_a_recurring_donation(client, stripe_settings, localstripe, newsroom):
    step = join(client, localstripe, email="di@example.com", choice="donation_monthly", amount="12.50")
    assert step["status"] == "succeeded"
    membership = Membership.objects.get(member__email="di@example.com")
    assert membership.kind == Membership.Kind.DONATION and membership.amount == 1250 and membership.has_access
    assert membership.stripe_plan_id.startswith("masthead-donation-month-1250")


def test_donations_outside_the_limits_are_refused_with_a_clear_message(client, stripe_settings, newsroom):
    response = post_json(
        client, "/membership/join/start/", {"email": "e@example.com", "choice": "donation_once", "amount": "100000"}
    )
    assert response.status_code == 400
    assert "Donations can be from $2 to $5,000" in response.json()["message"]
    assert not Member.objects.exists()


def test_a_declined_card_gives_a_clear_error_and_no_membership(client, stripe_settings, localstripe, newsroom):
    step = join(client, localstripe, email="fe@example.com", card="4000000000000002")
    assert step["status"] == "card_error" and "declined" in step["message"]
    # The page's script stops there; if it still asked us to take the payment we refuse too.
    again = post_json(client, "/membership/join/pay/", {"checkout": step["checkout"]})
    assert again.status_code == 402 and "No money was taken" in again.json()["message"]
    assert not Membership.objects.filter(member__email="fe@example.com").exists()
    assert not Payment.objects.filter(status=Payment.Status.SUCCEEDED).exists()


def test_a_card_that_fails_on_charge_leaves_no_membership(client, stripe_settings, localstripe, newsroom):
    step = join(client, localstripe, email="gu@example.com", card="4000000000000341")
    assert step["status"] == "failed" and "declined" in step["message"]
    assert not Membership.objects.filter(member__email="gu@example.com").exists()
    assert not Payment.objects.filter(status=Payment.Status.SUCCEEDED).exists()


def test_a_3d_secure_card_completes_after_the_bank_check(client, stripe_settings, localstripe, newsroom):
    step = join(client, localstripe, email="ha@example.com", card="4000002760003184")
    assert step["status"] == "requires_action" and step["client_secret"]
    assert not Membership.objects.get(member__email="ha@example.com").has_access
    localstripe.authenticate_payment(step["client_secret"], success=True)
    done = post_json(client, "/membership/join/confirm/", {"checkout": step["checkout"]}).json()
    assert done["status"] == "succeeded"
    assert Membership.objects.get(member__email="ha@example.com").status == Membership.Status.ACTIVE


def test_a_failed_3d_secure_check_takes_nothing(client, stripe_settings, localstripe, newsroom):
    step = join(
        client, localstripe, email="io@example.com", card="4000002760003184", choice="donation_once", amount="10"
    )
    assert step["status"] == "requires_action"
    localstripe.authenticate_payment(step["client_secret"], success=False)
    done = post_json(client, "/membership/join/confirm/", {"checkout": step["checkout"]})
    assert done.status_code == 402
    assert not Payment.objects.filter(status=Payment.Status.SUCCEEDED).exists()


def test_retrying_the_pay_step_does_not_charge_twice(client, stripe_settings, localstripe, newsroom):
    step = join(client, localstripe, email="ju@example.com", choice="donation_once", amount="10")
    assert step["status"] == "succeeded"
    again = post_json(client, "/membership/join/pay/", {"checkout": step["checkout"]}).json()
    assert again["status"] == "succeeded"
    assert Payment.objects.filter(member__email="ju@example.com").count() == 1


def test_a_form_from_another_site_is_refused(client, stripe_settings, newsroom):
    response = client.post(
        "/membership/join/start/",
        data='{"email": "x@example.com"}',
        content_type="application/json",
        headers={"Origin": "https://evil.example"},
    )
    assert response.status_code == 403
    assert not Member.objects.exists()


def test_the_join_page_shows_plans_and_card_logos_and_keeps_attribution(client, stripe_settings, newsroom):
    response = client.get("/membership/join/?source=banner&campaign=7&article=12")
    html = response.content.decode()
    assert "$5 a month" in html and "$150 a year" in html and "USD a" not in html
    assert 'aria-label="Visa"' in html and 'aria-label="Mastercard"' in html and 'aria-label="American Express"' in html
    assert 'name="source" value="banner"' in html and 'name="campaign" value="7"' in html
    assert "csrfmiddlewaretoken" not in html
    assert "Cookie" not in response.get("Vary", "")


def test_a_donation_whose_answer_was_lost_is_recorded_by_the_webhook(client, stripe_settings, localstripe, newsroom):
    from payments.testing import deliver, make_event, stripe_object

    step = join(client, localstripe, email="lost@example.com", choice="donation_once", amount="15")
    payment = Payment.objects.get(member__email="lost@example.com")
    Payment.objects.filter(pk=payment.pk).update(status=Payment.Status.PENDING, paid_at=None)
    intent = stripe_object("PaymentIntent", payment.stripe_payment_intent_id)
    assert step["status"] == "succeeded" and intent["metadata"]["purpose"] == "donation"
    deliver(client, make_event("payment_intent.succeeded", intent))
    payment.refresh_from_db()
    assert payment.is_paid and payment.source == "membership_page"


def test_the_join_form_does_not_tell_strangers_who_is_a_member(client, stripe_settings, localstripe, newsroom):
    assert join(client, localstripe, email="known@example.com")["status"] == "succeeded"
    stranger = client.__class__()
    body = {"email": "known@example.com", "choice": "membership", "plan": "member", "interval": "month"}
    assert post_json(stranger, "/membership/join/start/", body).status_code == 200
    # The member themself, signed in, is sent to their account instead of paying twice.
    mine = post_json(client, "/membership/join/start/", body)
    assert mine.status_code == 409 and "account page" in mine.json()["message"]


def test_a_donation_is_worded_as_a_donation_not_as_joining(client, stripe_settings, localstripe, newsroom):
    page = client.get("/membership/join/?choice=donation_once").content.decode()
    assert "Pay and donate" in page and "Pay and join" not in page
    assert "Pay and join" in client.get("/membership/join/").content.decode()
    step = join(client, localstripe, email="giver@example.com", choice="donation_once", amount="25")
    assert step["redirect"] == "/membership/account/?welcome=1&donated=1"
    account = client.get(step["redirect"]).content.decode()
    assert "Thank you for your donation" in account and "thank you for joining" not in account
    assert "Become a member" not in account and "You support us with donations" in account
