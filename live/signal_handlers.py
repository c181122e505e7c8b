"""All of the live app's signal wiring: any saved or deleted entry tells readers (services)."""

from __future__ import annotations

from typing import Any

from django.db.models.signals import post_delete, post_save


def _entry_changed(sender: Any, instance: Any, **kwargs: Any) -> None:
    # The CMS's snippet views save entries themselves; this is how their writes reach readers.
    from live.services import live_page_changed

    live_page_changed(page_id=instance.page_id, reason=f"live entry {instance.pk} changed")


def register_signal_handlers() -> None:
    from live.models import LiveEntry

    post_save.connect(_entry_changed, sender=LiveEntry, dispatch_uid="live-entry-saved")
    post_delete.connect(_entry_changed, sender=LiveEntry, dispatch_uid="live-entry-deleted")
