"""Background work of campaigns. Tasks take ids, never model instances, and call a service."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.tasks import task

from campaigns import reader_counts


@task()
def flush_view_counts() -> int:
    """Move buffered article views into ArticleDailyViews (periodic; safe to run any time)."""
    return reader_counts.flush_view_counts()


@task()
def deliver_due_gifts() -> int:
    """Periodic: email gifts whose delivery date (newsroom time zone) has come."""
    from campaigns.gifts import gifts_deliver_due

    return gifts_deliver_due()


@task()
def send_gift_reminders() -> int:
    """Periodic: invite members whose gift ends within a week to continue."""
    from campaigns.gifts import gifts_send_reminders

    return gifts_send_reminders()


@task(queue_name="email")
def deliver_gift(gift_id: int) -> bool:
    from campaigns.gifts import gift_deliver

    return gift_deliver(gift_id=gift_id)


def _mail_about(gift_id: int, mail: Callable[[Any], None]) -> None:
    """Send `mail` about the gift, if it still exists (the task ran after a deletion)."""
    from campaigns.models import GiftMembership

    gift = GiftMembership.objects.select_related("plan").filter(pk=gift_id).first()
    if gift is not None:
        mail(gift)


@task(queue_name="email")
def send_gift_purchase_mail(gift_id: int) -> None:
    from campaigns import emails

    _mail_about(gift_id, emails.gift_purchase_mail)


@task(queue_name="email")
def send_gift_redeemed_notice(gift_id: int) -> None:
    from campaigns import emails

    _mail_about(gift_id, emails.gift_redeemed_mail)
