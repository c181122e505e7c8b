"""System checks for a safe deployment: a missing secret is an error when DEBUG is off.

Run by `manage.py check` and before `migrate` (so `make serve` stops); each says what to set.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.checks import Error, Tags, register


@register(Tags.security)
def stripe_webhook_secret_check(app_configs: Any = None, **kwargs: Any) -> list[Error]:
    """Payments on (a Stripe key) but no webhook secret: forged webhooks could grant memberships."""
    if settings.DEBUG or not settings.STRIPE_SECRET_KEY or settings.STRIPE_WEBHOOK_SECRET:
        return []
    return [
        Error(
            "STRIPE_SECRET_KEY is set but STRIPE_WEBHOOK_SECRET is not, so Stripe's webhooks cannot be verified.",
            hint=(
                "Set STRIPE_WEBHOOK_SECRET to the signing secret (whsec_…) of the endpoint "
                "/payments/stripe/webhook/ in Stripe's dashboard, or unset STRIPE_SECRET_KEY to switch payments off."
            ),
            id="masthead.E001",
        )
    ]
