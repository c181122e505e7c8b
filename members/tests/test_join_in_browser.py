"""A new visitor becomes a member through the real page, in chromium, with localstripe's
Stripe.js; real signed webhooks from localstripe reach our endpoint meanwhile."""

from __future__ import annotations

import os
import time

import pytest
from playwright.sync_api import expect, sync_playwright

from members.models import Member, Membership
from payments.models import StripeEvent

os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]


@pytest.mark.browser
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_new_visitor_joins_with_the_test_card_and_stops_seeing_asks(
    live_server, stripe_settings, localstripe, newsroom
):
    article = newsroom.add_article("Ferry strike ends after nine days")
    localstripe.register_webhook(f"{live_server.url}/payments/stripe/webhook/")
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path="/usr/bin/chromium", args=CHROMIUM_ARGS)
        page = browser.new_page()
        page.goto(f"{live_server.url}{article.url}")
        ask = page.locator("[data-membership=ask]")
        expect(ask).to_be_visible()
        ask.get_by_role("link", name="Become a member").click()

        expect(page.get_by_role("heading", name="Become a member")).to_be_visible()
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
        expect(page.get_by_text("Visa ending 4242", exact=True)).to_be_visible()

        page.goto(f"{live_server.url}{article.url}")
        expect(page.locator("[data-membership=thanks]")).to_be_visible()
        expect(page.locator("[data-membership=ask]")).to_have_count(0)
        browser.close()

    membership = Membership.objects.get(member__email="new.reader@example.com")
    assert membership.status == Membership.Status.ACTIVE
    assert membership.source == "article_appeal" and membership.article_page_id == article.id
    assert Member.objects.get(email="new.reader@example.com").is_supporter
    deadline = time.monotonic() + 10
    while not StripeEvent.objects.filter(type="invoice.payment_succeeded").exists() and time.monotonic() < deadline:
        time.sleep(0.2)
    assert StripeEvent.objects.filter(type="invoice.payment_succeeded").exists()


@pytest.mark.browser
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_declined_card_shows_a_clear_message_in_the_page(live_server, stripe_settings, localstripe, newsroom):
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
