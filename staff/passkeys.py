"""Passkeys as a second factor (django-otp-webauthn), beside the authenticator app.

A passkey is a WebAuthn credential kept by the person's device or password manager; it is
bound to the newsroom's domain, so a look-alike sign-in page cannot use it (phishing, the
attack journalists' accounts meet most). Staff add one on the two-step sign-in page and use it
at the code step instead of typing a code. It is a second factor only: the password still comes
first (passwordless sign-in is off), so the lockout counts keep working.

The relying party is SITE_URL: browsers accept a passkey only on https:// or http://localhost,
never on an IP address such as http://127.0.0.1:8000, so `passkeys_available()` says whether
the CMS can offer them at this address.
"""

from __future__ import annotations

from urllib.parse import urlsplit

from django.conf import settings
from django.http import HttpRequest
from django_otp_webauthn.models import WebAuthnCredential


def site_origin(site_url: str) -> str:
    parts = urlsplit(site_url)
    return f"{parts.scheme}://{parts.netloc}"


def origin_can_use_passkeys(origin: str) -> bool:
    parts = urlsplit(origin)
    return parts.scheme == "https" or (parts.scheme == "http" and parts.hostname == "localhost")


def passkeys_available() -> bool:
    return all(origin_can_use_passkeys(origin) for origin in settings.OTP_WEBAUTHN_ALLOWED_ORIGINS)


def relying_party_name(request: HttpRequest) -> str:
    return str(settings.WAGTAIL_SITE_NAME)


def passkeys_of(user) -> list[WebAuthnCredential]:  # type: ignore[no-untyped-def]
    return list(WebAuthnCredential.objects.filter(user=user, confirmed=True).order_by("created_at"))


def passkey_remove(*, user, passkey_id: int) -> bool:  # type: ignore[no-untyped-def]
    """Remove one of `user`'s passkeys; False when it is not theirs (or already gone)."""
    deleted, _ = WebAuthnCredential.objects.filter(user=user, pk=passkey_id).delete()
    return bool(deleted)
