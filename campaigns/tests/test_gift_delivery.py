"""Gift delivery through a real SMTP server (the dev mailbox): at least once, with one fixed
Message-ID per gift, and never recorded as delivered before the relay accepted the mail."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path

import pytest
from django.test import override_settings
from django.utils import timezone

from campaigns import gifts
from campaigns.models import GiftMembership
from campaigns.tests.conftest import buy_gift
from newsletters.dev_mailbox import free_port, list_messages, start_mailbox

pytestmark = pytest.mark.django_db

Status = GiftMembership.Status


@pytest.fixture
def relay_port() -> Iterator[int]:
    """A loopback port with nothing listening yet: the relay is down until a test starts it."""
    port = free_port()
    with override_settings(
        EMAIL_BACKEND="django.core.mail.backends.smtp.EmailBackend",
        EMAIL_HOST="127.0.0.1",
        EMAIL_PORT=port,
        EMAIL_USE_TLS=False,
        EMAIL_USE_SSL=False,
        EMAIL_HOST_USER="",
        EMAIL_HOST_PASSWORD="",
        EMAIL_TIMEOUT=5,
    ):
        yield port


def _gift_for_tomorrow(client, localstripe) -> tuple[GiftMembership, object]:
    tomorrow = timezone.localdate() + timedelta(days=1)
    with override_settings(EMAIL_BACKEND="django.core.mail.backends.locmem.EmailBackend"):
        step = buy_gift(client, localstripe, deliver_on=tomorrow.isoformat())
    assert step["status"] == "succeeded", step
    on_the_day = timezone.make_aware(timezone.datetime.combine(tomorrow, timezone.datetime.min.time())) + timedelta(
        hours=9
    )
    return step["gift"], on_the_day


def _deliveries(directory: Path, gift: GiftMembership) -> list:
    return [m for m in list_messages(directory) if gift.recipient_email in m.to]


def test_relay_down_leaves_the_gift_undelivered_and_the_next_run_delivers_it_once(
    client, stripe_settings, localstripe, newsroom, relay_port, tmp_path
):
    gift, on_the_day = _gift_for_tomorrow(client, localstripe)

    # The relay is down: nothing is recorded as delivered, and nothing is left claimed.
    assert gifts.gifts_deliver_due(now=on_the_day) == 0
    gift.refresh_from_db()
    assert gift.status == Status.PAID and gift.delivered_at is None
    assert gift.delivery_claimed_until is None

    # The relay is back: the next periodic run delivers it, once.
    mailbox = start_mailbox(tmp_path / "mailbox", port=relay_port)
    try:
        assert gifts.gifts_deliver_due(now=on_the_day) == 1
        assert gifts.gifts_deliver_due(now=on_the_day) == 0
    finally:
        mailbox.stop()
    gift.refresh_from_db()
    assert gift.status == Status.DELIVERED and gift.delivered_at is not None
    (delivered,) = _deliveries(tmp_path / "mailbox", gift)
    assert delivered.message["Message-ID"] == gifts.gift_message_id(gift)
    assert gift.code in delivered.body("plain")


def test_a_worker_that_died_after_the_hand_off_is_followed_by_a_resend_with_the_same_message_id(
    client, stripe_settings, localstripe, newsroom, relay_port, tmp_path
):
    gift, on_the_day = _gift_for_tomorrow(client, localstripe)
    mailbox = start_mailbox(tmp_path / "mailbox", port=relay_port)
    try:
        # What a worker leaves behind if it dies after the relay said 250, before recording it:
        # the mail is in the mailbox, the gift is paid, its lease still running.
        from campaigns import emails

        GiftMembership.objects.filter(pk=gift.pk).update(delivery_claimed_until=timezone.now() + gifts.DELIVERY_LEASE)
        emails.gift_delivery_mail(gift, message_id=gifts.gift_message_id(gift))
        # While the lease runs, another worker does not send it a second time.
        assert gifts.gifts_deliver_due(now=on_the_day) == 0
        # Once it has run out, the gift goes out again, recognisably the same message.
        GiftMembership.objects.filter(pk=gift.pk).update(delivery_claimed_until=timezone.now() - timedelta(seconds=1))
        assert gifts.gifts_deliver_due(now=on_the_day) == 1
    finally:
        mailbox.stop()
    gift.refresh_from_db()
    assert gift.status == Status.DELIVERED
    first, second = _deliveries(tmp_path / "mailbox", gift)
    assert first.message["Message-ID"] == second.message["Message-ID"] == gifts.gift_message_id(gift)


def test_a_relay_that_refuses_the_recipient_leaves_the_gift_for_staff_and_a_later_run(
    client, stripe_settings, localstripe, newsroom, relay_port, tmp_path
):
    gift, on_the_day = _gift_for_tomorrow(client, localstripe)
    mailbox = start_mailbox(tmp_path / "mailbox", port=relay_port)
    mailbox.handler.refuse.add(gift.recipient_email)
    try:
        assert gifts.gifts_deliver_due(now=on_the_day) == 0
    finally:
        mailbox.stop()
    gift.refresh_from_db()
    assert gift.status == Status.PAID and gift.delivered_at is None and gift.delivery_claimed_until is None
    assert _deliveries(tmp_path / "mailbox", gift) == []


def test_message_ids_are_fixed_per_gift_and_differ_between_gifts(client, stripe_settings, localstripe, newsroom):
    one = buy_gift(client, localstripe, delivery="link", recipient_email="")["gift"]
    two = buy_gift(client, localstripe, delivery="link", recipient_email="")["gift"]
    assert gifts.gift_message_id(one) == gifts.gift_message_id(GiftMembership.objects.get(pk=one.pk))
    assert gifts.gift_message_id(one) != gifts.gift_message_id(two)
    assert gifts.gift_message_id(one).startswith(f"<gift{one.pk}.")
