from django import template

register = template.Library()


@register.filter
def money(amount: int | None, currency: str = "") -> str:
    """Cents to "5.00 USD"; whole amounts lose the decimals ("50 USD")."""
    if amount is None:
        return ""
    units = amount / 100
    text = f"{units:,.0f}" if amount % 100 == 0 else f"{units:,.2f}"
    return f"{text} {currency.upper()}".strip()
