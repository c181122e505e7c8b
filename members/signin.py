"""Passwordless sign-in: an emailed link (opens a page with a button that POSTs) and a code.

Tokens carry 256 random bits, codes six digits; only SHA-256 hashes are stored. Both are
single use, live 15 minutes, and a code allows 5 wrong tries. Mail is sent from a task, so
the answer to "send me a link" takes the same time whether or not the address is known.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
from dataclasses import dataclass
from datetime import timedelta

from django.db import transaction
from django.utils import timezone

from members.models import Member, SignInToken

TOKEN_LIFETIME = timedelta(minutes=15)
MAX_CODE_ATTEMPTS = 5


def _hash(value: str) -> str:
    return hashlib.sha256(value.encode()).hexdigest()


@dataclass(frozen=True)
class IssuedToken:
    token: str
    code: str
    member: Member


def token_issue(*, member: Member, next_path: str = "") -> IssuedToken:
    token = secrets.token_urlsafe(32)
    code = f"{secrets.randbelow(1_000_000):06d}"
    # A new link replaces older ones: only the latest mail works.
    SignInToken.objects.filter(member=member, used_at__isnull=True).update(used_at=timezone.now())
    now = timezone.now()
    SignInToken.objects.create(
        member=member,
        token_hash=_hash(token),
        code_hash=_hash(f"{member.pk}:{code}"),
        created_at=now,
        expires_at=now + TOKEN_LIFETIME,
        next_path=next_path[:200],
    )
    return IssuedToken(token=token, code=code, member=member)


def token_peek(token: str) -> SignInToken | None:
    """For the GET page: is this link still good? Never consumes it."""
    found = SignInToken.objects.filter(token_hash=_hash(token)).select_related("member").first()
    return found if found is not None and found.usable() else None


def token_redeem(token: str) -> SignInToken | None:
    """Use a link once. Atomic: two clicks at once sign in at most one of them."""
    with transaction.atomic():
        found = SignInToken.objects.select_for_update().filter(token_hash=_hash(token)).first()
        if found is None or not found.usable():
            return None
        found.used_at = timezone.now()
        found.save(update_fields=["used_at"])
        return found


def code_redeem(*, email: str, code: str) -> SignInToken | None:
    """Use the six-digit code from the same mail. The fifth wrong try spends the token."""
    code = code.strip().replace(" ", "")
    with transaction.atomic():
        found = (
            SignInToken.objects.select_for_update()
            .filter(member__email=email.strip().lower(), used_at__isnull=True, expires_at__gt=timezone.now())
            .order_by("-created_at")
            .first()
        )
        if found is None:
            return None
        if hmac.compare_digest(found.code_hash, _hash(f"{found.member_id}:{code}")):
            found.used_at = timezone.now()
            found.save(update_fields=["used_at"])
            return found
        found.code_attempts += 1
        if found.code_attempts >= MAX_CODE_ATTEMPTS:
            found.used_at = timezone.now()
        found.save(update_fields=["code_attempts", "used_at"])
        return None
