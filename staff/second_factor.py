"""Staff two-step sign-in (django-otp): who must have a second factor, and enrolling one.

A second factor is an authenticator app (TOTP, RFC 6238) or a passkey (staff/passkeys.py), plus
ten single-use backup codes for the day the phone is lost. Administrators must use one when DEBUG is off
(STAFF_2FA_REQUIRED_GROUPS); everyone else may. Superusers count as members of the
Administrators group.
"""

from __future__ import annotations

from base64 import b32encode
from dataclasses import dataclass

import segno
from django.conf import settings
from django.db import transaction
from django_otp import user_has_device
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice
from django_otp_webauthn.models import WebAuthnCredential

from staff.roles import ADMINISTRATORS

AUTHENTICATOR_NAME = "Authenticator app"
BACKUP_CODES_NAME = "Backup codes"
BACKUP_CODE_COUNT = 10


def second_factor_required(user) -> bool:  # type: ignore[no-untyped-def]
    """Whether `user` may use the CMS only after a second factor (STAFF_2FA_REQUIRED_GROUPS)."""
    required = set(settings.STAFF_2FA_REQUIRED_GROUPS)
    if not required or not user.is_authenticated:
        return False
    if "*" in required or (user.is_superuser and ADMINISTRATORS in required):
        return True
    return user.groups.filter(name__in=required).exists()


def has_second_factor(user) -> bool:  # type: ignore[no-untyped-def]
    return user_has_device(user, confirmed=True)


def pending_authenticator(*, user) -> TOTPDevice:  # type: ignore[no-untyped-def]
    """The not-yet-confirmed authenticator being enrolled; the same secret until it is confirmed,
    so reloading the page does not invalidate the QR code already scanned."""
    device = TOTPDevice.objects.filter(user=user, confirmed=False).order_by("-pk").first()
    if device is None:
        device = TOTPDevice.objects.create(user=user, name=AUTHENTICATOR_NAME, confirmed=False)
    return device


@dataclass(frozen=True)
class EnrolmentDetails:
    qr_svg: str
    secret: str
    uri: str


def enrolment_details(device: TOTPDevice) -> EnrolmentDetails:
    """The QR code (inline SVG, made locally) and the secret as text, for apps that cannot scan."""
    uri = device.config_url
    secret = b32encode(device.bin_key).decode("ascii").rstrip("=")
    qr = segno.make(uri, error="m")
    svg = qr.svg_inline(scale=5, title="QR code for your authenticator app", dark="#1b1b1b", light="#ffffff")
    return EnrolmentDetails(qr_svg=svg, secret=" ".join(secret[i : i + 4] for i in range(0, len(secret), 4)), uri=uri)


@transaction.atomic
def authenticator_confirm(*, device: TOTPDevice, token: str) -> list[str] | None:
    """Confirm `device` if `token` is its current code; then it is the user's only authenticator
    and a fresh set of backup codes replaces any old one. Returns the backup codes (shown once),
    or None when the code is wrong."""
    if not device.verify_token(token.replace(" ", "")):
        return None
    device.confirmed = True
    device.save(update_fields=["confirmed"])
    TOTPDevice.objects.filter(user=device.user).exclude(pk=device.pk).delete()
    return backup_codes_renew(user=device.user)


@transaction.atomic
def backup_codes_renew(*, user) -> list[str]:  # type: ignore[no-untyped-def]
    """Replace the user's backup codes with BACKUP_CODE_COUNT new single-use ones."""
    device, _ = StaticDevice.objects.get_or_create(user=user, name=BACKUP_CODES_NAME, defaults={"confirmed": True})
    device.token_set.all().delete()
    codes = [StaticToken.random_token() for _ in range(BACKUP_CODE_COUNT)]
    StaticToken.objects.bulk_create([StaticToken(device=device, token=code) for code in codes])
    return codes


def backup_codes_left(user) -> int:  # type: ignore[no-untyped-def]
    return StaticToken.objects.filter(device__user=user, device__confirmed=True).count()


@transaction.atomic
def second_factor_remove(*, user) -> None:  # type: ignore[no-untyped-def]
    """Remove every second factor of `user` (an administrator does this for a lost phone)."""
    TOTPDevice.objects.filter(user=user).delete()
    StaticDevice.objects.filter(user=user).delete()
    WebAuthnCredential.objects.filter(user=user).delete()
