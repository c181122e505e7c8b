"""The reader *kind* (anonymous, member, supporter) that lets signed-in members read cached pages.

Members are a newsroom's most frequent readers, so their page views come from the page cache
too. A cached page may differ only by kind, never by person: the asks (shown to everyone but
supporters) and the header's "Sign in" / "Your account" link. Anything about one person (the
name in a thank-you) is filled in the browser from `/membership/me.json`
(`Cache-Control: private, no-store`) by `members/static/members/me.js`.

How the kind travels: the `mh_kind` cookie, `<kind>:<expiry>:<signature>`, where the signature
is an HMAC (SECRET_KEY) over the kind, the expiry **and the session id the browser holds**. So:

- it cannot be made up, and it cannot be copied to another browser or outlive its session: a
  new session id (every sign-in, a staff sign-in to the CMS in the same browser, sign-out)
  makes it worthless, and the page cache then renders the page from the session as before;
- checking it costs one HMAC and no session or database read, which is what makes a member's
  page view as cheap as an anonymous one;
- it is refreshed on every response that read the member from the session anyway (account
  pages, `/membership/me.json`, any bypassed render), and expires after a day at most (a
  supporter's sooner, when their access ends), so a lapsed or cancelled supporter sees the
  asks again within a day, and a new one stops seeing them on their next uncached response.

What a wrong kind could do, and why that is acceptable: the kinds only choose between the
public variants of a page. A stale or (at the edge, which cannot check signatures) forged
"supporter" kind hides the membership asks from that reader and nothing more; it never shows
a private page (those are never stored, see newsroom/page_cache.py), a paywalled text, or
another member's data (the cached variants hold none). Staff are never given the cookie, so
they keep bypassing the cache (CMS userbar, previews, "Edit post").
"""

from __future__ import annotations

import time

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.utils.crypto import constant_time_compare, salted_hmac

COOKIE_NAME = "mh_kind"
MEMBER = "member"
SUPPORTER = "supporter"
KINDS = (MEMBER, SUPPORTER)
# The longest a kind is believed without the session being read again.
MAX_AGE = 24 * 3600
_SALT = "members.reader_kind"
# Django's auth session key: a session of a staff user never gets a kind (they bypass).
_STAFF_SESSION_KEY = "_auth_user_id"


def _signature(kind: str, expires: int, session_id: str) -> str:
    return salted_hmac(_SALT, f"{kind}:{expires}:{session_id}", algorithm="sha256").hexdigest()[:32]


def make_value(kind: str, session_id: str, *, expires: int) -> str:
    return f"{kind}:{expires}:{_signature(kind, expires, session_id)}"


def verified_kind(request: HttpRequest, *, now: float | None = None) -> str | None:
    """The kind the request's cookie proves for its session, or None (absent, forged, copied
    from another session, or expired). Reads no session and no database."""
    value = request.COOKIES.get(COOKIE_NAME, "")
    session_id = request.COOKIES.get(settings.SESSION_COOKIE_NAME, "")
    if not value or not session_id or len(value) > 100:
        return None
    kind, _, rest = value.partition(":")
    expires_text, _, signature = rest.partition(":")
    if kind not in KINDS or not expires_text.isdigit() or len(expires_text) > 12:
        return None
    expires = int(expires_text)
    if expires <= (time.time() if now is None else now):
        return None
    if not constant_time_compare(signature, _signature(kind, expires, session_id)):
        return None
    return kind


def kind_for_cache(request: HttpRequest) -> str | None:
    """settings.PAGE_CACHE_READER_KIND: the kind whose shared copy a request with a session
    cookie may be answered with, or None to bypass the page cache (render from the session)."""
    return verified_kind(request)


class SharedMember:
    """What templates see as `current_member` in a shared variant: someone signed in, no one in
    particular. Per-person text is filled by me.js (`data-member-fill`)."""

    is_shared = True
    name = ""
    pk = None

    def __bool__(self) -> bool:
        return True


def shared_kind(request: HttpRequest) -> str | None:
    """While the page cache renders the shared variant of a page for a kind of reader, that kind
    (the request then carries no session: nothing personal can reach the HTML). Else None."""
    from newsroom.page_cache import shared_reader_kind

    return shared_reader_kind(request)


def _wanted(request: HttpRequest) -> tuple[str | None, int]:
    """The kind this browser's session should carry now, and until when."""
    from members.auth import get_member

    if not hasattr(request, "session") or request.session.get(_STAFF_SESSION_KEY) is not None:
        return None, 0
    member = get_member(request)
    if member is None:
        return None, 0
    # Read afresh: the request's member was loaded before the view ran, and the view may just
    # have made them a supporter (the join's pay step) or ended their access (cancelling). A
    # stale kind would keep asking a reader who just paid for up to a day from cached copies.
    fresh = list(type(member).objects.filter(pk=member.pk).values_list("access_until", flat=True))
    if not fresh:  # deleted meanwhile
        return None, 0
    member.access_until = fresh[0]
    now = int(time.time())
    expires = now + MAX_AGE
    if member.is_supporter and member.access_until is not None:
        return SUPPORTER, min(expires, int(member.access_until.timestamp()))
    return MEMBER, expires


class ReaderKindMiddleware:
    """Keeps the `mh_kind` cookie in step with the session. Sits just before Django's session
    middleware, so on the way out it sees the session id that browser will hold.

    Only responses that read the member anyway (or carry a cookie that no longer fits) are
    touched, so anonymous pages stay cookie-free and cacheable.
    """

    def __init__(self, get_response):  # type: ignore[no-untyped-def]
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if shared_kind(request) is not None:
            return response  # a shared variant: never anything per browser on it
        try:
            self._sync(request, response)
        except Exception:  # the cookie is an optimisation; never fail a response over it
            import logging

            logging.getLogger(__name__).exception("reader kind cookie not updated")
        return response

    def _sync(self, request: HttpRequest, response: HttpResponse) -> None:
        name = settings.SESSION_COOKIE_NAME
        incoming = request.COOKIES.get(COOKIE_NAME)
        morsel = response.cookies.get(name)
        # A Set-Cookie from the session middleware (a new key, or a deletion) is what the browser will hold.
        session_id = morsel.value if morsel is not None else request.COOKIES.get(name, "")
        if not session_id:
            if incoming is not None:
                self._delete(response)
            return
        member_known = hasattr(request, "_member_cache") or morsel is not None
        still_valid = incoming is not None and verified_kind(request) is not None and morsel is None
        if not member_known and (incoming is None or still_valid):
            # The response never looked at the member (staff pages, static views): leave it.
            return
        kind, expires = _wanted(request)
        if kind is None:
            if incoming is not None:
                self._delete(response)
            return
        if still_valid and incoming is not None and incoming.startswith(f"{kind}:"):
            issued_expiry = int(incoming.split(":")[1])
            if issued_expiry - time.time() > MAX_AGE / 2 or (kind == SUPPORTER and issued_expiry >= expires):
                return  # right kind and fresh enough: no Set-Cookie on every response
        response.set_cookie(
            COOKIE_NAME,
            make_value(kind, session_id, expires=expires),
            max_age=settings.SESSION_COOKIE_AGE,
            path=settings.SESSION_COOKIE_PATH,
            domain=settings.SESSION_COOKIE_DOMAIN,
            secure=settings.SESSION_COOKIE_SECURE,
            httponly=True,
            samesite=settings.SESSION_COOKIE_SAMESITE or "Lax",
        )

    @staticmethod
    def _delete(response: HttpResponse) -> None:
        response.delete_cookie(
            COOKIE_NAME,
            path=settings.SESSION_COOKIE_PATH,
            domain=settings.SESSION_COOKIE_DOMAIN,
            samesite=settings.SESSION_COOKIE_SAMESITE or "Lax",
        )
