"""Passkeys as a second factor: where their endpoints live and who may use them."""

from __future__ import annotations

import json

import pytest
from django_otp_webauthn.models import WebAuthnCredential

from staff.tests.test_second_factor import _enrolled

pytestmark = pytest.mark.django_db

BEGIN_REGISTRATION = "/cms/two-step/passkeys/registration/begin/"
BEGIN_AUTHENTICATION = "/cms/two-step/passkeys/authentication/begin/"


@pytest.fixture
def on_localhost(settings):
    settings.ALLOWED_HOSTS = ["localhost"]
    settings.OTP_WEBAUTHN_RP_ID = "localhost"
    settings.OTP_WEBAUTHN_ALLOWED_ORIGINS = ["http://localhost:8000"]
    return {"HTTP_HOST": "localhost:8000"}


def test_at_the_code_step_a_passkey_can_be_asked_for_but_not_added(client, roles, on_localhost):
    _enrolled(roles["editor"])
    client.force_login(roles["editor"])  # the password step only
    assert client.get("/cms/pages/", **on_localhost)["Location"].startswith("/cms/two-step/verify/")
    asked = client.post(BEGIN_AUTHENTICATION, content_type="application/json", **on_localhost)
    assert asked.status_code == 200 and json.loads(asked.content)["challenge"]
    added = client.post(BEGIN_REGISTRATION, content_type="application/json", **on_localhost)
    assert added.status_code == 403, added.content  # a thief with the password cannot add their own


def test_the_verify_page_offers_a_passkey_to_those_who_have_one_where_browsers_allow_it(
    client, roles, on_localhost, settings
):
    _enrolled(roles["editor"])
    client.force_login(roles["editor"])
    page = client.get("/cms/two-step/verify/", **on_localhost).content.decode()
    assert "passkey-verification-button" not in page  # an authenticator app only
    WebAuthnCredential.objects.create(
        user=roles["editor"], name="Laptop", confirmed=True, credential_id=b"credential", public_key=b"key"
    )
    page = client.get("/cms/two-step/verify/", **on_localhost).content.decode()
    assert 'id="passkey-verification-button"' in page and "otp_webauthn_auth.js" in page
    settings.OTP_WEBAUTHN_ALLOWED_ORIGINS = ["http://127.0.0.1:8000"]  # an IP address: no passkeys
    page = client.get("/cms/two-step/verify/", **on_localhost).content.decode()
    assert "passkey-verification-button" not in page


def test_a_reader_account_cannot_reach_the_passkey_endpoints(client, on_localhost):
    from django.contrib.auth import get_user_model

    reader = get_user_model().objects.create_user(username="reader", email="reader@example.com")
    client.force_login(reader)
    response = client.post(BEGIN_REGISTRATION, content_type="application/json", **on_localhost)
    assert response.status_code == 302 and "/cms/login/" in response["Location"]
