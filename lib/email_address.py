"""Email addresses: one way to tidy what a reader typed, one way to keep an address as a hash.

**Normalised** (`normalise_email`): surrounding spaces gone and the domain in lower case. The
local part keeps the case the reader typed: RFC 5321 lets a receiving server tell `Ada` from
`ada`, so mail goes exactly where they asked (newsletters store and send to this form).

**Account key** (`account_email`): the normalised address folded to lower case. A member who
joins as `Ada@…` and signs in as `ada@…` must find one account; no mail provider we know of
delivers those two to different people, and an account split in two would be worse.

**Hash** (`email_hash`): HMAC-SHA256 keyed by `MEMBERS_EMAIL_HASH_KEY` (`SECRET_KEY` when
unset) of the plain SHA-256 of the lower-cased address, so a copy of the database alone cannot
be matched against a list of addresses, and rows hashed before the key existed could be
re-keyed by a migration without knowing the address (`rekey_email_hash`). Each app passes its
own salt, so its hashes cannot be joined with another app's. Changing the key orphans old rows.
"""

from __future__ import annotations

import hashlib

from django.conf import settings
from django.utils.crypto import salted_hmac


def normalise_email(address: str) -> str:
    """The address to store and send to: trimmed, domain in lower case, local part as typed."""
    local, _, domain = (address or "").strip().rpartition("@")
    return f"{local}@{domain.lower()}" if local else (address or "").strip()


def account_email(address: str) -> str:
    """The address as an account's key: normalised, then entirely in lower case."""
    return normalise_email(address).lower()


def email_hash_key() -> str:
    """The secret every kept address hash is keyed with."""
    return getattr(settings, "MEMBERS_EMAIL_HASH_KEY", "") or settings.SECRET_KEY


def plain_email_sha256(address: str) -> str:
    return hashlib.sha256(account_email(address).encode()).hexdigest()


def rekey_email_hash(plain_sha256: str, *, salt: str) -> str:
    """The keyed hash of an address known only by its plain SHA-256."""
    return salted_hmac(salt, plain_sha256, secret=email_hash_key(), algorithm="sha256").hexdigest()


def email_hash(address: str, *, salt: str) -> str:
    """What is kept of an address: a keyed hash under the caller's salt (module docstring)."""
    return rekey_email_hash(plain_email_sha256(address), salt=salt)
