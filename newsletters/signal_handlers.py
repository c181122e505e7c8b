"""All signal wiring of the newsletters app, connected from NewslettersConfig.ready()."""

from __future__ import annotations

import logging
from typing import Any

from django.db.models.signals import post_delete, post_save

logger = logging.getLogger("masthead.newsletters")

# anymail tracking event types that mean "never send to this address again".
SUPPRESSING_EVENTS = {"bounced": "bounced", "complained": "complained", "rejected": "bounced"}
# ... and those that prove the provider accepted a delivery we were unsure about.
ACCEPTED_EVENTS = {"queued", "sent", "delivered", "opened", "clicked", "deferred"}


def forget_newsletter_list(**kwargs: Any) -> None:
    """The sign-up form on every cached reader page lists the newsletters: re-render them all."""
    from newsletters.selectors import forget_public_newsletters
    from newsroom.page_cache import purge_pages_showing

    forget_public_newsletters()
    purge_pages_showing(kwargs.get("instance"), reason="newsletter changed")


def handle_tracking(sender: Any, event: Any, esp_name: str, **kwargs: Any) -> None:
    """Provider webhooks (via django-anymail): bounces and complaints suppress the address;
    any sign of acceptance settles a delivery that was in doubt after a crash."""
    from newsletters import services
    from newsletters.models import Delivery, email_hash

    reason = SUPPRESSING_EVENTS.get(event.event_type)
    if reason == "bounced" and event.event_type == "bounced" and getattr(event, "reject_reason", None) == "other":
        reason = None  # soft bounces are retried by the provider, not suppressed
    if reason and event.recipient:
        services.suppression_add(email=event.recipient, reason=reason)
        logger.info("address suppressed", extra={"reason": reason, "esp": esp_name})
    delivery_id = str((event.metadata or {}).get("delivery_id") or "")
    if event.event_type in ACCEPTED_EVENTS and delivery_id.isdigit() and event.recipient:
        # Only the delivery to this event's recipient: an event about one address never settles
        # another's (webhooks are authenticated, see webhooks.py; this is a second lock).
        Delivery.objects.filter(
            pk=int(delivery_id),
            status=Delivery.Status.HANDING_OFF,
            subscriber__email_hash=email_hash(event.recipient),
        ).update(status=Delivery.Status.SENT, error="Confirmed by the provider's webhook.")


def forget_deleted_member(sender: Any, member_id: int, email: str, **kwargs: Any) -> None:
    """A member deleted their account: their newsletter subscriber goes with it (members sends
    this inside the deleting transaction, so both are deleted or neither)."""
    from newsletters import services

    services.subscriber_erase(email=email)


def register_signal_handlers() -> None:
    from anymail.signals import tracking

    from members.signals import member_deleting
    from newsletters.models import Newsletter

    post_save.connect(forget_newsletter_list, sender=Newsletter, dispatch_uid="newsletters-forget-list-save")
    post_delete.connect(forget_newsletter_list, sender=Newsletter, dispatch_uid="newsletters-forget-list-delete")
    tracking.connect(handle_tracking, dispatch_uid="newsletters-anymail-tracking")
    member_deleting.connect(forget_deleted_member, dispatch_uid="newsletters-forget-deleted-member")
