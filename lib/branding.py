"""The newsroom's name, one answer for the CMS (WAGTAIL_SITE_NAME) and for emails."""

from __future__ import annotations


def newsroom_name() -> str:
    """NewsroomSettings.name of the default site, else that site's name, else "Masthead"."""
    from django.db import DatabaseError
    from wagtail.models import Site

    from newsroom.models import NewsroomSettings

    try:
        site = Site.objects.filter(is_default_site=True).first()
        newsroom_settings = NewsroomSettings.objects.filter(site=site).first() if site else None
    except DatabaseError:  # before migrations: nothing to read yet
        return "Masthead"
    return (newsroom_settings.name if newsroom_settings else "") or (site.site_name if site else "") or "Masthead"
