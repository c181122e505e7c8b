"""Passwordless sign-in: link plus code, single use, 15 minutes, no enumeration, rate limits."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from django.core import mail
from django.utils import timezone

from members.models import Member, SignInToken
from members.signin import MAX_CODE_ATTEMPTS, token_issue

pytestmark = pytest.mark.django_db
ORIGIN = {"Origin": "http://testserver"}


@pytest.fixture
def member(db):
    return Member.objects.create(email="reader@example.com", name="Rea")


def ask_for_link(client, email, django_capture_on_commit_callbacks, **headers):
    with django_capture_on_commit_callbacks(execute=True):
        return client.post("/membership/sign-in/", {"email": email}, headers={**ORIGIN, **headers})


def link_and_code(message) -> tuple[str, str]:
    link = re.search(r"http://\S+/membership/sign-in/(\S+)/", message.body).group(1)
    code = re.search(r"code on the sign-in page: (\d{6})", message.body).group(1)
    return link, code


def test_a_member_gets_a_link_and_code_and_the_token_is_stored_only_hashed(
    client, member, django_capture_on_commit_callbacks
):
    response = ask_for_link(client, "Reader@Example.com", django_capture_on_commit_callbacks)
    assert response.status_code == 200 and b"If that address belongs to a member" in response.content
    token, code = link_and_code(mail.outbox[0])
    assert len(token) >= 43  # 32 random bytes, base64url: 256 bits
    stored = SignInToken.objects.get()
    assert token not in stored.token_hash and code not in stored.code_hash
    assert stored.expires_at - stored.created_at == timedelta(minutes=15)


def test_opening_the_link_never_uses_it_up_and_the_button_signs_in_once(
    client, member, django_capture_on_commit_callbacks
):
    ask_for_link(client, member.email, django_capture_on_commit_callbacks)
    token, _ = link_and_code(mail.outbox[0])
    for _ in range(3):  # a mail scanner, then the reader, then a reload
        page = client.get(f"/membership/sign-in/{token}/")
        assert page.status_code == 200 and b">Sign in</button>" in page.content
    assert "sessionid" not in client.cookies
    response = client.post(f"/membership/sign-in/{token}/", headers=ORIGIN)
    assert response.status_code == 302 and response["Location"] == "/membership/account/"
    assert client.get("/membership/account/").status_code == 200
    other = client.__class__()
    assert other.post(f"/membership/sign-in/{token}/", headers=ORIGIN).status_code == 410
    assert b"expired or was already used" in other.get(f"/membership/sign-in/{token}/").content


def test_the_session_is_rotated_on_sign_in(client, member):
    client.get("/membership/join/")
    session = client.session
    session["planted"] = "x"
    session.save()
    before = client.cookies["sessionid"].value
    issued = token_issue(member=member)
    client.post(f"/membership/sign-in/{issued.token}/", headers=ORIGIN)
    assert client.cookies["sessionid"].value != before


def test_an_expired_link_does_not_sign_in(client, member):
    issued = token_issue(member=member)
    SignInToken.objects.update(expires_at=timezone.now() - timedelta(seconds=1))
    assert client.get(f"/membership/sign-in/{issued.token}/").status_code == 410
    assert client.post(f"/membership/sign-in/{issued.token}/", headers=ORIGIN).status_code == 410
    assert client.get("/membership/account/").status_code == 302


def test_a_link_posted_from_another_site_is_refused(client, member):
    issued = token_issue(member=member)
    response = client.post(f"/membership/sign-in/{issued.token}/", headers={"Origin": "https://evil.example"})
    assert response.status_code == 403
    assert SignInToken.objects.get().used_at is None


def test_the_code_signs_in_on_another_device(client, member):
    issued = token_issue(member=member)
    response = client.post("/membership/sign-in/code/", {"email": member.email, "code": issued.code}, headers=ORIGIN)
    assert response.status_code == 302
    assert client.get("/membership/account/").status_code == 200
    # and the link from the same mail is spent with it
    assert client.__class__().post(f"/membership/sign-in/{issued.token}/", headers=ORIGIN).status_code == 410


def test_five_wrong_codes_spend_the_token(client, member):
    issued = token_issue(member=member)
    wrong = "000000" if issued.code != "000000" else "111111"
    for _ in range(MAX_CODE_ATTEMPTS):
        response = client.post("/membership/sign-in/code/", {"email": member.email, "code": wrong}, headers=ORIGIN)
        assert response.status_code == 400 and b"not right" in response.content
    response = client.post("/membership/sign-in/code/", {"email": member.email, "code": issued.code}, headers=ORIGIN)
    assert response.status_code == 400
    assert client.get("/membership/account/").status_code == 302


def test_unknown_and_known_addresses_get_the_same_answer(client, member, django_capture_on_commit_callbacks):
    known = ask_for_link(client, member.email, django_capture_on_commit_callbacks)
    unknown = ask_for_link(client, "nobody@example.com", django_capture_on_commit_callbacks)
    assert known.status_code == unknown.status_code == 200
    strip = lambda html: html.replace(b"reader@example.com", b"").replace(b"nobody@example.com", b"")  # noqa: E731
    assert strip(known.content) == strip(unknown.content)
    assert [m.to for m in mail.outbox] == [["reader@example.com"]]
    assert not Member.objects.filter(email="nobody@example.com").exists()


def test_requests_are_limited_per_address_and_per_ip(client, member, django_capture_on_commit_callbacks):
    for _ in range(3):
        assert ask_for_link(client, member.email, django_capture_on_commit_callbacks).status_code == 200
    assert len(mail.outbox) == 1  # one mail per address per minute, same answer on the page
    for n in range(17):
        ask_for_link(client, f"someone{n}@example.com", django_capture_on_commit_callbacks)
    limited = ask_for_link(client, "late@example.com", django_capture_on_commit_callbacks)
    assert limited.status_code == 429 and b"Wait an hour" in limited.content
    other_ip = ask_for_link(client, "late@example.com", django_capture_on_commit_callbacks, REMOTE_ADDR="10.0.0.9")
    assert other_ip.status_code == 429 or other_ip.status_code == 200


def test_signing_out_ends_the_session(client, member):
    issued = token_issue(member=member)
    client.post(f"/membership/sign-in/{issued.token}/", headers=ORIGIN)
    assert client.get("/membership/account/").status_code == 200
    client.post("/membership/sign-out/")
    assert client.get("/membership/account/").status_code == 302


def test_members_are_not_staff_and_never_see_edit_post(client, member, newsroom):
    article = newsroom.add_article("Harbour budget passes")
    issued = token_issue(member=member)
    client.post(f"/membership/sign-in/{issued.token}/", headers=ORIGIN)
    page = client.get(article.url)
    assert b"Edit post" not in page.content
    assert client.get("/cms/").status_code == 302
