"""System checks of the shared library."""

from __future__ import annotations

from typing import Any

from django.core import checks
from django.db import DatabaseError


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
