"""System checks for a safe deployment: a missing secret or shared store is an error when DEBUG is off.

Run by `manage.py check` and before `migrate` (so `make serve` stops); each says what to set.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core import checks
from django.core.checks import Error, Tags, register
from django.db import DatabaseError


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


LOCAL_MEMORY = "django.core.cache.backends.locmem.LocMemCache"


@checks.register(checks.Tags.caches, deploy=False)
def shared_state_is_chosen(app_configs: Any = None, **kwargs: Any) -> list[checks.CheckMessage]:
    """With DEBUG off, every process must share one store: Redis, or one host's files and database.

    Without this a second web node or worker would silently get its own rate-limit counters and
    page-cache generation (issue 11): limits multiplied by the number of processes and stale
    headlines for minutes after a publish.
    """
    if settings.DEBUG:
        return []
    errors: list[checks.CheckMessage] = []
    if not getattr(settings, "REDIS_URL", "") and not getattr(settings, "SINGLE_HOST", False):
        errors.append(
            checks.Error(
                "Neither REDIS_URL nor SINGLE_HOST is set while DEBUG is off.",
                hint=(
                    "Set REDIS_URL (e.g. redis://127.0.0.1:6379/0) when more than one machine runs web or worker "
                    "processes, or SINGLE_HOST=1 when every process runs on this one machine (caches then live "
                    "in files under CACHE_DIR, rate limits in the database)."
                ),
                id="lib.E001",
            )
        )
    for alias, config in settings.CACHES.items():
        if config.get("BACKEND") == LOCAL_MEMORY:
            errors.append(
                checks.Error(
                    f"The {alias!r} cache keeps its entries in one process's memory while DEBUG is off.",
                    hint="Remove the override so the cache lives in Redis (REDIS_URL) or in files (SINGLE_HOST=1).",
                    id="lib.E002",
                )
            )
    return errors


@checks.register(checks.Tags.database)
def check_site_record_matches_site_url(app_configs: Any = None, databases: Any = None, **kwargs: Any) -> list[Any]:
    """Warn when Wagtail's default Site answers on another address than SITE_URL.

    Tagged `database` so it runs where a database is promised (`migrate`, `check --database
    default`), never against a database that is not there yet.
    """
    if not databases:
        return []
    from wagtail.models import Site

    from lib.site_url import site_url

    try:
        site = Site.objects.filter(is_default_site=True).first()
    except DatabaseError:  # not migrated yet
        return []
    if site is None or site.root_url == site_url():
        return []
    return [
        checks.Warning(
            f"The default Wagtail Site answers on {site.root_url}, but SITE_URL is {site_url()}.",
            hint=(
                "Links in pages, feeds and sitemaps use SITE_URL, so set SITE_URL to the address "
                "readers use, then set the default Site's hostname and port to match in the CMS "
                "(Settings → Sites); `make run` (load_demo) does this by itself."
            ),
            obj=site,
            id="lib.W001",
        )
    ]
