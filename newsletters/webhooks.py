"""Provider webhooks (django-anymail): which one is served, and what authenticates it.

A tracking webhook can unsubscribe and suppress any address and settle in-doubt deliveries,
so an unauthenticated one lets anyone on the internet do that. Only the tracking webhook of
the provider in EMAIL_BACKEND is served, and only when anymail can authenticate its posts:
the provider's own signature where anymail verifies one (preferred: nothing to leak in a URL),
else HTTP basic auth (`ANYMAIL_WEBHOOK_SECRET`, "user:password"). Anything else is a 404.
`newsletters/checks.py` refuses (with DEBUG off) anymail webhooks mounted elsewhere without a
secret. Which provider signs what is in SIGNED_WEBHOOKS.
"""

from __future__ import annotations

from collections.abc import Callable

from django.conf import settings
from django.http import Http404, HttpRequest, HttpResponse
from django.views.decorators.csrf import csrf_exempt

# Providers whose tracking webhooks anymail verifies by signature: provider → (anymail's
# esp_name, the anymail setting holding the key), e.g. ANYMAIL = {"MAILGUN_WEBHOOK_SIGNING_KEY": …}.
SIGNED_WEBHOOKS = {
    "mailgun": ("Mailgun", "webhook_signing_key"),
    "sendgrid": ("SendGrid", "tracking_webhook_verification_key"),
    "postal": ("Postal", "webhook_key"),
    "mandrill": ("Mandrill", "webhook_key"),
    "mailersend": ("MailerSend", "signing_secret"),
}


def provider() -> str:
    """The anymail provider in EMAIL_BACKEND ("postmark" for anymail.backends.postmark…), or ""."""
    parts = settings.EMAIL_BACKEND.split(".")
    if len(parts) >= 3 and parts[0] == "anymail" and parts[1] == "backends" and parts[2] != "test":
        return parts[2]
    return ""


def _anymail_setting(name: str, esp_name: str | None = None) -> str:
    from anymail.utils import get_anymail_setting

    return str(get_anymail_setting(name, esp_name=esp_name, default="", allow_bare=True) or "")


def basic_auth_secret() -> str:
    return _anymail_setting("webhook_secret")


def signing_key(name: str) -> str:
    """The provider's webhook signing key, if anymail verifies one for it and it is set."""
    if name not in SIGNED_WEBHOOKS:
        return ""
    esp_name, setting = SIGNED_WEBHOOKS[name]
    return _anymail_setting(setting, esp_name)


def authentication(name: str) -> str:
    """How posts to this provider's webhook are authenticated: "signature", "basic auth" or ""."""
    if signing_key(name):
        return "signature"
    return "basic auth" if basic_auth_secret() else ""


def served_provider() -> str:
    """The provider whose tracking webhook is served now, or "" if none is."""
    name = provider()
    return name if name and authentication(name) else ""


def _anymail_tracking_view(name: str) -> Callable[..., HttpResponse] | None:
    from anymail.urls import urlpatterns

    for pattern in urlpatterns:
        if pattern.name == f"{name}_tracking_webhook":
            return pattern.callback  # type: ignore[no-any-return]
    return None


@csrf_exempt
def tracking_webhook(request: HttpRequest, provider_name: str) -> HttpResponse:
    """Hand the post to anymail's view, which checks the signature or basic auth (400 if wrong),
    parses the events and sends its `tracking` signal (signal_handlers.handle_tracking)."""
    view = _anymail_tracking_view(provider_name) if provider_name == served_provider() else None
    if view is None:
        raise Http404("No provider webhook is served at this address.")
    return view(request)
