"""A member's gifts are in their data export, and deleting the account removes what gifts say
about them while the money records stay."""

from __future__ import annotations

import json
import re
from datetime import timedelta

import pytest
from django.core import mail
from django.utils import timezone

from campaigns import gifts
from campaigns.models import GiftMembership
from campaigns.tests.conftest import buy_gift, committed
from members import services as members_services
from members.models import Member, Payment

pytestmark = pytest.mark.django_db

BUYER = "buyer@example.com"


def _export(member: Member) -> dict:
    # Through JSON, as the download is, so nothing unserialisable hides in it.
    return json.loads(json.dumps(members_services.member_export_data(member=member)))


@pytest.fixture
def two_gifts(client, stripe_settings, localstripe, newsroom):
    redeemed = buy_gift(client, localstripe, delivery="link", recipient_email="")["gift"]
    later = buy_gift(
        client,
        localstripe,
        recipient_name="Mara Lind",
        recipient_email="mara@example.com",
        deliver_on=(timezone.localdate() + timedelta(days=5)).isoformat(),
    )["gift"]
    with committed():
        gifts.gift_redeem(code=redeemed.code, email="jonas@example.com", name="Jonas Vik")
    mail.outbox.clear()
    return redeemed, later


def test_the_export_lists_the_gifts_a_member_bought_and_received(two_gifts):
    redeemed, later = two_gifts

    bought = _export(Member.objects.get(email=BUYER))["gifts"]["bought"]
    received = _export(Member.objects.get(email="jonas@example.com"))["gifts"]["received"]

    assert [g["code"] for g in bought] == [redeemed.code, later.code]
    assert bought[1]["recipient_email"] == "mara@example.com"
    assert bought[0]["message"] == "For the long winter evenings."
    assert [g["code"] for g in received] == [redeemed.code]
    assert received[0]["buyer_name"] == "Petra Holm" and received[0]["ends_at"]
    assert _export(Member.objects.get(email="jonas@example.com"))["gifts"]["bought"] == []


def test_deleting_the_buyer_removes_their_name_address_and_message_and_keeps_the_money(two_gifts):
    redeemed, later = two_gifts
    buyer = Member.objects.get(email=BUYER)

    members_services.member_delete(member=buyer)

    for gift in GiftMembership.objects.all():
        assert (gift.buyer_id, gift.buyer_name, gift.buyer_email, gift.message) == (None, "", "", "")
        assert gift.amount == 3 * gift.plan.monthly_amount and gift.payment_id is not None
        assert Payment.objects.get(pk=gift.payment_id).is_paid
    rows = json.dumps(list(GiftMembership.objects.values()), default=str)
    assert "Petra" not in rows and BUYER not in rows and "winter evenings" not in rows
    # A gift the recipient has not had yet still reaches them, from "a reader".
    assert gifts.gift_deliver(gift_id=later.pk)
    (delivery,) = mail.outbox
    assert delivery.to == ["mara@example.com"] and delivery.subject.startswith("A reader gave you")
    # The redeemer keeps the membership they were given; it no longer names the giver.
    jonas = Member.objects.get(email="jonas@example.com")
    assert jonas.is_supporter
    membership = jonas.memberships.get()
    assert membership.granted_by == "Gift from a reader" and redeemed.code in membership.note
    assert not [e for e in jonas.events.all() if "Petra" in e.message]


def test_deleting_the_recipient_removes_their_name_and_address_from_the_gift(two_gifts):
    redeemed, _ = two_gifts

    members_services.member_delete(member=Member.objects.get(email="jonas@example.com"))

    redeemed.refresh_from_db()
    assert (redeemed.redeemed_by_id, redeemed.recipient_name, redeemed.recipient_email) == (None, "", "")
    assert redeemed.status == GiftMembership.Status.REDEEMED and redeemed.payment_id is not None
    assert "Jonas" not in json.dumps(list(GiftMembership.objects.filter(pk=redeemed.pk).values()), default=str)


def test_staff_see_a_redeemed_gift_as_a_gift_with_its_giver_and_code(two_gifts, admin_client):
    redeemed, _ = two_gifts
    jonas = Member.objects.get(email="jonas@example.com")

    listing = admin_client.get("/cms/members_admin/", {"q": "jonas"}).content.decode()
    inspect = admin_client.get(f"/cms/members_admin/inspect/{jonas.pk}/").content.decode()

    (row,) = [row for row in re.findall(r"<tr.*?</tr>", listing, re.S) if "jonas@example.com" in row]
    assert re.search(r">\s*Gift\s*<", row) and "Granted by staff" not in row
    assert f"Gift: Gift from Petra Holm, code {redeemed.code}" in inspect
    assert "Granted by staff" not in inspect
    assert admin_client.get("/cms/members_admin/", {"source": "gift"}).content.decode().count("jonas@example.com")
