"""A new visitor becomes a member through the real page, in chromium, with localstripe's
Stripe.js; real signed webhooks from localstripe reach our endpoint meanwhile."""

from __future__ import annotations

import importlib
import time

import pytest
from playwright.sync_api import expect, sync_playwright

from members.models import Member, Membership, Payment
from payments.models import StripeEvent
from payments.testing import stripe_call
from tests.support.axe import serious_violations

CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]


@pytest.fixture
def browser_ready(monkeypatch, transactional_db):
    """Playwright's sync API runs an event loop in this thread; the flag is set only for these
    tests so it never leaks into other tests' subprocesses. Our plans come from a data
    migration, which an earlier transactional test's flush removed: put them back (the
    `newsroom` fixture does the same for Wagtail's roots)."""
    from django.apps import apps

    monkeypatch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    importlib.import_module("members.migrations.0002_default_plans").create_plans(apps, None)


@pytest.fixture
def webhooks_forgotten(localstripe):
    yield
    localstripe.forget_webhook()


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_a_new_visitor_joins_with_the_test_card_and_stops_seeing_asks(
    browser_ready, webhooks_forgotten, live_server, stripe_settings, localstripe, newsroom
):
    article = newsroom.add_article("Ferry strike ends after nine days")
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path="/usr/bin/chromium", args=CHROMIUM_ARGS)
        page = browser.new_page()
        page.goto(f"{live_server.url}{article.url}")
        ask = page.locator("[data-membership=ask]")
        expect(ask).to_be_visible()
        ask.get_by_role("link", name="Become a member").click()

        expect(page.get_by_role("heading", name="Become a member")).to_be_visible()
        assert serious_violations(page) == []
        page.get_by_label("Email address").fill("new.reader@example.com")
        page.get_by_label("Name", exact=True).fill("Nea Reader")
        card = page.locator("#card-element")
        card.locator("input[placeholder=number]").fill("4242424242424242")
        card.locator("input[placeholder=exp_month]").fill("12")
        card.locator("input[placeholder=exp_year]").fill("34")
        card.locator("input[placeholder=cvc]").fill("123")
        card.locator("input[placeholder=postal_code]").fill("10115")
        page.get_by_role("button", name="Pay and join").click()

        page.wait_for_url("**/membership/account/?welcome=1", timeout=20000)
        expect(page.locator("#membership-status")).to_have_text("Active")
        assert serious_violations(page) == []
        expect(page.get_by_text("Visa ending 4242", exact=True)).to_be_visible()

        # The member replaces their card on the account page (Stripe.js again, no number to us).
        card = page.locator("#card-element")
        card.locator("input[placeholder=number]").fill("5555555555554444")
        card.locator("input[placeholder=exp_month]").fill("11")
        card.locator("input[placeholder=exp_year]").fill("33")
        card.locator("input[placeholder=cvc]").fill("321")
        page.get_by_role("button", name="Update card").click()
        page.wait_for_url("**/membership/account/?done=1", timeout=20000)
        expect(page.get_by_text("ending 4444", exact=False).first).to_be_visible()

        page.goto(f"{live_server.url}{article.url}")
        expect(page.locator("[data-membership=thanks]")).to_be_visible()
        expect(page.locator("[data-membership=ask]")).to_have_count(0)
        browser.close()

    membership = Membership.objects.get(member__email="new.reader@example.com")
    assert membership.status == Membership.Status.ACTIVE
    assert membership.source == "article_appeal" and membership.article_page_id == article.id
    assert Member.objects.get(email="new.reader@example.com").is_supporter

    # localstripe's real signed webhook reaches our endpoint. Delivered only now, with the
    # browser closed: the live server shares one in-memory SQLite connection between threads,
    # so concurrent requests would trip over each other (not a problem on a real database).
    localstripe.register_webhook(f"{live_server.url}/payments/stripe/webhook/", events=["invoice.payment_succeeded"])
    renewal = stripe_call(
        "Invoice.create", customer=membership.member.stripe_customer_id, subscription=membership.stripe_subscription_id
    )
    stripe_call("Invoice.pay", renewal["id"])
    time.sleep(2.5)  # localstripe sends webhooks one second after the event
    assert StripeEvent.objects.filter(type="invoice.payment_succeeded", object_id=renewal["id"]).exists()
    assert Payment.objects.get(stripe_invoice_id=renewal["id"]).is_paid


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_a_declined_card_shows_a_clear_message_in_the_page(
    browser_ready, live_server, stripe_settings, localstripe, newsroom
):
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path="/usr/bin/chromium", args=CHROMIUM_ARGS)
        page = browser.new_page()
        page.goto(f"{live_server.url}/membership/join/")
        page.get_by_label("Email address").fill("declined@example.com")
        card = page.locator("#card-element")
        card.locator("input[placeholder=number]").fill("4000000000000002")
        card.locator("input[placeholder=exp_month]").fill("12")
        card.locator("input[placeholder=exp_year]").fill("34")
        card.locator("input[placeholder=cvc]").fill("123")
        page.get_by_role("button", name="Pay and join").click()
        expect(page.locator("#join-error")).to_contain_text("declined")
        expect(page.locator("#join-error")).to_contain_text("No money was taken")
        browser.close()
    assert not Membership.objects.exists()
