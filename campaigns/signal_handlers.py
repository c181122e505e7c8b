"""All of campaigns' signal wiring, connected from CampaignsConfig.ready()."""

from __future__ import annotations

from django.db.models.signals import post_delete, post_save


def _drive_changed(sender, **kwargs) -> None:
    from campaigns.selectors import forget_drive_cache

    forget_drive_cache()


def register_signal_handlers() -> None:
    from campaigns.models import Campaign

    post_save.connect(_drive_changed, sender=Campaign, dispatch_uid="campaigns-drive-saved")
    post_delete.connect(_drive_changed, sender=Campaign, dispatch_uid="campaigns-drive-deleted")
