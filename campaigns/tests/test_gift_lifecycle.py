"""A gift from purchase to the reminder before it ends, against a real localstripe."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from django.core import mail
from django.utils import timezone

from campaigns import gifts
from campaigns.gifts import add_months, gifts_deliver_due, gifts_send_reminders
from campaigns.models import GiftMembership
from campaigns.tests.conftest import buy_gift, committed
from members.models import Member, Payment
from members.tests.conftest import join

pytestmark = pytest.mark.django_db


def _link_in(message) -> str:
    return re.search(r"https?://\S+/support/gift/redeem/[A-Z0-9-]+/", message.body).group(0)


def test_a_gift_travels_from_purchase_to_reminder(client, stripe_settings, localstripe, newsroom):
    in_three_days = timezone.localdate() + timedelta(days=3)
    step = buy_gift(client, localstripe, deliver_on=in_three_days.isoformat())
    assert step["status"] == "succeeded", step
    gift = step["gift"]
    gift.refresh_from_db()
    assert gift.status == GiftMembership.Status.PAID
    assert re.fullmatch(r"[A-Z0-9]{4}-[A-Z0-9]{4}-[A-Z0-9]{4}", gift.code)
    assert gift.amount == 3 * gift.plan.monthly_amount
    payment = Payment.objects.get(pk=gift.payment_id)
    assert payment.purpose == Payment.Purpose.GIFT and payment.is_paid

    # At purchase: the buyer's receipt (members) and gift details (ours); nothing to the recipient yet.
    assert {m.to[0] for m in mail.outbox} == {"buyer@example.com"}
    assert any("Jonas Vik" in m.subject for m in mail.outbox)
    mail.outbox.clear()
    assert gifts_deliver_due() == 0

    # The clock moves to the delivery date (in the newsroom's time zone).
    on_the_day = timezone.make_aware(
        timezone.datetime.combine(in_three_days, timezone.datetime.min.time())
    ) + timedelta(hours=8)
    with committed():
        assert gifts_deliver_due(now=on_the_day) == 1
        assert gifts_deliver_due(now=on_the_day) == 0  # delivered once
    (delivery,) = mail.outbox
    assert delivery.to == ["jonas@example.com"]
    assert "For the long winter evenings." in delivery.body
    assert gift.code in delivery.body
    link = _link_in(delivery)
    mail.outbox.clear()

    # A GET (a mail scanner, or the recipient looking) changes nothing.
    path = link.split("://", 1)[1].split("/", 1)[1]
    page = client.get("/" + path)
    assert page.status_code == 200 and "Start my membership" in page.content.decode()
    gift.refresh_from_db()
    assert gift.status == GiftMembership.Status.DELIVERED

    client.cookies.clear()
    redeemed_at = timezone.now()
    with committed():
        response = client.post("/" + path, {"email": "jonas@example.com", "name": "Jonas Vik"})
    assert response.status_code == 200
    gift.refresh_from_db()
    member = Member.objects.get(email="jonas@example.com")
    assert gift.status == GiftMembership.Status.REDEEMED and gift.redeemed_by == member
    expected_end = add_months(gift.starts_at, 3)
    assert gift.ends_at == expected_end
    assert abs((gift.starts_at - redeemed_at).total_seconds()) < 60
    assert member.is_supporter and member.access_until == expected_end
    # The redeemer is signed in only by the sign-in link mailed to the address (see
    # test_gift_redemption_security); the buyer hears that the gift was started.
    (notice,) = [m for m in mail.outbox if m.to == ["buyer@example.com"]]
    assert "started your gift" in notice.subject
    (sign_in,) = [m for m in mail.outbox if m.to == ["jonas@example.com"]]
    sign_in_path = re.search(r"https?://[^/\s]+(/membership/sign-in/\S+/)", sign_in.body).group(1)
    client.post(sign_in_path, HTTP_ORIGIN="http://testserver")
    assert "Thank you for being a member" in client.get(newsroom.add_article("Members read this").url).content.decode()
    mail.outbox.clear()

    # Eight days before the end: nothing yet. Six days before: the invitation to continue, once.
    assert gifts_send_reminders(now=expected_end - timedelta(days=8)) == 0
    assert gifts_send_reminders(now=expected_end - timedelta(days=6)) == 1
    assert gifts_send_reminders(now=expected_end - timedelta(days=5)) == 0
    (reminder,) = mail.outbox
    assert reminder.to == ["jonas@example.com"]
    assert "/membership/join/" in reminder.body and "ends on" in reminder.subject


def test_a_gift_for_today_is_emailed_at_once(client, stripe_settings, localstripe, newsroom):
    step = buy_gift(client, localstripe)
    assert step["status"] == "succeeded"
    assert any(m.to == ["jonas@example.com"] for m in mail.outbox)
    step["gift"].refresh_from_db()
    assert step["gift"].status == GiftMembership.Status.DELIVERED


def test_a_link_gift_is_shown_to_the_buyer_and_never_emailed_to_anyone_else(
    client, stripe_settings, localstripe, newsroom
):
    step = buy_gift(client, localstripe, delivery="link", recipient_email="")
    assert step["status"] == "succeeded"
    gift = step["gift"]
    thanks = client.get(step["redirect"])
    assert gift.code in thanks.content.decode()
    assert "no-store" in thanks["Cache-Control"]
    assert {m.to[0] for m in mail.outbox} == {"buyer@example.com"}
    assert any(gift.code in m.body for m in mail.outbox)
    assert gifts_deliver_due(now=timezone.now() + timedelta(days=30)) == 0


def test_a_code_works_once(client, stripe_settings, localstripe, newsroom):
    gift = buy_gift(client, localstripe, delivery="link", recipient_email="")["gift"]
    gifts.gift_redeem(code=gift.code, email="first@example.com")
    response = client.post(gift.redeem_path, {"email": "second@example.com"})
    assert response.status_code == 410
    assert "already been redeemed" in response.content.decode()
    assert not Member.objects.filter(email="second@example.com").exists()


def test_codes_are_forgiving_to_type(client, stripe_settings, localstripe, newsroom):
    gift = buy_gift(client, localstripe, delivery="link", recipient_email="")["gift"]
    typed = gift.code.replace("-", " ").lower()
    response = client.get("/support/gift/redeem/", {"code": typed})
    assert response.status_code == 302 and response["Location"].endswith(gift.redeem_path)


@pytest.mark.parametrize("typed", ["ACDE-FGHJ-KMNP", "nonsense", "1234-5678-9012", "<script>"])
def test_an_unknown_code_gets_a_clear_message(client, db, typed):
    response = client.get("/support/gift/redeem/", {"code": typed}, follow=True)
    body = response.content.decode()
    assert response.status_code in (400, 404)
    assert "We do not know the gift code" in body and "type it again" in body
    assert "<script>" not in body


def test_an_expired_code_says_when_it_expired(client, stripe_settings, localstripe, newsroom):
    gift = buy_gift(client, localstripe, delivery="link", recipient_email="")["gift"]
    GiftMembership.objects.filter(pk=gift.pk).update(paid_at=timezone.now() - timedelta(days=366))
    response = client.post(gift.redeem_path, {"email": "late@example.com"})
    assert response.status_code == 410
    assert "expired on" in response.content.decode() and "within a year" in response.content.decode()


def test_a_refund_voids_an_unredeemed_gift(client, stripe_settings, localstripe, newsroom):
    from payments.testing import deliver, make_event, stripe_call, stripe_object

    gift = buy_gift(client, localstripe, delivery="link", recipient_email="")["gift"]
    payment = Payment.objects.get(pk=gift.payment_id)
    stripe_call("Refund.create", payment_intent=payment.stripe_payment_intent_id)
    charge = stripe_object("Charge", payment.stripe_charge_id)
    charge["refunded"] = True
    with committed():
        assert deliver(client, make_event("charge.refunded", charge)).status_code == 200
    gift.refresh_from_db()
    assert gift.status == GiftMembership.Status.VOIDED
    response = client.post(gift.redeem_path, {"email": "voided@example.com"})
    assert response.status_code == 410 and "was refunded" in response.content.decode()


def test_a_gift_for_a_paying_member_starts_when_their_paid_period_ends(client, stripe_settings, localstripe, newsroom):
    assert join(client, localstripe, email="payer@example.com")["status"] == "succeeded"
    payer = Member.objects.get(email="payer@example.com")
    paid_until = payer.memberships.get().access_until
    client.cookies.clear()
    gift = buy_gift(client, localstripe, delivery="link", recipient_email="")["gift"]
    gift, member, created = gifts.gift_redeem(code=gift.code, email="payer@example.com")
    assert not created and member == payer
    assert gift.starts_at == paid_until
    assert gift.ends_at == add_months(paid_until, 3)
    payer.refresh_from_db()
    assert payer.access_until == gift.ends_at


def test_a_gift_page_says_what_happens_for_someone_who_already_pays(client, stripe_settings, newsroom):
    body = client.get("/support/gift/").content.decode()
    assert "the gift begins when their paid period ends" in body


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"deliver_on": "2001-01-01"}, "The delivery date has passed"),
        ({"deliver_on": "soon"}, "Enter the delivery date as a date"),
        ({"months": "2"}, "Choose a plan and how many months"),
        ({"recipient_email": "not-an-address"}, "recipient's email address"),
        ({"buyer_email": ""}, "Enter your own email address"),
        ({"recipient_name": " "}, "Enter the name of the person"),
    ],
)
def test_a_bad_gift_order_is_refused_with_what_to_fix(client, stripe_settings, localstripe, newsroom, change, message):
    step = buy_gift(client, localstripe, **change)
    assert step["status"] == "refused" and step["code"] == 400
    assert message in step["message"]
    assert not GiftMembership.objects.exists()


def test_a_declined_card_makes_no_gift(client, stripe_settings, localstripe, newsroom):
    step = buy_gift(client, localstripe, card="4000000000000002")
    assert step["status"] in ("card_error", "failed")
    assert not GiftMembership.objects.exclude(status=GiftMembership.Status.PENDING).exists()
    assert not mail.outbox


def test_gift_codes_avoid_look_alike_characters():
    codes = {gifts.new_gift_code() for _ in range(300)}
    assert len(codes) == 300
    assert not set("".join(codes)) & set("O0I1L2Z5S8B")
    assert gifts.normalize_code("acde fghj kmnp") == "ACDE-FGHJ-KMNP"
    assert gifts.normalize_code("ACDE-FGHJ-KMN0") is None


def test_guessing_codes_is_slowed_down(client, db, settings):
    from campaigns import gift_views

    for _ in range(gift_views.GUESSES_PER_HOUR):
        assert "We do not know the gift code" in client.get("/support/gift/redeem/ACDE-FGHJ-KMNP/").content.decode()
    assert "Too many unknown gift codes" in client.get("/support/gift/redeem/ACDE-FGHJ-KMNQ/").content.decode()


def test_the_webhook_pays_a_gift_whose_answer_to_the_page_was_lost(client, stripe_settings, localstripe, newsroom):
    from payments.testing import deliver, make_event, stripe_object

    gift = buy_gift(client, localstripe, delivery="link", recipient_email="")["gift"]
    payment = Payment.objects.get(pk=gift.payment_id)
    # As if the server died after Stripe took the money but before it wrote anything down.
    GiftMembership.objects.filter(pk=gift.pk).update(status=GiftMembership.Status.PENDING, paid_at=None)
    Payment.objects.filter(pk=payment.pk).update(status=Payment.Status.PENDING, paid_at=None)
    mail.outbox.clear()
    intent = stripe_object("PaymentIntent", payment.stripe_payment_intent_id)
    assert intent["metadata"]["purpose"] == "gift"
    with committed():
        assert deliver(client, make_event("payment_intent.succeeded", intent)).status_code == 200
    gift.refresh_from_db()
    assert gift.status == GiftMembership.Status.PAID
    assert any(gift.code in m.body for m in mail.outbox)


def test_the_gift_page_shows_prices_as_readers_read_money(client, stripe_settings, newsroom):
    from members.models import Plan

    plan = Plan.objects.filter(active=True).order_by("monthly_amount").first()
    plan.monthly_amount = 500
    plan.save()
    body = client.get("/support/gift/").content.decode()
    assert "1 month · $5<" in body and "USD" not in body
