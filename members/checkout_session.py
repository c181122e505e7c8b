"""Which checkouts this browser started: a checkout token works only in the session that made it.

A token that leaks (copied from a script, a log, a shared computer) is useless in another
browser, so replaying `POST /membership/join/pay/` elsewhere cannot sign anyone in. The session
holds only the tokens' hashes, the newest few.
"""

from __future__ import annotations

import hashlib
import secrets

from django.conf import settings
from django.http import HttpRequest

SESSION_KEY = "members.checkouts"
KEEP = 5


def new_token() -> tuple[str, str]:
    """A fresh checkout token (256 random bits) and the hash we store of it."""
    token = secrets.token_urlsafe(32)
    return token, token_hash(token)


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def bind(request: HttpRequest, token: str) -> None:
    """Remember that this browser started the checkout (creates the session if need be)."""
    started = [h for h in request.session.get(SESSION_KEY, []) if isinstance(h, str)]
    started.append(token_hash(token))
    request.session[SESSION_KEY] = started[-KEEP:]


def started_here(request: HttpRequest) -> list[str]:
    """Hashes of the checkouts this browser started (none without a session cookie)."""
    if not hasattr(request, "session") or settings.SESSION_COOKIE_NAME not in request.COOKIES:
        return []
    return [h for h in request.session.get(SESSION_KEY, []) if isinstance(h, str)]


def is_bound(request: HttpRequest, token: str) -> bool:
    return bool(token) and token_hash(token) in started_here(request)
