"""The Content-Security-Policy every response carries (Django's SECURE_CSP).

Scripts only from our own origin and Stripe (Stripe.js, and the frames of its 3-D Secure
checks); no plugins; only our own pages may frame ours (Wagtail's preview). There is no nonce and
no inline script on purpose: every reader gets the same bytes, so the page cache keeps working.
Styles are not restricted: Wagtail's admin sets inline styles. The signed-in CMS allows inline
scripts (`cms_content_security_policy`): Wagtail's widgets need them.
"""

from __future__ import annotations

from urllib.parse import urlsplit

STRIPE_ORIGINS = ["https://js.stripe.com"]
STRIPE_FRAME_ORIGINS = ["https://js.stripe.com", "https://hooks.stripe.com"]


def content_security_policy(*, stripe_api_base: str = "") -> dict[str, list[str]]:
    """SECURE_CSP for a site whose Stripe.js comes from Stripe, or from `stripe_api_base`
    (localstripe in development and tests, which serves its own Stripe.js)."""
    extra: list[str] = []
    if stripe_api_base:
        parts = urlsplit(stripe_api_base)
        extra = [f"{parts.scheme}://{parts.netloc}"]
    return {
        "script-src": ["'self'", *STRIPE_ORIGINS, *extra],
        "frame-src": ["'self'", *STRIPE_FRAME_ORIGINS, *extra],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "frame-ancestors": ["'self'"],
    }


def cms_content_security_policy(policy: dict[str, list[str]]) -> dict[str, list[str]]:
    """`policy` as the signed-in CMS needs it: inline scripts allowed.

    Wagtail's own form widgets start themselves with inline scripts (`new PageChooser(…)`,
    `new InlinePanel(…)`, `initDateTimeChooser(…)`; Wagtail issue #1288), so with the reader
    site's policy a reporter cannot choose an author or add an update. Only staff who have
    passed every step of signing in get this policy (staff.middleware.CmsContentSecurityPolicyMiddleware):
    the sign-in pages keep the strict one.
    """
    return {**policy, "script-src": [*policy["script-src"], "'unsafe-inline'"]}
