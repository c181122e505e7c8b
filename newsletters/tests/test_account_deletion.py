"""Deleting a member account takes their newsletter data with it (issue 10.10)."""

from __future__ import annotations

import pytest

from members import services as member_services
from members.models import Member
from newsletters import sending, services, tokens
from newsletters.models import ConsentRecord, Delivery, Subscriber, Subscription, Suppression, email_hash
from newsletters.tests.conftest import make_issue, signup

pytestmark = pytest.mark.django_db


def _subscribed_member(client, sink, newsletter, address: str) -> Member:  # type: ignore[no-untyped-def]
    assert signup(client, address, [newsletter]).status_code == 303
    subscriber = Subscriber.objects.get(email=address)
    services.subscription_confirm(token=tokens.make_confirm_token(subscriber.pk, [newsletter.pk]))
    assert Subscription.objects.get(subscriber=subscriber).status == "confirmed"
    return Member.objects.create(email=address)


def test_deleting_a_member_deletes_their_subscriber_and_consent_records(client, sink, morning):
    member = _subscribed_member(client, sink, morning, "leaving@example.com")
    issue = make_issue(morning)
    services.issue_send_start(issue_id=issue.pk, enqueue=False)
    sending.deliver_issue(issue.pk)
    assert Delivery.objects.filter(subscriber__email="leaving@example.com").count() == 1
    member_services.member_delete(member=member)
    assert not Subscriber.objects.filter(email_hash=email_hash("leaving@example.com")).exists()
    assert Subscription.objects.count() == ConsentRecord.objects.count() == Delivery.objects.count() == 0
    assert not Suppression.objects.exists()  # nothing kept for an address that was never suppressed


def test_a_suppressed_address_stays_suppressed_after_the_account_is_deleted(client, sink, morning):
    member = _subscribed_member(client, sink, morning, "complainer@example.com")
    services.suppression_add(email="complainer@example.com", reason="complained")
    member.email = "Complainer@Example.com"  # the account's spelling may differ from the list's
    member.save()
    member_services.member_delete(member=member)
    assert not Subscriber.objects.exists()
    [entry] = Suppression.objects.all()
    assert entry.email_hash == email_hash("complainer@example.com") and entry.reason == "complained"
    # Only the hash is left, and it still keeps the address off every list.
    signup(client, "complainer@example.com", [morning], ip="10.0.0.2")
    assert not Subscriber.objects.exists()
