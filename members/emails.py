"""The mails members receive. Plain text: it reads everywhere and scanners leave it alone."""

from __future__ import annotations

from django.conf import settings
from django.core.mail import EmailMessage

from lib.money import format_money
from members.models import Member, Membership, Payment


def _site_name() -> str:
    from newsroom.models import NewsroomSettings

    found = NewsroomSettings.objects.order_by("pk").first()
    return found.name if found else "Masthead"


def money(amount: int, currency: str) -> str:
    """The same reading as on the pages ("$5", "5 €"): lib.money is the one formatter."""
    return format_money(amount, currency)


def _send(to: str, subject: str, body: str) -> None:
    EmailMessage(subject=subject, body=body, to=[to], from_email=settings.DEFAULT_FROM_EMAIL).send()


def sign_in_mail(*, member: Member, link: str, code: str) -> None:
    name = _site_name()
    _send(
        member.email,
        f"Your sign-in link for {name}",
        f"Open this link within 15 minutes and press “Sign in”:\n\n{link}\n\n"
        f"Or enter this code on the sign-in page: {code}\n\n"
        "If you did not ask to sign in, ignore this mail; nothing changes.\n",
    )


def welcome_mail(membership: Membership) -> None:
    name = _site_name()
    _send(
        membership.member.email,
        f"Welcome to {name}",
        f"Thank you for joining {name}: {membership.label}, {money(membership.amount, membership.currency)} per "
        f"{membership.interval}.\n\nManage your membership at {settings.SITE_URL}/membership/account/\n",
    )


def receipt_mail(payment: Payment) -> None:
    if payment.member is None:
        return
    name = _site_name()
    when = payment.paid_at or payment.created_at
    period = ""
    if payment.period_start and payment.period_end:
        period = f"Period: {payment.period_start:%Y-%m-%d} to {payment.period_end:%Y-%m-%d}\n"
    _send(
        payment.member.email,
        f"Receipt from {name}: {money(payment.amount, payment.currency)}",
        f"Thank you. We received your payment.\n\n"
        f"What: {payment.get_purpose_display()}\n"
        f"Amount: {money(payment.amount, payment.currency)}\n"
        f"Date: {when:%Y-%m-%d}\n{period}"
        f"Receipt number: MH-{payment.pk:08d}\n\n"
        f"All your payments: {settings.SITE_URL}/membership/account/#payments\n",
    )


def past_due_mail(membership: Membership) -> None:
    name = _site_name()
    _send(
        membership.member.email,
        f"Your {name} membership payment did not go through",
        "We could not charge your card for your membership renewal. Your bank may have declined it or "
        "the card may have expired.\n\n"
        f"Update your card here (sign in with this address): {settings.SITE_URL}/membership/account/#card\n\n"
        "We will try the card again over the coming days. Your membership stays active for 7 days "
        "after the renewal date while you sort it out.\n",
    )


def yearly_summary_mail(*, member: Member, year: int, payments: list[Payment]) -> None:
    name = _site_name()
    lines = [
        f"{p.paid_at or p.created_at:%Y-%m-%d}  {p.get_purpose_display():<18} {money(p.amount, p.currency)}"
        for p in payments
    ]
    totals: dict[str, int] = {}
    for p in payments:
        totals[p.currency] = totals.get(p.currency, 0) + p.amount - p.amount_refunded
    total = ", ".join(money(amount, currency) for currency, amount in totals.items()) or "nothing"
    _send(
        member.email,
        f"Your {year} contributions to {name}",
        f"Your payments to {name} in {year}:\n\n" + "\n".join(lines) + f"\n\nTotal (after refunds): {total}\n",
    )
