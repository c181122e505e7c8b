"""The mails members receive, from templates in members/templates/members/email/ (sent by
lib.mail: plain text, the newsroom's name and SITE_URL in every context)."""

from __future__ import annotations

from lib.mail import send_mail
from lib.money import format_money
from members.models import Member, Membership, Payment
from members.selectors import receipt_number


def money(amount: int, currency: str) -> str:
    """The same reading as on the pages ("$5", "5 €"): lib.money is the one formatter."""
    return format_money(amount, currency)


def sign_in_mail(*, member: Member, link: str, code: str) -> None:
    send_mail(to=member.email, template="members/email/sign_in", context={"link": link, "code": code})


def welcome_mail(membership: Membership) -> None:
    send_mail(to=membership.member.email, template="members/email/welcome", context={"membership": membership})


def receipt_mail(payment: Payment) -> None:
    if payment.member is None:
        return
    when = payment.paid_at or payment.created_at
    period = ""
    if payment.period_start and payment.period_end:
        period = f"{payment.period_start:%Y-%m-%d} to {payment.period_end:%Y-%m-%d}"
    send_mail(
        to=payment.member.email,
        template="members/email/receipt",
        context={
            "payment": payment,
            "paid_on": f"{when:%Y-%m-%d}",
            "period": period,
            "receipt_number": receipt_number(payment.pk),
        },
    )


def past_due_mail(membership: Membership) -> None:
    send_mail(to=membership.member.email, template="members/email/past_due", context={"membership": membership})


def yearly_summary_mail(*, member: Member, year: int, payments: list[Payment]) -> None:
    lines = [
        f"{p.paid_at or p.created_at:%Y-%m-%d}  {p.get_purpose_display():<18} {money(p.amount, p.currency)}"
        for p in payments
    ]
    totals: dict[str, int] = {}
    for p in payments:
        totals[p.currency] = totals.get(p.currency, 0) + p.amount - p.amount_refunded
    total = ", ".join(money(amount, currency) for currency, amount in totals.items()) or "nothing"
    send_mail(
        to=member.email,
        template="members/email/yearly_summary",
        context={"year": year, "lines": lines, "total": total},
    )
