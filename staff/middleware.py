"""Sends staff to the second step of signing in before any other CMS page.

Runs after django-otp's OTPMiddleware (which tells whether this session passed a second factor).
For a signed-in person with CMS access whose session has not: someone with a second factor is
asked for a code; someone in a group that must have one (STAFF_2FA_REQUIRED_GROUPS) and has none
is sent to enrol. Only the pages of those two steps and signing out are reachable meanwhile.

CmsContentSecurityPolicyMiddleware gives the CMS pages of staff past both steps the policy
Wagtail's widgets need (lib.csp.cms_content_security_policy).
"""

from __future__ import annotations

from collections.abc import Callable
from urllib.parse import urlencode

from django.conf import settings
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.urls import reverse

from lib.csp import cms_content_security_policy
from staff.second_factor import has_second_factor, second_factor_required

# URL prefixes that are the CMS (Wagtail's admin and Django's).
PROTECTED_PREFIXES = ("/cms/", "/django-admin/")


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


def _cms_user(user) -> bool:  # type: ignore[no-untyped-def]
    return user.is_authenticated and (user.is_staff or user.has_perm("wagtailadmin.access_admin"))


def past_sign_in(user) -> bool:  # type: ignore[no-untyped-def]
    """Signed in with CMS access, and past the second step where there is one."""
    if not _cms_user(user):
        return False
    if getattr(user, "is_verified", lambda: False)():  # django_otp.middleware.OTPMiddleware's
        return True
    return not (has_second_factor(user) or second_factor_required(user))


class CmsContentSecurityPolicyMiddleware:
    """Signed-in staff's CMS responses get the CMS policy; everyone else's the site's.

    Listed after Django's ContentSecurityPolicyMiddleware, so it sets the response's policy (as
    Django's `csp_override` decorator does) before that middleware writes the header. The sign-in,
    code and enrolment pages keep the strict policy: nobody there has proved who they are yet.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response
        self.policy = cms_content_security_policy(settings.SECURE_CSP)

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        user = getattr(request, "user", None)  # absent when an earlier middleware answered
        if request.path.startswith(PROTECTED_PREFIXES) and user is not None and past_sign_in(user):
            response._csp_config = self.policy  # type: ignore[attr-defined]
        return response
