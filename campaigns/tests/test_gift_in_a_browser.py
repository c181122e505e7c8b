"""In a real browser: a visitor gives a membership from the drive banner, pays with the test
card through localstripe's Stripe.js, and the recipient redeems it from the emailed link (read
from a real SMTP server); the banner's count goes up by one."""

from __future__ import annotations

import email
import email.policy
import os
import re
from collections.abc import Iterator
from typing import Any

import pytest
from django.core.cache import cache

from campaigns.tests.conftest import make_drive
from members.models import Member
from payments.testing import free_port
from tests.support.axe import serious_violations

os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


class Mailbox:
    """An aiosmtpd handler that keeps every message it is given."""

    def __init__(self) -> None:
        self.messages: list[email.message.EmailMessage] = []

    async def handle_DATA(self, server, session, envelope):
        self.messages.append(email.message_from_bytes(envelope.content, policy=email.policy.default))
        return "250 OK"

    def to(self, address: str) -> list[email.message.EmailMessage]:
        return [m for m in self.messages if address in m["To"]]


@pytest.fixture
def page() -> Iterator[Any]:
    """A fresh Playwright per test: a session-wide one would clash with other apps' browser
    tests that start their own in the same process."""
    from playwright.sync_api import sync_playwright

    from tests.support.browser import CHROMIUM, CHROMIUM_ARGS

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        context = browser.new_context(viewport={"width": 1280, "height": 900})
        tab = context.new_page()
        tab.set_default_timeout(60_000)  # the suite shares two cores with other runs
        yield tab
        context.close()
        browser.close()


@pytest.fixture
def smtp_sink(settings) -> Iterator[Mailbox]:
    from aiosmtpd.controller import Controller

    mailbox = Mailbox()
    controller = Controller(mailbox, hostname="127.0.0.1", port=free_port())
    controller.start()
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", controller.port
    settings.EMAIL_USE_TLS = settings.EMAIL_USE_SSL = False
    settings.EMAIL_HOST_USER = settings.EMAIL_HOST_PASSWORD = ""
    yield mailbox
    controller.stop()


def test_a_visitor_gives_a_membership_from_the_banner_and_the_recipient_redeems_it(
    page, live_server, stripe_settings, smtp_sink, newsroom
):
    stripe_settings.SITE_URL = live_server.url
    cache.clear()
    make_drive()
    article = newsroom.add_article("Harbour pilots strike for a second day")
    page.goto(live_server.url + article.url)
    banner = page.locator("#drive-banner")
    assert "0 of 1,000 new members" in banner.inner_text()
    assert serious_violations(page) == []

    banner.get_by_role("link", name="Gift membership").click()
    page.wait_for_url("**/support/gift/**")
    page.get_by_label("3 months").first.check()
    page.get_by_label("Their name").fill("Jonas Vik")
    page.get_by_label("Their email address").fill("jonas@example.com")
    page.get_by_label("Your message (optional)").fill("Happy birthday, from the harbour.")
    page.get_by_label("Your email address (for the receipt)").fill("petra@example.com")
    page.get_by_label("Your name (shown to them)").fill("Petra Holm")
    for field, value in (
        ("number", "4242424242424242"),
        ("exp_month", "12"),
        ("exp_year", "34"),
        ("cvc", "123"),
        ("postal_code", "10115"),
    ):
        page.locator(f"#card-element input[placeholder={field}]").fill(value)
    assert serious_violations(page) == []
    page.get_by_role("button", name="Pay and give").click()
    page.wait_for_url("**/support/gift/thanks/**")
    assert "Thank you for your gift" in page.inner_text("h1")

    # The gift was for today, so it is already in the recipient's mailbox.
    (delivery,) = smtp_sink.to("jonas@example.com")
    body = delivery.get_content()
    assert "Happy birthday, from the harbour." in body
    link = re.search(r"http://\S+/support/gift/redeem/[A-Z0-9-]+/", body).group(0)
    assert smtp_sink.to("petra@example.com"), "the buyer gets a receipt at purchase"

    recipient = page.context.browser.new_context()
    tab = recipient.new_page()
    tab.goto(link)
    assert "Petra Holm gave you a membership" in tab.inner_text("h1")
    assert serious_violations(tab) == []
    tab.get_by_role("button", name="Start my membership").click()
    tab.wait_for_selector("text=Your gift membership runs until")
    assert Member.objects.get(email="jonas@example.com").is_supporter
    # Knowing the code is not owning the address: the recipient signs in from their inbox.
    assert "check its inbox" in tab.inner_text("main")
    (sign_in,) = [m for m in smtp_sink.to("jonas@example.com") if "sign-in link" in m["Subject"]]
    tab.goto(re.search(r"http://\S+/membership/sign-in/[\w-]+/", sign_in.get_content()).group(0))
    tab.get_by_role("button", name="Sign in").click()
    tab.wait_for_url("**/membership/account/")
    # A member sees no ask.
    tab.goto(live_server.url + article.url)
    assert tab.locator("#drive-banner").count() == 0
    recipient.close()
    assert any("started your gift" in m["Subject"] for m in smtp_sink.to("petra@example.com"))

    # The page may come from the page cache; the banner's script brings the live count.
    page.goto(live_server.url + article.url)
    page.wait_for_load_state("networkidle")
    assert "1 of 1,000 new members · 1 supporter" in page.locator("#drive-banner").inner_text()


def test_a_reader_hides_the_banner_for_a_week_and_the_cached_page_stays_the_same(page, live_server, newsroom, client):
    cache.clear()
    drive = make_drive()
    article = newsroom.add_article("Ferry timetable changes")
    page.goto(live_server.url + article.url)
    page.get_by_role("button", name="Hide this banner for a week").click()
    assert page.locator("#drive-banner").is_hidden()
    cookie = next(c for c in page.context.cookies() if c["name"] == "masthead_drive_dismissed")
    assert cookie["value"] == str(drive.pk) and cookie["expires"] > 0
    page.reload()
    assert page.locator("#drive-banner").is_hidden()
    # The appeal at the end of the article stays: only the banner was dismissed.
    assert page.locator(".drive-appeal").is_visible()
    # The server sends the same HTML with or without the cookie.
    assert (
        client.get(article.url).content
        == client.get(article.url, HTTP_COOKIE=f"masthead_drive_dismissed={drive.pk}").content
    )
