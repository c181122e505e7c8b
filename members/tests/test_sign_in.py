"""Passwordless sign-in: link plus code, single use, 15 minutes, no enumeration, rate limits."""

from __future__ import annotations

import re
import uuid
from datetime import timedelta

import pytest
from django.core import mail
from django.utils import timezone

from members.models import Member, SignInToken, WrongSignInCode
from members.signin import MAX_CODE_ATTEMPTS, MAX_WRONG_CODES_PER_DAY, token_issue

pytestmark = pytest.mark.django_db
ORIGIN = {"Origin": "http://testserver"}


@pytest.fixture
def member(db):
    return Member.objects.create(email="reader@example.com", name="Rea")


def ask_for_link(client, email, django_capture_on_commit_callbacks, **environ):
    """`environ` goes into the WSGI environ (e.g. REMOTE_ADDR), not into HTTP headers."""
    with django_capture_on_commit_callbacks(execute=True):
        return client.post("/membership/sign-in/", {"email": email}, headers=ORIGIN, **environ)


def enter_code(client, email, code, **environ):
    return client.post("/membership/sign-in/code/", {"email": email, "code": code}, headers=ORIGIN, **environ)


def wait_out_the_backoff():
    """Move every wrong code back past the longest back-off (still within the day)."""
    WrongSignInCode.objects.update(created_at=timezone.now() - timedelta(minutes=6))


def wrong_code_for(code: str) -> str:
    return "000000" if code != "000000" else "111111"


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
    scanner = client.__class__()
    assert scanner.get(f"/membership/sign-in/{token}/").status_code == 200
    assert "sessionid" not in scanner.cookies  # opening the link starts no session
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


def test_the_code_signs_in_the_browser_that_asked_while_the_mail_is_read_elsewhere(
    client, member, django_capture_on_commit_callbacks
):
    ask_for_link(client, member.email, django_capture_on_commit_callbacks)
    token, code = link_and_code(mail.outbox[0])  # read on a phone, typed on the laptop that asked
    response = enter_code(client, member.email, code)
    assert response.status_code == 302
    assert client.get("/membership/account/").status_code == 200
    # and the link from the same mail is spent with it
    assert client.__class__().post(f"/membership/sign-in/{token}/", headers=ORIGIN).status_code == 410


def test_the_right_code_does_not_work_in_a_browser_that_did_not_ask(client, member, django_capture_on_commit_callbacks):
    ask_for_link(client, member.email, django_capture_on_commit_callbacks)
    _, code = link_and_code(mail.outbox[0])
    attacker = client.__class__()
    attacker.get("/membership/sign-in/")
    response = enter_code(attacker, member.email, code)
    assert response.status_code == 400 and b"not right" in response.content
    assert attacker.get("/membership/account/").status_code == 302
    # a code with no browser at all (issued without one) works nowhere either
    issued = token_issue(member=member)
    wait_out_the_backoff()
    assert enter_code(client.__class__(), member.email, issued.code).status_code == 400


def test_five_wrong_codes_spend_the_token(client, member, django_capture_on_commit_callbacks):
    ask_for_link(client, member.email, django_capture_on_commit_callbacks)
    _, code = link_and_code(mail.outbox[0])
    for _ in range(MAX_CODE_ATTEMPTS):
        wait_out_the_backoff()
        response = enter_code(client, member.email, wrong_code_for(code))
        assert response.status_code == 400 and b"not right" in response.content
    wait_out_the_backoff()
    response = enter_code(client, member.email, code)
    assert response.status_code == 400
    assert client.get("/membership/account/").status_code == 302


def test_each_wrong_code_makes_the_next_try_wait_longer(client, member, django_capture_on_commit_callbacks):
    ask_for_link(client, member.email, django_capture_on_commit_callbacks)
    _, code = link_and_code(mail.outbox[0])
    assert enter_code(client, member.email, wrong_code_for(code)).status_code == 400
    # straight away, even the right code waits: guesses cannot be fired in a burst
    hurried = enter_code(client, member.email, code)
    assert hurried.status_code == 429 and b"Wait 1 seconds" in hurried.content
    WrongSignInCode.objects.update(created_at=timezone.now() - timedelta(seconds=2))
    assert enter_code(client, member.email, wrong_code_for(code)).status_code == 400
    assert b"Wait 2 seconds" in enter_code(client, member.email, code).content
    WrongSignInCode.objects.update(created_at=timezone.now() - timedelta(seconds=3))
    assert enter_code(client, member.email, code).status_code == 302


def fresh_mail_limits(monkeypatch):
    """Start the cache's counters afresh (as if the hour had passed), in keys of our own."""
    from lib import rate_limits

    run = uuid.uuid4().hex[:8]
    real_key = rate_limits._key
    monkeypatch.setattr(rate_limits, "_key", lambda scope, value, window: real_key(f"{scope}-{run}", value, window))


def test_wrong_codes_are_capped_per_address_per_day_across_links_browsers_and_ips(
    client, member, django_capture_on_commit_callbacks, monkeypatch
):
    """A brute force: ask for link after link (each a new code) from fresh browsers and
    addresses, and guess. The cap counts every wrong code for the address in the database."""
    guesses = 0
    while guesses < MAX_WRONG_CODES_PER_DAY:
        browser = client.__class__()
        SignInToken.objects.update(created_at=timezone.now() - timedelta(minutes=2))
        fresh_mail_limits(monkeypatch)  # the mail limits live in the cache; the cap does not
        ask_for_link(browser, member.email, django_capture_on_commit_callbacks, REMOTE_ADDR=f"10.1.0.{guesses}")
        _, code = link_and_code(mail.outbox[-1])
        for _ in range(2):
            wait_out_the_backoff()
            response = enter_code(browser, member.email, wrong_code_for(code), REMOTE_ADDR=f"10.2.0.{guesses}")
            assert response.status_code == 400
            guesses += 1
    assert WrongSignInCode.objects.count() == MAX_WRONG_CODES_PER_DAY
    # The eleventh try is refused even with the right code, in the browser that asked.
    browser = client.__class__()
    fresh_mail_limits(monkeypatch)
    ask_for_link(browser, member.email, django_capture_on_commit_callbacks)
    _, code = link_and_code(mail.outbox[-1])
    wait_out_the_backoff()
    locked = enter_code(browser, member.email, code)
    assert locked.status_code == 429 and b"Too many wrong codes" in locked.content
    assert browser.get("/membership/account/").status_code == 302
    # The link from that mail still works, and the cap lifts after a day.
    token, _ = link_and_code(mail.outbox[-1])
    assert browser.post(f"/membership/sign-in/{token}/", headers=ORIGIN).status_code == 302
    WrongSignInCode.objects.update(created_at=timezone.now() - timedelta(days=1, minutes=1))
    second = client.__class__()
    fresh_mail_limits(monkeypatch)
    ask_for_link(second, member.email, django_capture_on_commit_callbacks)
    _, code = link_and_code(mail.outbox[-1])
    assert enter_code(second, member.email, code).status_code == 302


def test_unknown_addresses_back_off_like_known_ones(client, member, django_capture_on_commit_callbacks):
    ask_for_link(client, member.email, django_capture_on_commit_callbacks)
    ask_for_link(client, "nobody@example.com", django_capture_on_commit_callbacks)
    known = [enter_code(client, member.email, "000001"), enter_code(client, member.email, "000002")]
    unknown = [enter_code(client, "nobody@example.com", "000001"), enter_code(client, "nobody@example.com", "000002")]
    assert [r.status_code for r in known] == [r.status_code for r in unknown] == [400, 429]


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
    # Another network is counted on its own: the same request from there is answered.
    other_ip = ask_for_link(client, "late@example.com", django_capture_on_commit_callbacks, REMOTE_ADDR="10.0.0.9")
    assert other_ip.status_code == 200 and b"on their way" in other_ip.content
    assert ask_for_link(client, "later@example.com", django_capture_on_commit_callbacks).status_code == 429


def test_a_second_request_within_a_minute_says_one_was_just_sent(client, member, django_capture_on_commit_callbacks):
    ask_for_link(client, member.email, django_capture_on_commit_callbacks)
    again = ask_for_link(client, member.email, django_capture_on_commit_callbacks)
    assert again.status_code == 200 and b"a moment ago" in again.content
    assert re.search(rb"ask for another in (\d+) seconds", again.content)
    assert len(mail.outbox) == 1
    # The same words for an address that is no member's: it reveals nothing.
    ask_for_link(client, "nobody@example.com", django_capture_on_commit_callbacks)
    stranger = ask_for_link(client, "nobody@example.com", django_capture_on_commit_callbacks)
    strip = lambda html: re.sub(rb"\d+ seconds|[a-z]+@example.com", b"", html)  # noqa: E731
    assert strip(stranger.content) == strip(again.content)


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
