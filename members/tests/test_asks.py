"""Membership asks on the reader site: the same HTML for every anonymous reader (cacheable),
a thank-you for signed-in supporters, who get the supporters' cached copy (test_cached_member_pages)."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from members.models import Member, Membership
from members.signin import token_issue

pytestmark = pytest.mark.django_db


def _sign_in(client, member):
    client.post(f"/membership/sign-in/{token_issue(member=member).token}/", headers={"Origin": "http://testserver"})


@pytest.fixture
def member(db):
    member = Member.objects.create(email="m@example.com", name="Mira", access_until=timezone.now() + timedelta(days=30))
    Membership.objects.create(member=member, status="active", access_until=member.access_until)
    return member


def test_anonymous_readers_see_the_ask_and_the_page_does_not_vary_by_cookie(client, newsroom):
    article = newsroom.add_article("Council votes on harbour")
    first, second = client.get(article.url), client.__class__().get(article.url)
    html = first.content.decode()
    assert 'data-membership="ask"' in html and "Become a member" in html
    assert "source=article_appeal" in html and f"article={article.id}" in html
    assert first.content == second.content
    assert "Cookie" not in first.get("Vary", "") and "sessionid" not in first.cookies
    home = client.get("/").content.decode()
    assert 'data-membership="ask"' in home


def test_a_signed_in_member_sees_thanks_instead_of_asks(client, newsroom, member):
    article = newsroom.add_article("Council votes on harbour")
    _sign_in(client, member)
    html = client.get(article.url).content.decode()
    # The shared supporter copy holds no name; me.js fills it from the member's own me.json.
    assert 'data-membership="thanks"' in html and 'data-member-fill="name"' in html and "Mira" not in html
    assert client.get("/membership/me.json").json()["name"] == "Mira"
    assert 'data-membership="ask"' not in html
    assert 'data-membership="thanks"' in client.get("/").content.decode()


def test_a_signed_in_reader_whose_membership_lapsed_sees_the_ask_again(client, newsroom, member):
    article = newsroom.add_article("Council votes on harbour")
    Member.objects.filter(pk=member.pk).update(access_until=timezone.now() - timedelta(minutes=1))
    _sign_in(client, member)
    assert 'data-membership="ask"' in client.get(article.url).content.decode()


def test_a_members_article_page_stays_within_a_small_query_budget(
    client, newsroom, member, django_assert_max_num_queries
):
    article = newsroom.add_article("Council votes on harbour")
    _sign_in(client, member)
    client.get(article.url)  # warm Wagtail's per-site caches as the anonymous budget test does
    # The same budget as an anonymous reader's uncached article (newsroom's test_query_budget):
    # the session and member lookups replace the staff user lookup.
    with django_assert_max_num_queries(19):
        client.get(article.url)


def test_the_account_page_runs_a_fixed_number_of_queries(client, member, django_assert_max_num_queries, newsroom):
    from members.models import Payment

    _sign_in(client, member)
    for amount in (500, 700, 900):
        Payment.objects.create(member=member, purpose="donation", amount=amount, currency="usd", status="succeeded")
    client.get("/membership/account/")
    with django_assert_max_num_queries(10):  # however many payments
        assert client.get("/membership/account/").status_code == 200
