"""The one same-origin check for POST endpoints that public, cached pages call without a CSRF token.

Reader pages are the same for everyone (they come from the page cache), so their forms and
scripts (sign-in, join, gifts, newsletter sign-up) cannot carry a per-reader CSRF token. These
views are `csrf_exempt` and call `same_origin(request)` instead: the browser's `Origin`, or
failing that its `Referer`, must be this site (the request's own host, SITE_URL or one of
CSRF_TRUSTED_ORIGINS).

The policy: **a POST with neither Origin nor Referer is refused.** Members refused it,
newsletters allowed it ("other clients are not a CSRF risk"); we keep the strict one because
- every browser we serve sends Origin on a POST (and Referer when Origin is missing on old
  ones), so the only requests refused are ones no reader's browser makes;
- a browser that strips both (an extension, `Referrer-Policy: no-referrer` plus an old engine)
  is exactly where we cannot tell a forged post from a real one; Django's own CSRF check
  refuses the same case on HTTPS;
- scripts and bots gain nothing by leaving the headers out: they can send any Origin they
  like, so allowing the missing case protected no one and only widened the door.
`Origin: null` (sandboxed frames, some redirects) is refused too. A refused reader is told to
use the form on this site.
"""

from __future__ import annotations

import contextlib
from urllib.parse import urlsplit

from django.conf import settings
from django.core.exceptions import DisallowedHost
from django.http import HttpRequest


def _origin_of(url: str) -> str:
    parts = urlsplit(url)
    if not parts.scheme or not parts.netloc:
        return ""
    return f"{parts.scheme}://{parts.netloc}".lower()


def allowed_origins(request: HttpRequest) -> set[str]:
    allowed = {_origin_of(settings.SITE_URL), *(_origin_of(o) for o in settings.CSRF_TRUSTED_ORIGINS)}
    with contextlib.suppress(DisallowedHost):
        allowed.add(f"{request.scheme}://{request.get_host()}".lower())
    allowed.discard("")
    return allowed


def same_origin(request: HttpRequest) -> bool:
    """True when the POST comes from a page of this site (see the module docstring for the policy)."""
    origin = request.headers.get("Origin", "").strip()
    if origin:
        return origin != "null" and origin.rstrip("/").lower() in allowed_origins(request)
    referer = request.headers.get("Referer", "").strip()
    if not referer:
        return False
    source = _origin_of(referer)
    return bool(source) and source in allowed_origins(request)
