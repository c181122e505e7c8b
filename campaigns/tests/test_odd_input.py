"""Odd input to campaigns' public endpoints: never a 500, and attribution never fails a payment."""

from __future__ import annotations

import pytest

from campaigns.models import ArticleDailyViews, GiftMembership
from campaigns.tests.conftest import buy_gift, make_drive
from members.models import Payment

pytestmark = pytest.mark.django_db

ORIGIN = "http://testserver"
TWENTY_DIGITS = "9" * 20


@pytest.mark.parametrize(
    ("campaign", "article"),
    [
        ("999999", "999999"),  # no such rows: a foreign-key error at commit before the fix
        (TWENTY_DIGITS, TWENTY_DIGITS),  # past any integer column: an OverflowError before the fix
        ("2147483648", "2147483648"),  # one past Wagtail's 32-bit page ids
        ("-3", "abc"),
    ],
)
def test_unknown_attribution_ids_are_dropped_and_the_gift_is_paid(
    client, stripe_settings, localstripe, newsroom, campaign, article
):
    step = buy_gift(client, localstripe, delivery="link", recipient_email="", campaign=campaign, article=article)

    assert step["status"] == "succeeded", step
    gift = step["gift"]
    gift.refresh_from_db()
    assert gift.status == GiftMembership.Status.PAID
    assert (gift.campaign_id, gift.article_page_id) == (None, None)
    payment = Payment.objects.get(pk=gift.payment_id)
    assert payment.is_paid and (payment.campaign_id, payment.article_page_id) == (None, None)


def test_known_attribution_ids_are_kept(client, stripe_settings, localstripe, newsroom):
    drive = make_drive()
    article = newsroom.add_article("Where the gift started")
    step = buy_gift(
        client, localstripe, delivery="link", recipient_email="", campaign=str(drive.pk), article=str(article.pk)
    )
    gift = step["gift"]
    gift.refresh_from_db()
    assert (gift.campaign_id, gift.article_page_id) == (drive.pk, article.pk)


def test_the_gift_page_does_not_carry_unknown_ids_into_its_form(client, stripe_settings, newsroom):
    body = client.get("/support/gift/", {"source": "banner", "campaign": TWENTY_DIGITS, "article": "999999"})
    assert body.status_code == 200
    html = body.content.decode()
    assert '<input type="hidden" name="campaign" value="">' in html
    assert '<input type="hidden" name="article" value="">' in html


@pytest.mark.parametrize(
    "raw",
    [
        b"[1, 2, 3]",
        b'"a string"',
        b"null",
        b"{not json",
        b"\xff\xfe",
        b"[" * 100_000,  # nested too deep for the JSON parser: a RecursionError before the fix
        b'{"plan": {"nested": true}, "months": [3], "buyer_email": 7}',
        b'{"gift": ["x"], "plan": "member", "months": "3"}',
    ],
)
@pytest.mark.parametrize("url", ["/support/gift/start/", "/support/gift/pay/", "/support/gift/confirm/"])
def test_gift_json_steps_answer_odd_bodies_with_a_sentence(client, stripe_settings, newsroom, url, raw):
    response = client.post(url, data=raw, content_type="application/json", headers={"Origin": ORIGIN})
    assert 400 <= response.status_code < 500
    message = response.json()["message"]
    assert message.endswith(".") and len(message.split()) > 4


@pytest.mark.parametrize("deliver_on", ["9999-12-31", "0001-01-01", "2026-02-30", TWENTY_DIGITS, "2026-13-01T00:00"])
def test_odd_delivery_dates_are_refused_with_what_to_fix(client, stripe_settings, localstripe, newsroom, deliver_on):
    step = buy_gift(client, localstripe, deliver_on=deliver_on)
    assert step["status"] == "refused" and step["code"] == 400
    assert "date" in step["message"]


@pytest.mark.parametrize(
    ("body", "content_type"),
    [
        ('{"article": 99999999999999999999}', "application/json"),
        ("[1, 2]", "application/json"),
        ("article=99999999999", "application/x-www-form-urlencoded"),  # 11 digits: past a page id
        ("article=" + TWENTY_DIGITS, "application/x-www-form-urlencoded"),
        ("article=-1&article=2", "application/x-www-form-urlencoded"),
        ("article=%00", "application/x-www-form-urlencoded"),
        ("article=%C2%B2", "application/x-www-form-urlencoded"),  # "²": isdigit() but not int(): a 500 before
    ],
)
def test_the_views_beacon_takes_odd_bodies_quietly_and_counts_nothing(client, newsroom, body, content_type):
    from campaigns import reader_counts

    response = client.post("/support/views/", data=body, content_type=content_type, HTTP_USER_AGENT="Mozilla/5.0")
    # The beacon's answer is never read by the browser (sendBeacon), so it is always 204.
    assert response.status_code == 204
    reader_counts.flush_view_counts()
    assert not ArticleDailyViews.objects.exists()


def test_drive_progress_ignores_whatever_is_in_the_query_string(client, db):
    make_drive()
    response = client.get("/support/drive/progress.json", {"drive": TWENTY_DIGITS, "x": "[[["})
    assert response.status_code == 200 and response.json()["drive"]["goal"] == 1000
    assert client.post("/support/drive/progress.json", data="[]", content_type="application/json").status_code == 405
