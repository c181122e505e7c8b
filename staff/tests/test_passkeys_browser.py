"""In Chromium with a virtual authenticator (the DevTools WebAuthn domain): a staff member adds
a passkey from the CMS, then signs in with the password and the passkey as the second step."""

from __future__ import annotations

import re

import pytest
from django_otp_webauthn.models import WebAuthnCredential

from staff.tests.conftest import PASSWORD
from staff.tests.test_second_factor_browser import WATCH_CSP


def _sign_in_with_password(page, base: str) -> None:
    page.goto(base + "/cms/login/")
    page.get_by_label("Username").fill("role-editor")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_staff_add_a_passkey_then_sign_in_with_it(live_server, roles, page, settings):
    # Browsers accept passkeys on http:// only at localhost, where pytest-django serves.
    assert live_server.url.startswith("http://localhost:")
    settings.OTP_WEBAUTHN_RP_ID = "localhost"
    settings.OTP_WEBAUTHN_ALLOWED_ORIGINS = [live_server.url]
    page.set_default_timeout(60_000)
    page.add_init_script(WATCH_CSP)
    cdp = page.context.new_cdp_session(page)
    cdp.send("WebAuthn.enable")
    authenticator = cdp.send(
        "WebAuthn.addVirtualAuthenticator",
        {
            "options": {
                "protocol": "ctap2",
                "transport": "internal",
                "hasResidentKey": True,
                "hasUserVerification": True,
                "isUserVerified": True,
                "automaticPresenceSimulation": True,
            }
        },
    )["authenticatorId"]
    violations: list[str] = []

    _sign_in_with_password(page, live_server.url)
    page.wait_for_url("**/cms/")
    page.wait_for_load_state("networkidle")
    page.goto(live_server.url + "/cms/two-step/")
    page.get_by_role("button", name="Add a passkey").click()
    page.locator("[data-staff-passkeys] li").first.wait_for()  # the page reloads with the list
    violations.extend(page.evaluate("window.__csp || []"))
    editor = roles["editor"]
    assert WebAuthnCredential.objects.filter(user=editor, confirmed=True).count() == 1
    assert len(cdp.send("WebAuthn.getCredentials", {"authenticatorId": authenticator})["credentials"]) == 1
    assert "Two-step sign-in is on" in page.locator("main").inner_text()

    page.context.clear_cookies()  # a new browser session: the password alone is not enough now
    _sign_in_with_password(page, live_server.url)
    page.get_by_role("heading", name="Enter your sign-in code").wait_for()
    # Let the page's own fetches (icon sprite) finish first: the test database is one SQLite
    # connection shared by the live server's threads, and two requests at once can break it.
    page.wait_for_load_state("networkidle")
    assert page.goto(live_server.url + "/cms/pages/").url.startswith(live_server.url + "/cms/two-step/verify/")
    page.wait_for_load_state("networkidle")
    page.get_by_role("button", name="Use a passkey").click()
    page.wait_for_url(re.compile(r".*/cms/pages/$"))
    violations.extend(page.evaluate("window.__csp || []"))
    response = page.goto(live_server.url + "/cms/pages/")
    assert response is not None and response.ok and page.url == live_server.url + "/cms/pages/"
    assert violations == []
