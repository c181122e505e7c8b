"""The account page shows the member's newsletters and links to their preference page."""

from __future__ import annotations

import pytest

from members.models import Member
from members.signin import token_issue
from newsletters.models import Newsletter, Subscriber, Subscription, email_hash

pytestmark = pytest.mark.django_db


def _newsletter(slug: str, name: str) -> Newsletter:
    return Newsletter.objects.create(
        name=name, slug=slug, description="Words.", sender_name="Ledger", sender_address="news@example.com"
    )


def test_the_account_page_lists_the_members_newsletters_with_a_preferences_link(client, newsroom):
    member = Member.objects.create(email="reader@example.com")
    client.post(f"/membership/sign-in/{token_issue(member=member).token}/", headers={"Origin": "http://testserver"})
    subscriber = Subscriber.objects.create(email="reader@example.com", email_hash=email_hash("reader@example.com"))
    morning, weekly = _newsletter("morning", "Morning Ledger"), _newsletter("weekly", "Weekly Kestrel")
    gone = _newsletter("gone", "Old Digest")
    Subscription.objects.create(subscriber=subscriber, newsletter=morning, status=Subscription.Status.CONFIRMED)
    Subscription.objects.create(subscriber=subscriber, newsletter=weekly, status=Subscription.Status.PENDING)
    Subscription.objects.create(subscriber=subscriber, newsletter=gone, status=Subscription.Status.UNSUBSCRIBED)

    html = client.get("/membership/account/").content.decode()
    assert "Newsletter choices will appear here." not in html
    assert "You receive: Morning Ledger." in html
    assert "Waiting for you to confirm from the email we sent: Weekly Kestrel." in html
    panel = html.split('id="newsletters-heading"', 1)[1].split('id="data-heading"', 1)[0]
    assert "Old Digest" not in panel  # unsubscribed lists are not shown as received
    link = html.split('<a href="/newsletters/preferences/', 1)[1].split('"', 1)[0]
    assert client.get(f"/newsletters/preferences/{link}").status_code == 200


def test_a_member_without_newsletters_is_offered_them(client, newsroom):
    member = Member.objects.create(email="quiet@example.com")
    client.post(f"/membership/sign-in/{token_issue(member=member).token}/", headers={"Origin": "http://testserver"})
    html = client.get("/membership/account/").content.decode()
    assert "You receive none of our newsletters yet." in html and 'href="/newsletters/"' in html
