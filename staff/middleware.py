"""Sends staff to the second step of signing in before any other CMS page.

Runs after django-otp's OTPMiddleware (which tells whether this session passed a second factor).
For a signed-in person with CMS access whose session has not: someone with a second factor is
asked for a code; someone in a group that must have one (STAFF_2FA_REQUIRED_GROUPS) and has none
is sent to enrol. Only the pages of those two steps and signing out are reachable meanwhile.
"""

from __future__ import annotations

from collections.abc import Callable
from urllib.parse import urlencode

from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.urls import reverse

from staff.second_factor import has_second_factor, second_factor_required

# URL prefixes that are the CMS (Wagtail's admin and Django's).
PROTECTED_PREFIXES = ("/cms/", "/django-admin/")
PASSKEY_ENDPOINTS = (
    "credential-authentication-begin",
    "credential-authentication-complete",
    "credential-registration-begin",
    "credential-registration-complete",
    "js-i18n-catalog",
)


class StaffSecondFactorMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        redirect = self._second_step(request)
        return redirect or self.get_response(request)

    def _second_step(self, request: HttpRequest) -> HttpResponse | None:
        if not request.path.startswith(PROTECTED_PREFIXES):
            return None
        user = request.user
        if not user.is_authenticated or user.is_verified():  # type: ignore[union-attr,attr-defined]
            return None
        if not (user.is_staff or user.has_perm("wagtailadmin.access_admin")):
            return None  # a reader's account: the CMS refuses it anyway
        # The icon sprite and the JavaScript catalogue are fetched by the sign-in pages' own
        # scripts: redirected, the verify page's HTML would be inserted as the icon sprite (and
        # kept in the browser's storage), showing a second copy of the page.
        always_open = {
            reverse("wagtailadmin_logout"),
            reverse("wagtailadmin_login"),
            reverse("wagtailadmin_sprite"),
            reverse("wagtailadmin_javascript_catalog"),
            # A passkey is the code step's other way through (and, for someone who must enrol,
            # a way to enrol); django-otp-webauthn refuses to add one to an unverified session
            # that already has a second factor.
            *(reverse(f"otp_webauthn:{name}") for name in PASSKEY_ENDPOINTS),
        }
        if has_second_factor(user):
            target = reverse("staff_second_factor:verify")
        elif second_factor_required(user):
            target = reverse("staff_second_factor:enrol")
        else:
            return None
        if request.path in always_open or request.path == target:
            return None
        next_url = request.get_full_path() if request.method == "GET" else reverse("wagtailadmin_home")
        return HttpResponseRedirect(f"{target}?{urlencode({'next': next_url})}")
