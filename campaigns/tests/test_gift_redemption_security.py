"""Redeeming a gift is not a way into someone else's account, and guessing codes stays slow."""

from __future__ import annotations

import re

import pytest
from django.core import mail

from campaigns import gift_views
from campaigns.models import GiftMembership
from campaigns.tests.conftest import buy_gift, committed
from members.auth import SESSION_KEY
from members.models import Member

pytestmark = pytest.mark.django_db

EXPORT = "/membership/account/export/"
ACCOUNT = "/membership/account/"


def _link_gift(client, localstripe) -> GiftMembership:
    step = buy_gift(client, localstripe, delivery="link", recipient_email="")
    assert step["status"] == "succeeded", step
    client.cookies.clear()
    mail.outbox.clear()
    return step["gift"]


def _assert_not_signed_in_as(client, victim: Member) -> None:
    assert client.session.get(SESSION_KEY) != victim.pk
    export = client.get(EXPORT)
    assert export.status_code in (302, 403), "the export must not be handed to the redeemer"
    assert victim.email.encode() not in export.content
    account = client.get(ACCOUNT)
    assert account.status_code == 302 and "/membership/sign-in/" in account["Location"]


@pytest.mark.parametrize("victim_has_account", [True, False])
def test_redeeming_for_someone_elses_address_does_not_sign_the_redeemer_in_as_them(
    client, stripe_settings, localstripe, newsroom, victim_has_account
):
    if victim_has_account:
        Member.objects.create(email="victim@example.com", name="Vera Victim")
    gift = _link_gift(client, localstripe)

    with committed():
        response = client.post(gift.redeem_path, {"email": "victim@example.com", "name": "Attacker"})

    assert response.status_code == 200
    victim = Member.objects.get(email="victim@example.com")
    _assert_not_signed_in_as(client, victim)
    assert victim.is_supporter  # the gift still went where it was sent
    body = response.content.decode()
    assert "check its inbox" in body
    assert "Vera Victim" not in body  # the account's own name is not shown to whoever has the code
    # The owner of the address gets members' sign-in link, and that link works for them.
    (sign_in,) = [m for m in mail.outbox if m.to == ["victim@example.com"]]
    assert "sign-in link" in sign_in.subject
    link = re.search(r"https?://\S+(/membership/sign-in/[\w-]+/)", sign_in.body).group(1)
    owner = type(client)()  # a second browser: whoever reads the victim's inbox
    with committed():
        owner.post(link, HTTP_ORIGIN="http://testserver")
    assert owner.session.get(SESSION_KEY) == victim.pk
    assert owner.get(EXPORT).status_code == 200
    # The redeemer's browser is still nobody.
    _assert_not_signed_in_as(client, victim)


def test_a_signed_in_member_redeeming_for_their_own_account_stays_signed_in(
    client, stripe_settings, localstripe, newsroom
):
    from members.signin import token_issue

    member = Member.objects.create(email="reader@example.com")
    gift = _link_gift(client, localstripe)
    issued = token_issue(member=member)
    client.post(f"/membership/sign-in/{issued.token}/", HTTP_ORIGIN="http://testserver")
    assert client.session.get(SESSION_KEY) == member.pk
    mail.outbox.clear()
    with committed():
        response = client.post(gift.redeem_path, {})
    assert response.status_code == 200
    assert "See your membership" in response.content.decode()
    assert not [m for m in mail.outbox if "sign-in link" in m.subject]


def test_over_the_guessing_limit_even_a_valid_code_is_refused(client, stripe_settings, localstripe, newsroom):
    gift = _link_gift(client, localstripe)
    for n in range(gift_views.GUESSES_PER_HOUR):
        wrong = client.get(f"/support/gift/redeem/ACDE-FGHJ-{'KMNP' if n % 2 else 'KMNQ'}/")
        assert "We do not know the gift code" in wrong.content.decode()

    page = client.get(gift.redeem_path)
    redeem = client.post(gift.redeem_path, {"email": "lucky@example.com"})

    for response in (page, redeem):
        assert response.status_code == 429
        body = response.content.decode()
        assert "Too many unknown gift codes" in body and "Wait an hour" in body
        assert "Start my membership" not in body
    gift.refresh_from_db()
    assert gift.status != GiftMembership.Status.REDEEMED
    assert not Member.objects.filter(email="lucky@example.com").exists()


def test_a_valid_code_does_not_use_up_the_guessing_limit(client, stripe_settings, localstripe, newsroom):
    gift = _link_gift(client, localstripe)
    for _ in range(gift_views.GUESSES_PER_HOUR + 5):
        assert client.get(gift.redeem_path).status_code == 200
