"""The gift mails, from templates in campaigns/templates/campaigns/email/, sent by lib.mail
like members' mails (plain text, the newsroom's name, one money format)."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.utils import timezone

from campaigns.models import GiftMembership
from lib.mail import send_mail


def redeem_link(gift: GiftMembership) -> str:
    return f"{settings.SITE_URL}{gift.redeem_path}"


def _what(gift: GiftMembership) -> str:
    return f"{gift.months} month{'s' if gift.months != 1 else ''} of {gift.plan.name} membership"


def _context(gift: GiftMembership, **more: Any) -> dict[str, Any]:
    return {"gift": gift, "what": _what(gift), "redeem_link": redeem_link(gift), **more}


def gift_purchase_mail(gift: GiftMembership) -> None:
    """To the buyer at purchase: what they bought and how it reaches the recipient."""
    from members.selectors import receipt_number

    send_mail(
        to=gift.buyer_email,
        template="campaigns/email/gift_purchase",
        context=_context(gift, paid_on=gift.paid_at or gift.created_at, receipt_number=receipt_number(gift.payment_id)),
    )


def gift_delivery_mail(gift: GiftMembership, *, message_id: str) -> None:
    """To the recipient on the delivery date: the message and the redemption link. Sent with the
    gift's fixed Message-ID (gift_message_id), so a resend is the same message."""
    giver = gift.buyer_name or gift.buyer_email or "A reader"  # the buyer may have deleted their account
    send_mail(
        to=gift.recipient_email,
        template="campaigns/email/gift_delivery",
        context=_context(gift, giver=giver),
        headers={"Message-ID": message_id},
    )


def gift_redeemed_mail(gift: GiftMembership) -> None:
    """To the buyer: the recipient started the gift (unless the buyer has deleted their account)."""
    if not gift.buyer_email:
        return
    send_mail(
        to=gift.buyer_email,
        template="campaigns/email/gift_redeemed",
        context=_context(gift, redeemed_at=gift.redeemed_at or timezone.now()),
    )


def gift_reminder_mail(gift: GiftMembership) -> None:
    """To the member a week before the gift ends: continue as a paying member."""
    member = gift.redeemed_by
    if member is None:
        return
    send_mail(to=member.email, template="campaigns/email/gift_reminder", context=_context(gift, member=member))
