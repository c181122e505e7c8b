"""Two-step sign-in for staff: enrolling an authenticator, the code step, the requirement."""

from __future__ import annotations

import re
from base64 import b32decode
from pathlib import Path

import pytest
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from staff.second_factor import authenticator_confirm, pending_authenticator

pytestmark = pytest.mark.django_db


def code_for(secret_text: str, *, drift: int = 0) -> str:
    """The code an authenticator app shows for the secret as the enrol page prints it."""
    key = b32decode(secret_text.replace(" ", "") + "=" * (-len(secret_text.replace(" ", "")) % 8))
    return f"{totp(key, drift=drift):06d}"


def _secret_on(html: str) -> str:
    match = re.search(r"<code data-staff-secret>([A-Z2-7 ]+)</code>", html)
    assert match, "the enrol page prints the secret as text"
    return match.group(1)


def _enrolled(user) -> list[str]:  # type: ignore[no-untyped-def]
    device = pending_authenticator(user=user)
    codes = authenticator_confirm(device=device, token=f"{totp(device.bin_key):06d}")
    assert codes is not None
    return codes


def test_staff_enrol_from_the_account_page_with_a_qr_code_and_a_code(client, roles):
    client.force_login(roles["editor"])
    account = client.get("/cms/account/").content.decode()
    assert 'href="/cms/two-step/"' in account
    assert "Set up two-step sign-in" in client.get("/cms/two-step/").content.decode()
    page = client.get("/cms/two-step/enrol/").content.decode()
    assert "<svg" in page and "QR code for your authenticator app" in page
    secret = _secret_on(page)
    assert client.get("/cms/two-step/enrol/").content.decode().count(secret) == 1  # same secret on reload
    wrong = client.post("/cms/two-step/enrol/", {"otp_token": "000000"})
    assert "That code did not match" in wrong.content.decode()
    TOTPDevice.objects.get(user=roles["editor"]).throttle_reset()  # a wrong code makes the next wait a moment
    done = client.post("/cms/two-step/enrol/", {"otp_token": code_for(secret)})
    html = done.content.decode()
    assert "Two-step sign-in is on" in html
    assert len(re.findall(r"<li><code>[a-z2-7]+</code></li>", html)) == 10
    assert TOTPDevice.objects.get(user=roles["editor"]).confirmed


def test_after_the_password_a_staff_member_with_a_second_factor_must_type_a_code(client, roles):
    from staff.tests.conftest import PASSWORD

    _enrolled(roles["editor"])
    response = client.post("/cms/login/", {"username": "role-editor", "password": PASSWORD}, REMOTE_ADDR="192.0.2.4")
    assert response.status_code == 302
    for path in ("/cms/", "/cms/pages/", "/cms/two-step/enrol/", "/cms/two-step/"):
        denied = client.get(path)
        assert denied.status_code == 302 and denied["Location"].startswith("/cms/two-step/verify/"), path
    # What the sign-in pages' own scripts fetch stays reachable: redirected, the verify page's
    # HTML was inserted as Wagtail's icon sprite, a second copy of the page in the browser.
    sprite = client.get("/cms/sprite/")
    assert sprite.status_code == 200 and sprite["Content-Type"].startswith("image/svg+xml")
    device = TOTPDevice.objects.get(user=roles["editor"])
    bad = client.post("/cms/two-step/verify/", {"otp_token": "123456", "next": "/cms/pages/"})
    assert "That code did not work" in bad.content.decode()
    device.refresh_from_db()
    device.throttle_reset()  # a wrong code makes the next one wait a moment
    good = client.post(
        "/cms/two-step/verify/", {"otp_token": f"{totp(device.bin_key, drift=1):06d}", "next": "/cms/pages/"}
    )
    assert good.status_code == 302 and good["Location"] == "/cms/pages/"
    assert client.get("/cms/").status_code == 200


def test_a_backup_code_works_once(client, roles):
    codes = _enrolled(roles["editor"])
    client.force_login(roles["editor"])
    assert client.post("/cms/two-step/verify/", {"otp_token": codes[0]}).status_code == 302
    assert client.get("/cms/").status_code == 200
    client.logout()
    client.force_login(roles["editor"])
    again = client.post("/cms/two-step/verify/", {"otp_token": codes[0]})
    assert "That code did not work" in again.content.decode()


def test_the_verify_step_never_redirects_off_site(client, roles):
    codes = _enrolled(roles["editor"])
    client.force_login(roles["editor"])
    response = client.post("/cms/two-step/verify/", {"otp_token": codes[1], "next": "https://evil.example/"})
    assert response["Location"] == "/cms/"


def test_with_the_requirement_on_an_administrator_without_a_second_factor_is_sent_to_enrol(client, roles, settings):
    settings.STAFF_2FA_REQUIRED_GROUPS = ["Administrators"]
    client.force_login(roles["admin"])
    for path in ("/cms/", "/cms/revenue/", "/cms/users/"):
        response = client.get(path)
        assert response.status_code == 302
        assert response["Location"].startswith("/cms/two-step/enrol/"), path
    assert "Your role must sign in with a second step" in client.get("/cms/two-step/enrol/").content.decode()
    # Outside the requirement, a reporter may go on without one.
    client.force_login(roles["reporter"])
    assert client.get("/cms/").status_code == 200


def test_the_requirement_is_on_for_administrators_with_debug_off():
    import subprocess
    import sys

    out = subprocess.run(
        [sys.executable, "-c", "from config import settings; print(settings.STAFF_2FA_REQUIRED_GROUPS)"],
        env={"PATH": "/usr/bin:/bin", "SECRET_KEY": "x" * 50, "DEBUG": "0"},
        capture_output=True,
        text=True,
        check=True,
        cwd=Path(__file__).resolve().parents[2],
    ).stdout
    assert out.strip() == "['Administrators']"


def test_a_required_role_cannot_switch_it_off(client, roles, settings):
    settings.STAFF_2FA_REQUIRED_GROUPS = ["Editors"]
    codes = _enrolled(roles["editor"])
    client.force_login(roles["editor"])
    client.post("/cms/two-step/verify/", {"otp_token": codes[0]})
    client.post("/cms/two-step/remove/")
    assert TOTPDevice.objects.filter(user=roles["editor"], confirmed=True).exists()
