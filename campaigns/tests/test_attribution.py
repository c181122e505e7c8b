"""Where a supporter started — drive, placement and article — is carried through the real
join and gift flows onto the rows the dashboard counts."""

from __future__ import annotations

import re

import pytest

from campaigns.dashboard.queries import build_dashboard, period_for
from campaigns.models import GiftMembership
from campaigns.tests.conftest import buy_gift, make_drive
from members.models import Membership, Payment
from members.tests.conftest import join

pytestmark = pytest.mark.django_db


def _hidden_fields(html: str) -> dict[str, str]:
    return dict(re.findall(r'<input type="hidden" name="(\w+)" value="([^"]*)">', html))


def test_the_banner_link_fills_the_join_forms_hidden_fields(client, stripe_settings, newsroom):
    drive = make_drive()
    article = newsroom.add_article("Where it started")
    page = client.get(article.url).content.decode()
    join_link = re.search(r'href="(/membership/join/\?source=banner[^"]*)"', page).group(1).replace("&amp;", "&")
    gift_link = re.search(r'href="(/support/gift/\?source=article_appeal[^"]*)"', page).group(1).replace("&amp;", "&")
    assert _hidden_fields(client.get(join_link).content.decode()) == {
        "source": "banner",
        "campaign": str(drive.pk),
        "article": str(article.pk),
    }
    assert _hidden_fields(client.get(gift_link).content.decode()) == {
        "source": "article_appeal",
        "campaign": str(drive.pk),
        "article": str(article.pk),
    }


def test_a_membership_records_drive_placement_and_article(client, stripe_settings, localstripe, newsroom):
    drive = make_drive()
    article = newsroom.add_article("The story that convinced them")
    step = join(
        client, localstripe, email="convinced@example.com", source="banner", campaign=drive.pk, article=article.pk
    )
    assert step["status"] == "succeeded"
    membership = Membership.objects.get(member__email="convinced@example.com")
    payment = membership.payments.get()
    for row in (membership, payment):
        assert (row.source, row.campaign_id, row.article_page_id) == ("banner", drive.pk, article.pk)


def test_a_gift_records_drive_placement_and_article(client, stripe_settings, localstripe, newsroom):
    drive = make_drive()
    article = newsroom.add_article("A story worth giving")
    step = buy_gift(
        client,
        localstripe,
        delivery="link",
        recipient_email="",
        source="article_appeal",
        campaign=drive.pk,
        article=article.pk,
    )
    assert step["status"] == "succeeded"
    gift = GiftMembership.objects.get()
    payment = Payment.objects.get(pk=gift.payment_id)
    for row in (gift, payment):
        assert (row.source, row.campaign_id, row.article_page_id) == ("article_appeal", drive.pk, article.pk)


def test_the_dashboard_counts_conversions_by_placement_and_article(client, stripe_settings, localstripe, newsroom):
    drive = make_drive()
    article = newsroom.add_article("A story worth giving")
    join(client, localstripe, email="a@example.com", source="banner", campaign=drive.pk, article=article.pk)
    client.cookies.clear()
    buy_gift(client, localstripe, delivery="link", recipient_email="", source="article_appeal", article=article.pk)
    data = build_dashboard(period_for(drive))
    assert dict(data.placements) == {"Banner": 1, "End-of-article appeal": 1}
    assert data.articles == [("A story worth giving", 2)]
    assert data.totals.new_members == 1 and data.totals.gifts == 1
    assert data.rows[-1].cumulative == 2
    assert data.mrr_minor > 0
