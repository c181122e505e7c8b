"""Attacks on the join checkout: a checkout token must never sign anyone in but the browser
that made the account a moment ago (issue 10, item 1), and starting must cost the same Stripe
calls whatever the address (item 11)."""

from __future__ import annotations

import hashlib
import json
import re
from datetime import timedelta

import pytest
from django.core import mail
from django.utils import timezone

from members.models import Checkout, Member, Payment
from members.tests.conftest import join, post_json
from payments import client as stripe_client

pytestmark = pytest.mark.django_db

EXPIRED = "This payment form has expired or was opened in another browser."


def signed_in_as(browser) -> str | None:
    page = browser.get("/membership/account/")
    if page.status_code != 200:
        return None
    return re.search(r"Signed in as <strong>([^<]+)</strong>", page.content.decode()).group(1)


def pay(browser, token: str):
    return post_json(browser, "/membership/join/pay/", {"checkout": token})


def test_the_checkout_token_is_stored_only_as_its_hash(client, stripe_settings, localstripe, newsroom):
    step = join(client, localstripe, email="hash@example.com", choice="donation_once", amount="5")
    token = step["checkout"]
    checkout = Checkout.objects.get()
    assert len(token) >= 43 and checkout.token_hash == hashlib.sha256(token.encode()).hexdigest()
    stored = json.dumps(list(Checkout.objects.values()), default=str)
    assert token not in stored and token[:16] not in stored
    assert timedelta(minutes=59) < checkout.expires_at - checkout.created_at <= timedelta(hours=1)


def test_a_replay_from_another_browser_neither_signs_in_nor_tells_anything(
    client, stripe_settings, localstripe, newsroom
):
    step = join(client, localstripe, email="victim@example.com", choice="donation_once", amount="5")
    assert step["status"] == "succeeded" and signed_in_as(client) == "victim@example.com"
    attacker = client.__class__()
    replay = pay(attacker, step["checkout"])
    confirm = post_json(attacker, "/membership/join/confirm/", {"checkout": step["checkout"]})
    unknown = pay(attacker, "x" * 43)
    assert replay.status_code == confirm.status_code == unknown.status_code == 404
    assert replay.json() == confirm.json() == unknown.json()
    assert replay.json()["message"].startswith(EXPIRED)
    assert signed_in_as(attacker) is None


def test_a_replay_after_an_hour_does_not_work_even_in_the_same_browser(client, stripe_settings, localstripe, newsroom):
    step = join(client, localstripe, email="later@example.com", choice="donation_once", amount="5")
    client.post("/membership/sign-out/")
    Checkout.objects.update(expires_at=timezone.now() - timedelta(seconds=1))
    late = pay(client, step["checkout"])
    assert late.status_code == 404 and late.json()["message"].startswith(EXPIRED)
    assert signed_in_as(client) is None


def test_the_token_signs_in_only_once(client, stripe_settings, localstripe, newsroom):
    step = join(client, localstripe, email="once@example.com", choice="donation_once", amount="5")
    assert step["redirect"].startswith("/membership/account/?welcome=1")
    # Still in the session that made it, but no longer signed in as the member: no second sign-in.
    session = client.session
    del session["members.member_id"]
    session.save()
    again = pay(client, step["checkout"])
    assert again.status_code == 200 and again.json()["redirect"] == "/membership/thanks/?paid=donation"
    assert signed_in_as(client) is None
    # After signing out (a shared computer: the next person replays it) the token is dead.
    client.post("/membership/sign-out/")
    assert pay(client, step["checkout"]).status_code == 404
    assert signed_in_as(client) is None
    assert Payment.objects.filter(status=Payment.Status.SUCCEEDED).count() == 1


def test_paying_for_an_existing_address_signs_nobody_in_and_mails_the_owner_a_link(
    client, stripe_settings, localstripe, newsroom, django_capture_on_commit_callbacks
):
    # An account with no membership and no payment yet (e.g. a newsletter reader's sign-in).
    Member.objects.create(email="owner@example.com", name="Owner")
    with django_capture_on_commit_callbacks(execute=True):
        step = join(client, localstripe, email="owner@example.com", choice="donation_once", amount="5")
    assert step["status"] == "succeeded"
    assert step["redirect"] == "/membership/thanks/?sent=1&paid=donation"
    assert signed_in_as(client) is None
    assert not Checkout.objects.get().member_is_new
    sign_in_mails = [m for m in mail.outbox if "sign-in link" in m.subject]
    assert [m.to for m in sign_in_mails] == [["owner@example.com"]]
    thanks = client.get(step["redirect"]).content.decode()
    assert "Thank you for your donation" in thanks and "We emailed a sign-in link" in thanks


def test_an_account_with_other_data_is_not_signed_in_by_a_checkout_that_made_it(
    client, stripe_settings, localstripe, newsroom
):
    """The attacker starts a checkout for a new address, waits for its owner to join from their
    own browser, then finishes paying within the hour: the account is no longer theirs alone."""
    attacker = client.__class__()
    body = {"email": "race@example.com", "name": "", "choice": "donation_once", "amount": "5"}
    started = post_json(attacker, "/membership/join/start/", body).json()
    assert join(client, localstripe, email="race@example.com")["status"] == "succeeded"
    assert signed_in_as(client) is None  # the owner's checkout did not make the account either
    localstripe.confirm_card_setup(started["client_secret"], "4242424242424242")
    finished = pay(attacker, started["checkout"]).json()
    assert finished["status"] == "succeeded" and finished["redirect"].startswith("/membership/thanks/?sent=1")
    assert signed_in_as(attacker) is None


def test_a_new_reader_who_retries_after_a_declined_card_is_still_signed_in(
    client, stripe_settings, localstripe, newsroom
):
    declined = join(client, localstripe, email="retry@example.com", card="4000000000000002")
    assert declined["status"] == "card_error"
    step = join(client, localstripe, email="retry@example.com")
    assert step["redirect"] == "/membership/account/?welcome=1"
    assert signed_in_as(client) == "retry@example.com"


def test_a_session_signed_in_by_paying_must_prove_the_address_before_export_or_deletion(
    client, stripe_settings, localstripe, newsroom, django_capture_on_commit_callbacks
):
    join(client, localstripe, email="fresh@example.com", choice="donation_once", amount="5")
    export = client.get("/membership/account/export/")
    assert export.status_code == 403 and b"Email me a sign-in link" in export.content
    delete = client.post("/membership/account/delete/", {"confirm_email": "fresh@example.com"})
    assert delete.status_code == 403 and Member.objects.filter(email="fresh@example.com").exists()
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            "/membership/sign-in/",
            {"email": "fresh@example.com", "next": "/membership/account/export/"},
            headers={"Origin": "http://testserver"},
        )
    link = re.search(r"http://\S+(/membership/sign-in/\S+/)", mail.outbox[-1].body).group(1)
    assert client.post(link, headers={"Origin": "http://testserver"})["Location"] == "/membership/account/export/"
    assert client.get("/membership/account/export/").status_code == 200


class StripeCalls:
    """Every request our server makes to Stripe, in order (passed through to localstripe)."""

    def __init__(self, monkeypatch):
        self.calls: list[str] = []
        real = stripe_client._call

        def recording(func, *args, **kwargs):
            owner = getattr(func, "__self__", None)
            self.calls.append(f"{getattr(owner, '__name__', owner)}.{func.__name__}")
            return real(func, *args, **kwargs)

        monkeypatch.setattr(stripe_client, "_call", recording)


def test_starting_costs_the_same_stripe_calls_for_new_and_known_addresses(
    client, paying_member, monkeypatch, stripe_settings, localstripe
):
    assert paying_member.stripe_customer_id  # this address has a Stripe customer already
    recorder = StripeCalls(monkeypatch)
    answers = {}
    for email in ("maja@example.com", "nobody-yet@example.com"):
        recorder.calls.clear()
        body = {"email": email, "name": "", "choice": "membership", "plan": "member", "interval": "month"}
        response = post_json(client.__class__(), "/membership/join/start/", body)
        answers[email] = (response.status_code, sorted(response.json()), list(recorder.calls))
    assert answers["maja@example.com"] == answers["nobody-yet@example.com"]
    assert answers["maja@example.com"][2] == ["SetupIntent.create"]
