"""Signed links in newsletter emails. Each kind of link has its own salt, so one kind of token
can never be replayed as another."""

from __future__ import annotations

from dataclasses import dataclass

from django.core import signing

CONFIRM_SALT = "newsletters.confirm"
UNSUBSCRIBE_SALT = "newsletters.unsubscribe"
PREFERENCES_SALT = "newsletters.preferences"
# A confirmation link works for a week; unsubscribe and preference links never expire, because
# a reader must be able to leave from an issue however old it is (RFC 8058).
CONFIRM_MAX_AGE = 7 * 24 * 3600


class BadToken(Exception):
    def __init__(self, *, expired: bool) -> None:
        super().__init__("expired" if expired else "invalid")
        self.expired = expired


@dataclass(frozen=True)
class ConfirmToken:
    subscriber_id: int
    newsletter_ids: tuple[int, ...]


def make_confirm_token(subscriber_id: int, newsletter_ids: list[int]) -> str:
    return signing.dumps({"s": subscriber_id, "n": sorted(newsletter_ids)}, salt=CONFIRM_SALT, compress=True)


def read_confirm_token(token: str, *, max_age: int = CONFIRM_MAX_AGE) -> ConfirmToken:
    try:
        data = signing.loads(token, salt=CONFIRM_SALT, max_age=max_age)
    except signing.SignatureExpired:
        raise BadToken(expired=True) from None
    except signing.BadSignature:
        raise BadToken(expired=False) from None
    try:
        return ConfirmToken(int(data["s"]), tuple(int(n) for n in data["n"]))
    except (KeyError, TypeError, ValueError):
        raise BadToken(expired=False) from None


def make_unsubscribe_token(subscriber_id: int, newsletter_id: int) -> str:
    return signing.Signer(salt=UNSUBSCRIBE_SALT).sign(f"{subscriber_id}.{newsletter_id}")


def read_unsubscribe_token(token: str) -> tuple[int, int]:
    try:
        value = signing.Signer(salt=UNSUBSCRIBE_SALT).unsign(token)
        subscriber_id, newsletter_id = value.split(".")
        return int(subscriber_id), int(newsletter_id)
    except (signing.BadSignature, ValueError):
        raise BadToken(expired=False) from None


def make_preferences_token(subscriber_id: int) -> str:
    return signing.Signer(salt=PREFERENCES_SALT).sign(str(subscriber_id))


def read_preferences_token(token: str) -> int:
    try:
        return int(signing.Signer(salt=PREFERENCES_SALT).unsign(token))
    except (signing.BadSignature, ValueError):
        raise BadToken(expired=False) from None
