"""Which member a request belongs to. Members have their own session key, not Django's user.

The session is only read when the request carries a session cookie, so anonymous pages stay
identical for everyone and cacheable (no `Vary: Cookie`).
"""

from __future__ import annotations

from django.http import HttpRequest

from members.models import Member

SESSION_KEY = "members.member_id"


def get_member(request: HttpRequest) -> Member | None:
    if hasattr(request, "_member_cache"):
        return request._member_cache  # type: ignore[attr-defined]
    member = None
    if "sessionid" in request.COOKIES and hasattr(request, "session"):
        member_id = request.session.get(SESSION_KEY)
        if member_id is not None:
            member = Member.objects.filter(pk=member_id).first()
            if member is None:  # the account was deleted: this session is over too
                request.session.flush()
    request._member_cache = member  # type: ignore[attr-defined]
    return member


def sign_in(request: HttpRequest, member: Member) -> None:
    """A new session key on every sign-in, so a planted session id is worthless."""
    request.session.cycle_key()
    request.session[SESSION_KEY] = member.pk
    request._member_cache = member  # type: ignore[attr-defined]


def sign_out(request: HttpRequest) -> None:
    request.session.flush()
    request._member_cache = None  # type: ignore[attr-defined]
