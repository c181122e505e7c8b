"""All of campaigns' signal wiring, connected from CampaignsConfig.ready()."""

from __future__ import annotations

from typing import Any

from django.db.models.signals import post_delete, post_save


def _drive_changed(sender: Any, instance: Any, **kwargs: Any) -> None:
    """A drive's words, goal or period changed: every cached reader page shows the banner."""
    from campaigns.selectors import forget_drive_cache
    from newsroom.page_cache import purge_pages_showing

    forget_drive_cache()
    purge_pages_showing(instance, reason="drive changed")


def _supporters_changed(sender: Any, **kwargs: Any) -> None:
    """A new member or payment: the banner's progress is recounted on the next request."""
    from django.db import transaction

    from campaigns.selectors import forget_drive_cache

    transaction.on_commit(forget_drive_cache)


def _payment_succeeded(sender: Any, payment_id: int, **kwargs: Any) -> None:
    """Money arrived (from our own page or a webhook, recorded by members): if it paid for a
    gift, the gift is paid. Idempotent, so the page and the webhook may both get here."""
    from django.db import transaction

    from campaigns.gifts import gift_for_payment, gift_mark_paid
    from campaigns.selectors import forget_drive_cache

    transaction.on_commit(forget_drive_cache)
    gift_id = gift_for_payment(payment_id)
    if gift_id is not None:
        gift_mark_paid(gift_id=gift_id)


def _payment_refunded(sender: Any, payment_id: int, purpose: str, fully: bool, **kwargs: Any) -> None:
    """members recorded a refund (members' own signal, so it has always happened first)."""
    from campaigns.gifts import gift_void_if_refunded

    if purpose == "gift":
        gift_void_if_refunded(payment_id=payment_id, fully=fully)


def _member_deleting(sender: Any, **kwargs: Any) -> None:
    """members is about to delete a member: scrub what gifts hold about them. Accepts the
    signal's `member_id`/`email` arguments or a `member` instance."""
    from campaigns.gifts import gifts_forget_member

    member = kwargs.get("member")
    member_id = kwargs.get("member_id") or (member.pk if member is not None else None)
    email = kwargs.get("email") or (member.email if member is not None else "")
    if member_id is not None:
        gifts_forget_member(member_id=member_id, email=email)


def register_signal_handlers() -> None:
    from campaigns.models import Campaign
    from members import signals as member_signals

    post_save.connect(_drive_changed, sender=Campaign, dispatch_uid="campaigns-drive-saved")
    post_delete.connect(_drive_changed, sender=Campaign, dispatch_uid="campaigns-drive-deleted")
    member_signals.membership_started.connect(_supporters_changed, dispatch_uid="campaigns-membership-started")
    member_signals.payment_succeeded.connect(_payment_succeeded, dispatch_uid="campaigns-payment-succeeded")
    member_signals.payment_refunded.connect(_payment_refunded, dispatch_uid="campaigns-gift-refund")
    member_signals.member_deleting.connect(_member_deleting, dispatch_uid="campaigns-member-deleting")
