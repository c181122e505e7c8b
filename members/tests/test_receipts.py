"""Every payment gets one emailed receipt; members can ask again and get a yearly summary."""

from __future__ import annotations

import pytest
from django.core import mail
from django.utils import timezone

from members.models import Member, Payment
from members.signin import token_issue
from members.tasks import send_receipt

pytestmark = pytest.mark.django_db


@pytest.fixture
def signed_in(client, db):
    member = Member.objects.create(email="r@example.com")
    client.post(f"/membership/sign-in/{token_issue(member=member).token}/", headers={"Origin": "http://testserver"})
    return member


def _paid(member, amount, **extra):
    return Payment.objects.create(
        member=member,
        purpose="donation",
        amount=amount,
        currency="usd",
        status="succeeded",
        paid_at=timezone.now(),
        **extra,
    )


def test_a_receipt_is_sent_once_per_payment(signed_in):
    payment = _paid(signed_in, 2500)
    send_receipt.call(payment.pk)
    send_receipt.call(payment.pk)
    receipts = [m for m in mail.outbox if "Receipt" in m.subject]
    assert len(receipts) == 1 and receipts[0].subject.endswith(": $25") and "Amount: $25\n" in receipts[0].body
    assert f"MH-{payment.pk:08d}" in receipts[0].body


def test_a_member_can_have_a_receipt_emailed_again(client, signed_in):
    payment = _paid(signed_in, 1000)
    response = client.post(f"/membership/account/receipts/{payment.pk}/")
    assert response.status_code == 302
    assert any("Amount: $10\n" in m.body for m in mail.outbox)


def test_another_members_receipt_cannot_be_requested(client, signed_in):
    other = Member.objects.create(email="o@example.com")
    payment = _paid(other, 1000)
    client.post(f"/membership/account/receipts/{payment.pk}/")
    assert not mail.outbox


def test_the_yearly_summary_totals_payments_after_refunds(client, signed_in):
    _paid(signed_in, 2500)
    _paid(signed_in, 1000, amount_refunded=1000)
    year = timezone.now().year
    html = client.get(f"/membership/account/summary/{year}/").content.decode()
    assert "$25" in html and "refunded $10" in html and "<strong>$25</strong>" in html
    client.post(f"/membership/account/summary/{year}/")
    assert any(f"Your {year} contributions" in m.subject for m in mail.outbox)
