"""The Content-Security-Policy every response carries (Django's SECURE_CSP).

Scripts only from our own origin and Stripe (Stripe.js, and the frames of its 3-D Secure
checks); no plugins; only our own pages may frame ours (Wagtail's preview). There is no nonce and
no inline script on purpose: every reader gets the same bytes, so the page cache keeps working.
Styles are not restricted: Wagtail's admin sets inline styles.

The CMS keeps the same policy (Wagtail's inline scripts are replaced, lib/wagtail_csp.py) plus
one exception, `CMS_SCRIPT_ATTR_HASHES`, added by `CmsPolicyMiddleware` to /cms/ responses only.
"""

from __future__ import annotations

from collections.abc import Callable
from urllib.parse import urlsplit

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.utils.csp import CSP, build_policy

# The image editor's cropping library (Jcrop, bundled with Wagtail) tests for touch support by
# setting `ontouchmove="return;"` on a detached element. 'unsafe-hashes' with this one hash
# allows exactly that no-op handler, nothing else inline.
CMS_SCRIPT_ATTR_HASHES = ["'sha256-i+qr4lq34KgNHiW62lWi9aInEBwiEOrfCzaNPCvkqD8='"]  # sha256("return;")
CMS_PREFIX = "/cms/"

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
    """The CMS's policy: the site's, plus the hashed no-op event handler above."""
    return {**policy, "script-src-attr": [CSP.UNSAFE_HASHES, *CMS_SCRIPT_ATTR_HASHES]}


class CmsPolicyMiddleware:
    """Gives /cms/ responses the CMS policy. Sits inside Django's CSP middleware, which leaves
    a Content-Security-Policy header already set alone; readers' pages are untouched."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response
        self.policy = build_policy(cms_content_security_policy(settings.SECURE_CSP))

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        header = str(CSP.HEADER_ENFORCE)  # a plain str: WSGI servers refuse a StrEnum
        if request.path.startswith(CMS_PREFIX) and header not in response:
            response.headers[header] = self.policy
        return response
