"""Odd requests get a clear answer, never an error page."""

from __future__ import annotations

import pytest

from members.models import Member
from members.signin import token_issue

pytestmark = pytest.mark.django_db
ORIGIN = {"Origin": "http://testserver"}


@pytest.fixture
def signed_in(client, db):
    member = Member.objects.create(email="odd@example.com")
    client.post(f"/membership/sign-in/{token_issue(member=member).token}/", headers=ORIGIN)
    return member


@pytest.mark.parametrize(
    "url",
    [
        "/membership/account/summary/99999999999999999999/",
        "/membership/account/receipts/99999999999999999999/",
        "/membership/sign-in/%00%ff/",
        "/membership/join/?source=%00&campaign=-1&article=99999999999999999999999",
    ],
)
def test_strange_urls_answer_without_an_error(client, signed_in, newsroom, url):
    response = client.get(url)
    assert response.status_code in (200, 302, 404, 405, 410)


@pytest.mark.parametrize(
    "body",
    [
        b"",
        b"[]",
        b"null",
        b'{"choice": "membership", "plan": "nope", "email": "a@example.com"}',
        b"\xff\xfe",
        b'{"email": "a@example.com", "choice": "donation_once", "amount": "NaN"}',
        b'{"email": "a@example.com", "choice": "donation_once", "amount": "1e400"}',
        b'{"email": ["x"], "choice": {"a": 1}}',
    ],
)
def test_the_join_steps_refuse_garbage_with_a_sentence(client, newsroom, settings, body):
    settings.STRIPE_SECRET_KEY, settings.STRIPE_PUBLISHABLE_KEY = "sk_test_x", "pk_test_x"
    for url in ("/membership/join/start/", "/membership/join/pay/", "/membership/join/confirm/"):
        response = client.post(url, data=body, content_type="application/json", headers=ORIGIN)
        assert 400 <= response.status_code < 500
        assert response.json()["message"].endswith(".")


def test_a_code_form_with_junk_answers_with_a_sentence(client, db):
    response = client.post("/membership/sign-in/code/", {"email": "x" * 500, "code": "🙂" * 50}, headers=ORIGIN)
    assert response.status_code == 400 and b"not right" in response.content


@pytest.mark.parametrize(
    "attribution",
    [
        {"article": "999999"},  # no such page: a foreign-key error at commit
        {"article": "9" * 20},  # does not fit a 64-bit column: OverflowError
        {"campaign": "999999"},
        {"campaign": "9" * 20},
        {"article": "-3", "campaign": "1e9"},
    ],
)
def test_unknown_or_malformed_attribution_ids_are_dropped_and_the_payment_goes_through(
    client, stripe_settings, localstripe, newsroom, attribution
):
    from members.models import Checkout, Payment
    from members.tests.conftest import join

    step = join(client, localstripe, email="attr@example.com", choice="donation_once", amount="5", **attribution)
    assert step["status"] == "succeeded", step
    checkout = Checkout.objects.get()
    assert checkout.article_page_id is None and checkout.campaign_id is None
    assert Payment.objects.get().is_paid


def test_a_known_article_is_kept_as_attribution(client, stripe_settings, localstripe, newsroom):
    from members.models import Payment
    from members.tests.conftest import join

    article = newsroom.add_article("Harbour budget passes")
    step = join(client, localstripe, email="attr@example.com", choice="donation_once", amount="5", article=article.pk)
    assert step["status"] == "succeeded"
    assert Payment.objects.get().article_page_id == article.pk


@pytest.mark.parametrize("year", [0, 1, 1969, 10000, 999999999])
def test_a_yearly_summary_for_a_year_that_is_no_year_is_a_clean_404(client, signed_in, newsroom, year):
    assert client.get(f"/membership/account/summary/{year}/").status_code == 404
    assert client.post(f"/membership/account/summary/{year}/").status_code == 404


def test_a_yearly_summary_for_this_year_answers(client, signed_in, newsroom):
    from django.utils import timezone

    year = timezone.now().year
    response = client.get(f"/membership/account/summary/{year}/")
    assert response.status_code == 200 and str(year).encode() in response.content
