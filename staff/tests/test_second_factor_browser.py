"""In Chromium: a staff member signs in and enrols an authenticator from the CMS; no page on the
way breaks the Content-Security-Policy."""

from __future__ import annotations

import re
from base64 import b32decode

import pytest
from django_otp.oath import totp

from staff.tests.conftest import PASSWORD

# Collects what the Content-Security-Policy blocked, before any page script runs.
WATCH_CSP = (
    "window.__csp = []; document.addEventListener('securitypolicyviolation',"
    " e => window.__csp.push(e.violatedDirective + ' ' + e.blockedURI));"
)


def _code(secret: str, drift: int = 0) -> str:
    raw = secret.replace(" ", "")
    return f"{totp(b32decode(raw + '=' * (-len(raw) % 8)), drift=drift):06d}"


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_staff_enrol_a_totp_device_then_sign_in_with_a_code(live_server, roles, page):
    page.set_default_timeout(60_000)
    page.add_init_script(WATCH_CSP)
    violations: list[str] = []

    def check_csp() -> None:
        violations.extend(page.evaluate("window.__csp || []"))

    page.goto(live_server.url + "/cms/login/")
    page.get_by_label("Username").fill("role-editor")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url("**/cms/")
    check_csp()

    page.goto(live_server.url + "/cms/account/")
    page.get_by_role("tab", name="More actions").click()
    page.get_by_role("link", name=re.compile("Two-step sign-in")).click()
    page.get_by_role("link", name="Set up two-step sign-in").click()
    page.get_by_text("scan this code").wait_for()
    assert page.locator("[data-staff-qr] svg").count() == 1
    secret = page.locator("[data-staff-secret]").inner_text()
    page.get_by_label("Code").fill(_code(secret))
    page.get_by_role("button", name="Turn on two-step sign-in").click()
    page.get_by_role("heading", name="Two-step sign-in is on").wait_for()
    assert page.locator("[data-staff-backup-codes] li").count() == 10
    check_csp()

    page.context.clear_cookies()  # a new browser session: the password alone is no longer enough
    page.goto(live_server.url + "/cms/login/")
    page.get_by_label("Username").fill("role-editor")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    page.get_by_role("heading", name="Enter your sign-in code").wait_for()
    # The next time step: the code used to enrol cannot be used twice.
    page.get_by_label("Code").fill(_code(secret, drift=1))
    page.get_by_role("button", name="Continue").click()
    page.wait_for_url(re.compile(r".*/cms/$"))
    check_csp()
    assert violations == []
    # Signed in for good: CMS pages open instead of sending back to the code step (and get the
    # CMS's policy, which lets the page explorer's inline script of Wagtail's run).
    response = page.goto(live_server.url + "/cms/pages/")
    assert response is not None and response.ok and page.url == live_server.url + "/cms/pages/"
