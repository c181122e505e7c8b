"""Money reads as the newsroom's readers expect ("$5 a month", "5 €"), on pages and in mails alike."""

from __future__ import annotations

import pytest
from django.core import mail
from django.test import override_settings
from django.utils import timezone

from members.models import Member, MembershipSettings, Payment, Plan
from members.tasks import send_receipt

pytestmark = pytest.mark.django_db


def _receipt_for(amount: int, currency: str) -> str:
    member = Member.objects.create(email="money@example.com")
    payment = Payment.objects.create(
        member=member, purpose="donation", amount=amount, currency=currency, status="succeeded", paid_at=timezone.now()
    )
    send_receipt.call(payment.pk)
    (receipt,) = [m for m in mail.outbox if "Receipt" in m.subject]
    return f"{receipt.subject}\n{receipt.body}"


def test_the_join_page_shows_dollars_before_the_amount(client, stripe_settings, newsroom, member_plan):
    html = client.get("/membership/join/").content.decode()
    assert f"${member_plan.monthly_amount // 100} a month" in html
    assert "USD a month" not in html and "$10</button>" in html


def test_a_receipt_shows_five_dollars_without_cents_and_cents_when_they_matter(newsroom):
    assert "Amount: $5\n" in _receipt_for(500, "usd")
    mail.outbox.clear()
    Member.objects.all().delete()
    assert "Amount: $5.50\n" in _receipt_for(550, "usd")


@override_settings(NEWSROOM_LOCALE="de_DE")
def test_a_euro_newsroom_in_german_reads_five_euros_after_the_amount(client, stripe_settings, newsroom, member_plan):
    config = MembershipSettings.load()
    config.currency = "eur"
    config.save()
    Plan.objects.filter(pk=member_plan.pk).update(monthly_amount=500)
    html = client.get("/membership/join/").content.decode()
    assert "5\xa0€ a month" in html and "EUR a month" not in html
    assert "Amount: 5\xa0€\n" in _receipt_for(500, "eur")
    gift_page = client.get("/support/gift/").content.decode()
    assert "1 month · 5\xa0€" in gift_page
