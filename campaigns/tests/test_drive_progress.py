"""A drive counts the period's new paid members and gifts, net of refunds, from real payments."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from campaigns.models import GiftMembership
from campaigns.selectors import drive_progress
from campaigns.tests.conftest import buy_gift, committed, make_drive
from members.models import Member, Membership, Payment
from members.tests.conftest import join
from payments.testing import deliver, make_event, stripe_call, stripe_object

pytestmark = pytest.mark.django_db


def _reached(drive) -> int:
    return drive_progress(drive, fresh=True).reached


def _refund(client, payment: Payment) -> None:
    stripe_call("Refund.create", payment_intent=payment.stripe_payment_intent_id)
    charge = stripe_object("Charge", payment.stripe_charge_id)
    charge["refunded"] = True
    with committed():
        assert deliver(client, make_event("charge.refunded", charge)).status_code == 200


def test_new_paid_members_and_gifts_in_the_period_count(client, stripe_settings, localstripe, newsroom):
    drive = make_drive()
    assert _reached(drive) == 0
    with committed():
        assert join(client, localstripe, email="new1@example.com")["status"] == "succeeded"
    client.cookies.clear()
    assert _reached(drive) == 1
    assert buy_gift(client, localstripe, delivery="link", recipient_email="")["status"] == "succeeded"
    assert _reached(drive) == 2
    assert drive_progress(drive, fresh=True).supporters == 1  # the gift is not started yet


def test_donations_and_complimentary_memberships_do_not_count_as_new_members(
    client, stripe_settings, localstripe, newsroom
):
    drive = make_drive()
    assert (
        join(client, localstripe, email="giver@example.com", choice="donation_once", amount="25")["status"]
        == "succeeded"
    )
    from members.services import member_get_or_create, membership_grant_complimentary

    friend, _ = member_get_or_create(email="friend@example.com")
    membership_grant_complimentary(
        member=friend, plan=None, ends_at=timezone.now() + timedelta(days=30), note="Press", granted_by="editor"
    )
    assert _reached(drive) == 0


def test_members_from_before_the_drive_do_not_count(client, stripe_settings, localstripe, newsroom):
    assert join(client, localstripe, email="early@example.com")["status"] == "succeeded"
    Membership.objects.update(started_at=timezone.now() - timedelta(days=10))
    client.cookies.clear()
    drive = make_drive(starts_at=timezone.now() - timedelta(days=2))
    assert _reached(drive) == 0


def test_a_redeemed_gift_bought_before_the_drive_counts_once_it_is_redeemed(
    client, stripe_settings, localstripe, newsroom
):
    from campaigns.gifts import gift_redeem

    gift = buy_gift(client, localstripe, delivery="link", recipient_email="")["gift"]
    GiftMembership.objects.filter(pk=gift.pk).update(paid_at=timezone.now() - timedelta(days=20))
    drive = make_drive(starts_at=timezone.now() - timedelta(days=2))
    assert _reached(drive) == 0
    with committed():
        gift_redeem(code=gift.code, email="late-reader@example.com")
    assert _reached(drive) == 1


def test_refunds_are_taken_off(client, stripe_settings, localstripe, newsroom):
    drive = make_drive()
    money = make_drive(name="Money drive", goal_kind="money", goal=5000, starts_at=drive.starts_at)
    assert join(client, localstripe, email="refunded@example.com")["status"] == "succeeded"
    client.cookies.clear()
    gift = buy_gift(client, localstripe, delivery="link", recipient_email="")["gift"]
    assert _reached(drive) == 2
    paid_before = _reached(money)
    assert paid_before > 0
    _refund(client, Payment.objects.get(member__email="refunded@example.com", purpose=Payment.Purpose.MEMBERSHIP))
    _refund(client, Payment.objects.get(pk=gift.payment_id))
    assert _reached(drive) == 0
    assert _reached(money) == 0


def test_the_live_count_goes_up_at_once_after_a_payment_and_the_page_follows(
    client, stripe_settings, localstripe, newsroom
):
    from newsroom.page_cache import invalidate_reader_pages

    make_drive()
    assert "0 of 1,000 new members" in client.get("/").content.decode()
    assert buy_gift(client, localstripe, delivery="link", recipient_email="")["status"] == "succeeded"
    client.cookies.clear()
    # The progress endpoint (which the banner's script reads) knows at once…
    assert client.get("/support/drive/progress.json").json()["drive"]["reached"] == 1
    # …while a cached copy of the page keeps the number it was rendered with until it is
    # re-rendered (PAGE_CACHE_TIMEOUT, or anything published).
    invalidate_reader_pages(reason="test")
    assert "1 of 1,000 new members" in client.get("/").content.decode()


def test_the_banner_and_appeal_are_hidden_for_members(client, stripe_settings, localstripe, newsroom):
    make_drive()
    article = newsroom.add_article("Members read this too")
    with committed():
        assert join(client, localstripe, email="member@example.com")["status"] == "succeeded"
    assert Member.objects.get(email="member@example.com").is_supporter
    html = client.get(article.url).content.decode()
    assert "drive-banner" not in html and "drive-appeal" not in html
    assert "Gift membership" not in html
    assert "Thank you for being a member" in html
    html = client.get("/").content.decode()
    assert "drive-banner" not in html
    # The same page without the session has both asks.
    client.cookies.clear()
    html = client.get(article.url).content.decode()
    assert "drive-banner" in html and "drive-appeal" in html
