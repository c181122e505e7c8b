"""The gift mails. Plain text like members' mails: it reads everywhere and scanners leave it
alone (every link opens a page with a button; nothing happens on a GET)."""

from __future__ import annotations

from django.conf import settings
from django.core.mail import EmailMessage
from django.utils import timezone

from campaigns.models import GiftMembership

# The same sender, site name and money format as every other mail to members.
from members.emails import _send, _site_name
from members.emails import money as _money


def _day(moment) -> str:
    return f"{timezone.localtime(moment):%Y-%m-%d}"


def redeem_link(gift: GiftMembership) -> str:
    return f"{settings.SITE_URL}{gift.redeem_path}"


def _what(gift: GiftMembership) -> str:
    return f"{gift.months} month{'s' if gift.months != 1 else ''} of {gift.plan.name} membership"


def gift_purchase_mail(gift: GiftMembership) -> None:
    """To the buyer at purchase: what they bought and how it reaches the recipient."""
    name = _site_name()
    if gift.delivery == GiftMembership.Delivery.LINK:
        how = (
            "You chose to hand the gift over yourself. Print or forward this link; it is the gift:\n\n"
            f"{redeem_link(gift)}\n\nGift code: {gift.code}\n"
        )
    else:
        how = (
            f"We will email {gift.recipient_name} at {gift.recipient_email} on {gift.deliver_on:%-d %B %Y} "
            "with your message and a link to start the membership.\n"
        )
    _send(
        gift.buyer_email,
        f"Your gift for {gift.recipient_name}: {_what(gift)} of {name}",
        f"Thank you for giving {_what(gift)} to {gift.recipient_name}.\n\n"
        f"Paid: {_money(gift.amount, gift.currency)} on {_day(gift.paid_at or gift.created_at)}\n"
        f"Receipt number: MH-{(gift.payment_id or 0):08d}\n\n{how}\n"
        f"The gift can be redeemed until {timezone.localtime(gift.claim_by):%-d %B %Y}. We will tell you when "
        f"{gift.recipient_name} starts it.\n",
    )


def gift_delivery_mail(gift: GiftMembership, *, message_id: str) -> None:
    """To the recipient on the delivery date: the message and the redemption link. Sent with the
    gift's fixed Message-ID (services.gift_message_id), so a resend is the same message."""
    name = _site_name()
    giver = gift.buyer_name or gift.buyer_email or "A reader"  # the buyer may have deleted their account
    message = f"Their message:\n\n{gift.message}\n\n" if gift.message else ""
    EmailMessage(
        subject=f"{giver} gave you a membership of {name}",
        body=f"Hello {gift.recipient_name},\n\n{giver} gave you {_what(gift)} of {name}.\n\n{message}"
        f"Open this link and press “Start my membership”:\n\n{redeem_link(gift)}\n\n"
        f"Or enter the code {gift.code} at {settings.SITE_URL}/support/gift/redeem/\n\n"
        f"Redeem it by {timezone.localtime(gift.claim_by):%-d %B %Y}.\n",
        to=[gift.recipient_email],
        from_email=settings.DEFAULT_FROM_EMAIL,
        headers={"Message-ID": message_id},
    ).send()


def gift_redeemed_mail(gift: GiftMembership) -> None:
    """To the buyer: the recipient started the gift (unless the buyer has deleted their account)."""
    if not gift.buyer_email:
        return
    name = _site_name()
    _send(
        gift.buyer_email,
        f"{gift.recipient_name} started your gift membership",
        f"Good news: {gift.recipient_name} redeemed your gift of {_what(gift)} of {name} on "
        f"{timezone.localtime(gift.redeemed_at or timezone.now()):%-d %B %Y}. Thank you again.\n",
    )


def gift_reminder_mail(gift: GiftMembership) -> None:
    """To the member a week before the gift ends: continue as a paying member."""
    name = _site_name()
    member = gift.redeemed_by
    if member is None:
        return
    _send(
        member.email,
        f"Your gift membership of {name} ends on {timezone.localtime(gift.ends_at):%-d %B %Y}",
        f"Hello {member.name or gift.recipient_name},\n\nthe membership {gift.buyer_name or 'a reader'} gave you "
        f"ends on {timezone.localtime(gift.ends_at):%-d %B %Y}. We hope it was worth reading.\n\n"
        f"To keep supporting the reporting, continue as a paying member here:\n\n"
        f"{settings.SITE_URL}/membership/join/?source=direct&plan={gift.plan.slug}\n\n"
        "If you do nothing, the membership simply ends; nothing is charged.\n",
    )
