"""Members, plans, memberships and the money they paid. Vocabulary: members/CONTEXT.md.

One module per purpose: `plans` (plans, settings, attribution), `accounts` (members, their
history and sign-in), `money` (memberships, payments, checkouts), `imports` (member imports).
"""

from members.models.accounts import (
    EMAIL_HASH_SALT,
    Member,
    MemberEvent,
    SignInToken,
    WrongSignInCode,
    email_hash,
    rekey_email_hash,
)
from members.models.imports import MemberImport
from members.models.money import Checkout, Membership, Payment
from members.models.plans import Attribution, Interval, MembershipSettings, Placement, Plan

__all__ = [
    "EMAIL_HASH_SALT",
    "Attribution",
    "Checkout",
    "Interval",
    "Member",
    "MemberEvent",
    "MemberImport",
    "Membership",
    "MembershipSettings",
    "Payment",
    "Placement",
    "Plan",
    "SignInToken",
    "WrongSignInCode",
    "email_hash",
    "rekey_email_hash",
]
