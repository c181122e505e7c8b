from django import template

from lib.money import format_money

register = template.Library()


@register.filter(name="money")
def money(amount: int | None, currency: str = "") -> str:
    """`{{ plan.monthly_amount|money:currency }}`: cents to "$5" in the newsroom's locale."""
    if amount is None or amount == "":
        return ""
    return format_money(int(amount), currency)
