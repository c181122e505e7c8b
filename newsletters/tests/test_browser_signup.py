"""A reader subscribes through the footer form in a real browser and confirms from the email."""

from __future__ import annotations

import os

import pytest

from newsletters.models import Subscription

os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_a_reader_subscribes_in_the_footer_and_confirms_from_the_mailbox(
    live_server, page, newsroom, sink, morning, settings
):
    from playwright.sync_api import expect

    settings.SITE_URL = live_server.url
    page.goto(live_server.url + "/")
    footer = page.locator("footer form[data-signup]")
    email = footer.get_by_label("Email address")
    expect(footer.get_by_text("The Morning Test")).to_be_visible()
    expect(page.locator("footer").get_by_text("* indicates required")).to_be_visible()

    email.fill("not an address")
    footer.get_by_role("button", name="Subscribe").click()
    expect(footer.get_by_text("Please enter a valid email address")).to_be_visible()
    expect(email).to_have_attribute("aria-invalid", "true")
    assert page.url == live_server.url + "/"  # the browser never sent it

    email.fill("reader@example.com")
    footer.get_by_role("button", name="Subscribe").click()
    expect(page.get_by_text("Thank you for signing up. We've sent you a confirmation email.")).to_be_visible()

    [message] = sink.to("reader@example.com")
    [link] = sink.links(message, "/newsletters/confirm/")
    page.goto(link)
    expect(page.get_by_role("button", name="Confirm my subscription")).to_be_visible()
    assert Subscription.objects.get().status == "pending"
    page.get_by_role("button", name="Confirm my subscription").click()
    expect(page.get_by_role("heading", name="Successfully subscribed")).to_be_visible()
    assert Subscription.objects.get().status == "confirmed"
