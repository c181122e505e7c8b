"""All of the audio app's signal wiring: publishing requests narration, unpublishing withdraws it."""

from __future__ import annotations

import logging
from typing import Any

from wagtail.signals import page_published, page_unpublished

from audio import services

logger = logging.getLogger("masthead.audio")


def _is_article(instance: Any) -> bool:
    from newsroom.models import ArticlePage

    return isinstance(instance, ArticlePage)


def request_narration_on_publish(sender: Any, instance: Any, **kwargs: Any) -> None:
    if not _is_article(instance):
        return
    try:
        services.narration_request(article=instance)
    except Exception:
        # Publishing must never fail because of audio; the editor can regenerate it later.
        logger.exception("could not request narration", extra={"article_id": instance.pk})


def withdraw_narration_on_unpublish(sender: Any, instance: Any, **kwargs: Any) -> None:
    if _is_article(instance):
        services.narration_withdraw(article_id=instance.pk)


def register_signal_handlers() -> None:
    page_published.connect(request_narration_on_publish, dispatch_uid="audio-request-narration")
    page_unpublished.connect(withdraw_narration_on_unpublish, dispatch_uid="audio-withdraw-narration")
