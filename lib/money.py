"""Money as the newsroom's readers expect to read it: "$5", "$5.50", "5 €", "¥500".

One helper for pages, emails and the CMS, so a price reads the same everywhere. Amounts are
kept in minor units (cents), as Stripe keeps them; the locale comes from `NEWSROOM_LOCALE`.
"""

from __future__ import annotations

from decimal import Decimal

from babel.core import Locale
from babel.numbers import format_currency, get_currency_precision, parse_pattern
from django.conf import settings


def newsroom_locale() -> Locale:
    return Locale.parse(getattr(settings, "NEWSROOM_LOCALE", "en_US") or "en_US")


def whole_units(units: int, currency: str) -> int:
    """Whole currency units (a drive goal of 25000) in minor units, for `format_money`."""
    code = (currency or "").upper()
    return units * 10 ** (get_currency_precision(code) if code else 2)


def format_money(amount_minor: int, currency: str) -> str:
    """`amount_minor` (cents) of `currency` in the newsroom's locale.

    Whole amounts drop their cents ("$5", "5 €"); cents show only when they matter ("$5.50").
    The currency's own precision decides what a minor unit is (JPY has none).
    """
    code = (currency or "").upper()
    precision = get_currency_precision(code) if code else 2
    value = Decimal(amount_minor) / (10**precision)
    locale = newsroom_locale()
    if value == value.to_integral_value():
        # The locale's own pattern with its fraction digits removed, so the symbol's place and
        # spacing stay the locale's ("5 €" in German, "€5" in Irish English).
        # A fresh parse each time: Babel caches nothing here, so editing it touches no one else.
        whole = parse_pattern(locale.currency_formats["standard"].pattern)
        whole.frac_prec = (0, 0)
        return whole.apply(value, locale, currency=code, currency_digits=False)
    return format_currency(value, code, locale=locale)
