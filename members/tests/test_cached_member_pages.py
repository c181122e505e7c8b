"""Signed-in members read cached pages: one copy per kind of reader (members/reader_kind.py),
never one member's page for another; staff and unproven sessions keep bypassing the cache."""

from __future__ import annotations

import time
from datetime import timedelta

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from wagtail.models import PageViewRestriction

from members import reader_kind
from members.models import Member
from tests.support.members import make_supporter, signed_in

pytestmark = pytest.mark.django_db


def _queries(client: Client, url: str):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    return len(queries), response


@pytest.fixture
def article(newsroom):
    return newsroom.add_article("Council votes on harbour")


def test_signing_in_gives_the_browser_a_kind_bound_to_its_session(newsroom):
    mira = make_supporter("mira@example.com", "Mira")
    client = signed_in(mira)
    value = client.cookies[reader_kind.COOKIE_NAME].value
    assert value.startswith("supporter:")
    assert client.cookies[reader_kind.COOKIE_NAME]["httponly"]
    # Expires with the access, at most a day ahead.
    assert int(value.split(":")[1]) <= time.time() + reader_kind.MAX_AGE + 1
    free = Member.objects.create(email="free@example.com", name="Free")
    assert signed_in(free).cookies[reader_kind.COOKIE_NAME].value.startswith("member:")


def test_a_members_second_page_view_comes_from_the_cache_with_no_query(article):
    client = signed_in(make_supporter("mira@example.com", "Mira"))
    first = client.get(article.url)
    assert first["X-Page-Cache"] == "miss"
    count, second = _queries(client, article.url)
    assert second["X-Page-Cache"] == "hit" and second.status_code == 200
    assert count == 0
    assert second.content == first.content
    # Kept by our cache and our edge by kind, but by no CDN or browser in between.
    assert second["Cache-Control"] == "private, max-age=0" and second["X-Reader-Kind"] == "supporter"
    assert not second.cookies


def test_another_member_gets_the_same_copy_and_it_holds_neither_of_them(article):
    mira, oskar = make_supporter("mira@example.com", "Mira"), make_supporter("oskar@example.com", "Oskar Vell")
    mira_client, oskar_client = signed_in(mira), signed_in(oskar)
    for_mira = mira_client.get(article.url)
    count, for_oskar = _queries(oskar_client, article.url)
    assert for_oskar["X-Page-Cache"] == "hit" and count == 0
    for response in (for_mira, for_oskar):
        html = response.content.decode()
        assert "Mira" not in html and "Oskar" not in html and "mira@example.com" not in html
        assert 'data-membership="thanks"' in html and 'data-member-fill="name"' in html
        assert "members/me" in html  # the script that fills the name
    # Each browser's name comes from its own, uncacheable request.
    mine = mira_client.get("/membership/me.json")
    assert mine.json() == {"signed_in": True, "name": "Mira", "supporter": True}
    assert mine["Cache-Control"] == "private, no-store"
    assert oskar_client.get("/membership/me.json").json()["name"] == "Oskar Vell"
    assert Client().get("/membership/me.json").json() == {"signed_in": False, "name": "", "supporter": False}


@pytest.mark.parametrize("supporter_first", [True, False])
def test_a_supporter_never_sees_an_ask_and_an_anonymous_reader_always_does(article, supporter_first):
    supporter = signed_in(make_supporter("mira@example.com", "Mira"))
    member = signed_in(Member.objects.create(email="free@example.com", name="Free"))
    anonymous = Client()
    readers = [supporter, anonymous, member] if supporter_first else [anonymous, member, supporter]
    for _ in range(2):  # a render, then the stored copies
        for reader in readers:
            for url in (article.url, "/"):
                html = reader.get(url).content.decode()
                if reader is supporter:
                    assert 'data-membership="ask"' not in html and "Become a member" not in html, url
                    assert 'data-membership="thanks"' in html
                    assert "Your account" in html
                else:
                    assert 'data-membership="ask"' in html, url
                    assert ("Your account" in html) is (reader is member)
                    assert ("Sign in" in html) is (reader is anonymous)


def test_a_copied_or_forged_kind_is_worthless(article):
    mira = signed_in(make_supporter("mira@example.com", "Mira"))
    stolen = mira.cookies[reader_kind.COOKIE_NAME].value
    mira.get(article.url)  # the supporter copy is stored
    # Another browser's own session with Mira's kind cookie: bound to her session, so refused.
    other = signed_in(Member.objects.create(email="free@example.com", name="Free"))
    other.cookies[reader_kind.COOKIE_NAME] = stolen
    response = other.get(article.url)
    assert response["X-Page-Cache"] == "bypass"
    assert 'data-membership="ask"' in response.content.decode()
    # The answer puts the right kind back.
    assert other.cookies[reader_kind.COOKIE_NAME].value.startswith("member:")
    # A made-up one, with or without a session cookie.
    forged = Client()
    forged.cookies["sessionid"] = "made-up"
    forged.cookies[reader_kind.COOKIE_NAME] = f"supporter:{int(time.time()) + 3600}:{'0' * 32}"
    response = forged.get(article.url)
    assert response["X-Page-Cache"] == "bypass"
    assert 'data-membership="ask"' in response.content.decode()
    no_session = Client()
    no_session.cookies[reader_kind.COOKIE_NAME] = stolen
    assert 'data-membership="ask"' in no_session.get(article.url).content.decode()


def test_an_expired_kind_is_checked_against_the_session_again(article):
    mira = make_supporter("mira@example.com", "Mira")
    client = signed_in(mira)
    session_id = client.cookies["sessionid"].value
    expired = reader_kind.make_value("supporter", session_id, expires=int(time.time()) - 1)
    client.cookies[reader_kind.COOKIE_NAME] = expired
    Member.objects.filter(pk=mira.pk).update(access_until=timezone.now() - timedelta(minutes=1))
    response = client.get(article.url)
    assert response["X-Page-Cache"] == "bypass"
    assert 'data-membership="ask"' in response.content.decode()
    assert client.cookies[reader_kind.COOKIE_NAME].value.startswith("member:")
    assert client.get(article.url)["X-Page-Cache"] == "miss"  # now from the member copy


def test_staff_keep_bypassing_the_cache(article, django_user_model):
    staff = Client()
    staff.force_login(django_user_model.objects.create_superuser(username="boss", password="pw"))
    staff.get(article.url)
    response = staff.get(article.url)
    assert response["X-Page-Cache"] == "bypass"
    assert reader_kind.COOKIE_NAME not in staff.cookies or not staff.cookies[reader_kind.COOKIE_NAME].value
    # A member who then signs in to the CMS in the same browser: the kind no longer fits.
    mira = signed_in(make_supporter("mira@example.com", "Mira"))
    mira.force_login(django_user_model.objects.get(username="boss"))
    assert mira.get(article.url)["X-Page-Cache"] == "bypass"
    assert not mira.cookies[reader_kind.COOKIE_NAME].value  # deleted on that answer
    assert mira.get(article.url)["X-Page-Cache"] == "bypass"


def test_signing_out_drops_the_kind(article):
    client = signed_in(make_supporter("mira@example.com", "Mira"))
    client.post("/membership/sign-out/", headers={"Origin": "http://testserver"})
    assert not client.cookies[reader_kind.COOKIE_NAME].value
    html = client.get(article.url).content.decode()
    assert 'data-membership="ask"' in html and "Sign in" in html


def test_a_private_page_is_never_stored_for_a_kind_and_still_opens_for_the_member(newsroom, article):
    PageViewRestriction.objects.create(page=article, restriction_type="password", password="s3cret")
    client = signed_in(make_supporter("mira@example.com", "Mira"))
    form = client.get(article.url)
    assert form["X-Page-Cache"] == "bypass" and "Council votes on harbour" not in form.content.decode()
    restriction = PageViewRestriction.objects.get(page=article)
    unlocked = client.post(
        f"/_util/authenticate_with_password/{restriction.id}/{article.id}/",
        {"password": "s3cret", "return_url": article.url},
    )
    assert unlocked.status_code == 302
    page = client.get(article.url)
    assert page["X-Page-Cache"] == "bypass"
    assert "Council votes on harbour" in page.content.decode()
    # and nobody else gets it from the cache
    other = signed_in(make_supporter("oskar@example.com", "Oskar"))
    assert "Council votes on harbour</h1>" not in other.get(article.url).content.decode()
