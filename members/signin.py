"""Passwordless sign-in: an emailed link (opens a page with a button that POSTs) and a code.

Tokens carry 256 random bits, codes six digits; only SHA-256 hashes are stored. Both are
single use, live 15 minutes, and a code allows 5 wrong tries. A code works only in the browser
that asked for the mail (the link works anywhere: 256 bits cannot be guessed). Wrong codes are
counted per address in the database, across tokens and processes: each one doubles the wait
before the next try, and after MAX_WRONG_CODES_PER_DAY the code form refuses that address for
a day (the link still works). Mail is sent from a task, so the answer to "send me a link"
takes the same time whether or not the address is known.
"""

from __future__ import annotations

import hashlib
import hmac
import math
import secrets
from dataclasses import dataclass
from datetime import timedelta

from django.db import transaction
from django.utils import timezone

from members.models import Member, SignInToken, WrongSignInCode, email_hash

TOKEN_LIFETIME = timedelta(minutes=15)
MAX_CODE_ATTEMPTS = 5
MAX_WRONG_CODES_PER_DAY = 10
MAX_BACKOFF_SECONDS = 300


def _hash(value: str) -> str:
    return hashlib.sha256(value.encode()).hexdigest()


@dataclass(frozen=True)
class IssuedToken:
    token: str
    code: str
    member: Member


def token_issue(*, member: Member, next_path: str = "", browser_hash: str = "") -> IssuedToken:
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
        browser_hash=browser_hash,
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


@dataclass(frozen=True)
class CodeOutcome:
    """The answer to one code: `token` when it signed in; else `wait_seconds` (back-off),
    `locked` (the day's cap is used up) or neither (wrong). The same for unknown addresses."""

    token: SignInToken | None = None
    wait_seconds: int = 0
    locked: bool = False


def backoff_seconds(wrong_codes: int) -> int:
    """Wait after the n-th wrong code in a day: 1, 2, 4, 8 … seconds, at most 5 minutes."""
    return 0 if wrong_codes <= 0 else min(2 ** (wrong_codes - 1), MAX_BACKOFF_SECONDS)


def code_redeem(*, email: str, code: str, browser_hash: str) -> CodeOutcome:
    """Use the six-digit code from the same mail, in the browser that asked for it.

    Atomic; the token row is locked first, so parallel guesses are counted one after another.
    The fifth wrong try spends the token; every wrong try (for any address, known or not)
    counts toward the address's back-off and daily cap.
    """
    code = code.strip().replace(" ", "")
    address = email_hash(email)
    now = timezone.now()
    with transaction.atomic():
        found = (
            SignInToken.objects.select_for_update()
            .filter(member__email=email.strip().lower(), used_at__isnull=True, expires_at__gt=now)
            .order_by("-created_at")
            .first()
        )
        WrongSignInCode.objects.filter(created_at__lt=now - timedelta(days=1)).delete()
        wrong = list(
            WrongSignInCode.objects.filter(address_hash=address, created_at__gte=now - timedelta(days=1))
            .order_by("-created_at")
            .values_list("created_at", flat=True)
        )
        if len(wrong) >= MAX_WRONG_CODES_PER_DAY:
            return CodeOutcome(locked=True)
        if wrong:
            wait = backoff_seconds(len(wrong)) - (now - wrong[0]).total_seconds()
            if wait > 0:
                return CodeOutcome(wait_seconds=math.ceil(wait))
        right = (
            found is not None
            and bool(found.browser_hash)
            and hmac.compare_digest(found.browser_hash, browser_hash)
            and hmac.compare_digest(found.code_hash, _hash(f"{found.member_id}:{code}"))
        )
        if found is not None and right:
            found.used_at = now
            found.save(update_fields=["used_at"])
            return CodeOutcome(token=found)
        WrongSignInCode.objects.create(address_hash=address, created_at=now)
        if found is not None:
            found.code_attempts += 1
            if found.code_attempts >= MAX_CODE_ATTEMPTS:
                found.used_at = now
            found.save(update_fields=["code_attempts", "used_at"])
        return CodeOutcome()
