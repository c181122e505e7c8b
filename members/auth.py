"""Which member a request belongs to. Members have their own session key, not Django's user.

The session is only read when the request carries a session cookie, so anonymous pages stay
identical for everyone and cacheable (no `Vary: Cookie`).
"""

from __future__ import annotations

import hashlib
import secrets

from django.conf import settings
from django.http import HttpRequest

from members.models import Member

SESSION_KEY = "members.member_id"
# False when the session was signed in by paying on the join page: the address is not proven
# to be the payer's, so pages holding data found by address (export, deletion) ask for a link.
PROVEN_KEY = "members.proven"


def get_member(request: HttpRequest) -> Member | None:
    if hasattr(request, "_member_cache"):
        return request._member_cache  # type: ignore[attr-defined]
    member = None
    if settings.SESSION_COOKIE_NAME in request.COOKIES and hasattr(request, "session"):
        member_id = request.session.get(SESSION_KEY)
        if member_id is not None:
            member = Member.objects.filter(pk=member_id).first()
            if member is None:  # the account was deleted: this session is over too
                request.session.flush()
    request._member_cache = member  # type: ignore[attr-defined]
    return member


def sign_in(request: HttpRequest, member: Member, *, proven: bool = True) -> None:
    """A new session key on every sign-in, so a planted session id is worthless. `proven`: the
    browser showed it reads the member's mail (a link or code), not only that it paid."""
    request.session.cycle_key()
    request.session[SESSION_KEY] = member.pk
    request.session[PROVEN_KEY] = proven
    request._member_cache = member  # type: ignore[attr-defined]


def session_is_proven(request: HttpRequest) -> bool:
    """Signed in with a link or code from the member's mail (not only by paying)."""
    return get_member(request) is not None and request.session.get(PROVEN_KEY) is True


def sign_out(request: HttpRequest) -> None:
    request.session.flush()
    request._member_cache = None  # type: ignore[attr-defined]


BROWSER_KEY = "members.browser"


def browser_key(request: HttpRequest) -> str:
    """A hash of a random nonce kept in this browser's session (made on first use): sign-in
    codes are bound to it, so a code works only in the browser that asked for it."""
    nonce = request.session.get(BROWSER_KEY)
    if not isinstance(nonce, str):
        nonce = secrets.token_urlsafe(32)
        request.session[BROWSER_KEY] = nonce
    return hashlib.sha256(nonce.encode()).hexdigest()


def browser_key_if_any(request: HttpRequest) -> str:
    """The same hash, or "" for a browser that never asked for anything (no session)."""
    if settings.SESSION_COOKIE_NAME not in request.COOKIES or not hasattr(request, "session"):
        return ""
    nonce = request.session.get(BROWSER_KEY)
    return hashlib.sha256(nonce.encode()).hexdigest() if isinstance(nonce, str) else ""
