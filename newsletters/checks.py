"""System checks of the newsletters app (registered in NewslettersConfig.ready())."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from django.conf import settings
from django.core import checks

from newsletters import webhooks


def _anymail_views(patterns: list[Any], prefix: str = "") -> Iterator[str]:
    """Routes anywhere in the URL conf that call an anymail webhook view directly (not through
    newsletters.webhooks.tracking_webhook, which serves only authenticated ones)."""
    from anymail.webhooks.base import AnymailCoreWebhookView

    for pattern in patterns:
        if hasattr(pattern, "url_patterns"):
            yield from _anymail_views(pattern.url_patterns, prefix + str(pattern.pattern))
            continue
        view_class = getattr(pattern.callback, "view_class", None)
        if isinstance(view_class, type) and issubclass(view_class, AnymailCoreWebhookView):
            yield prefix + str(pattern.pattern)


@checks.register(checks.Tags.security, deploy=False)
def check_provider_webhooks(**kwargs: Any) -> list[checks.CheckMessage]:
    from django.urls import get_resolver

    problems: list[checks.CheckMessage] = []
    has_secret = bool(webhooks.basic_auth_secret()) or any(webhooks.signing_key(n) for n in webhooks.SIGNED_WEBHOOKS)
    mounted = list(_anymail_views(get_resolver().url_patterns))
    if mounted and not has_secret and not settings.DEBUG:
        problems.append(
            checks.Error(
                f"Provider webhooks are mounted at /{mounted[0]} without a secret: anyone can post forged "
                "bounces and complaints that unsubscribe and suppress your readers.",
                hint="Set ANYMAIL_WEBHOOK_SECRET (user:password, also entered at the provider) or the "
                "provider's signing key, or stop including anymail.urls (the newsletters app serves the "
                "configured provider's webhook itself).",
                id="newsletters.E001",
            )
        )
    name = webhooks.provider()
    if name and not webhooks.authentication(name):
        signed = f" or the {name} signing key in ANYMAIL" if name in webhooks.SIGNED_WEBHOOKS else ""
        problems.append(
            checks.Warning(
                f"EMAIL_BACKEND sends through {name}, but its tracking webhook is not served because nothing "
                "authenticates it: bounces and complaints will not reach the suppression list.",
                hint=f"Set ANYMAIL_WEBHOOK_SECRET{signed}, then point the provider at "
                f"/newsletters/anymail/{name}/tracking/.",
                id="newsletters.W001",
            )
        )
    elif name in webhooks.SIGNED_WEBHOOKS and webhooks.authentication(name) == "basic auth":
        esp_name, setting = webhooks.SIGNED_WEBHOOKS[name]
        problems.append(
            checks.Warning(
                f"{esp_name} signs its webhooks, but only basic auth is configured for them.",
                hint=f"Set ANYMAIL['{esp_name.upper()}_{setting.upper()}'] so anymail verifies each post's signature.",
                id="newsletters.W002",
            )
        )
    return problems
