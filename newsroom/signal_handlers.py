"""All of the newsroom's signal wiring, connected once from NewsroomConfig.ready().

Anything a reader page shows changing makes the cached pages stale (newsroom/page_cache.py).
"""

from __future__ import annotations

from typing import Any

from django.db.models.signals import post_delete, post_save
from wagtail.signals import page_published, page_unpublished, post_page_move

from newsroom.page_cache import invalidate_reader_pages, purge_from_edge


def _page_changed(sender: Any, instance: Any, **kwargs: Any) -> None:
    invalidate_reader_pages(reason=f"{sender.__name__} {instance.pk} changed")
    from django.db import transaction

    # Wagtail's frontend-cache app purges the page itself; this adds its section, home and feeds.
    transaction.on_commit(lambda: purge_from_edge([instance]))


def _page_moved(sender: Any, instance: Any, **kwargs: Any) -> None:
    invalidate_reader_pages(reason=f"page {instance.pk} moved")


def _page_deleted(sender: Any, instance: Any, **kwargs: Any) -> None:
    if getattr(instance, "live", False):
        invalidate_reader_pages(reason=f"page {instance.pk} deleted")


def _shown_thing_changed(sender: Any, instance: Any, **kwargs: Any) -> None:
    invalidate_reader_pages(reason=f"{sender.__name__} changed")


def _restriction_changed(sender: Any, instance: Any, **kwargs: Any) -> None:
    """A page became private (or public again): every page that lists it, and the page itself,
    must be re-rendered. Wagtail sends no page signal for a privacy change, only these."""
    invalidate_reader_pages(reason=f"view restriction on page {instance.page_id} changed")
    from django.db import transaction
    from wagtail.models import Page

    page = Page.objects.filter(pk=instance.page_id).first()
    if page is not None:
        transaction.on_commit(lambda: purge_from_edge([page]))


def _alias_made(sender: Any, instance: Any, created: bool = False, **kwargs: Any) -> None:
    """An alias shares its source's view restrictions, which its own path does not show: reader
    routing checks aliases against the generation's list of them (newsroom/models/privacy.py),
    so a new one must start a new generation."""
    from wagtail.models import Page

    if created and isinstance(instance, Page) and instance.alias_of_id is not None:
        invalidate_reader_pages(reason=f"alias page {instance.pk} made")


def register_signal_handlers() -> None:
    from wagtail.images import get_image_model
    from wagtail.models import Page, PageViewRestriction, Site

    from newsroom.models import EditorsPick, EditorsPicks, NewsroomSettings

    page_published.connect(_page_changed, dispatch_uid="newsroom-cache-published")
    page_unpublished.connect(_page_changed, dispatch_uid="newsroom-cache-unpublished")
    post_page_move.connect(_page_moved, dispatch_uid="newsroom-cache-moved")
    post_delete.connect(_page_deleted, sender=Page, dispatch_uid="newsroom-cache-page-deleted")
    post_save.connect(_alias_made, dispatch_uid="newsroom-cache-alias-made")  # any page model
    post_save.connect(_restriction_changed, sender=PageViewRestriction, dispatch_uid="newsroom-cache-restricted")
    post_delete.connect(_restriction_changed, sender=PageViewRestriction, dispatch_uid="newsroom-cache-unrestricted")
    for model in (EditorsPicks, EditorsPick, NewsroomSettings, Site, get_image_model()):
        post_save.connect(_shown_thing_changed, sender=model, dispatch_uid=f"newsroom-cache-save-{model.__name__}")
        post_delete.connect(_shown_thing_changed, sender=model, dispatch_uid=f"newsroom-cache-del-{model.__name__}")
