"""All of the audio app's signal wiring: publishing requests narration, unpublishing withdraws it,
and a view restriction (or a move under one) withdraws it too: a private article is never heard.
Saving an article's revision speaks its new parts ahead of publication (services.draft_saved).

Wagtail sends no page signal when an editor sets a page's privacy; the PageViewRestriction row's
own post_save and post_delete are the only sign of it.
"""

from __future__ import annotations

import logging
from typing import Any

from django.db.models.signals import post_delete, post_save
from wagtail.signals import page_published, page_unpublished, post_page_move

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


def speak_saved_draft(sender: Any, instance: Any, **kwargs: Any) -> None:
    """A revision of an article was saved, or overwritten (Wagtail's autosave writes into the
    editor's latest revision): its new parts are spoken ahead of publication
    (services.draft_saved). Saving a draft must never fail because of audio."""
    try:
        model = instance.content_type.model_class()
        from newsroom.models import ArticlePage

        if model is not None and issubclass(model, ArticlePage):
            services.draft_saved(
                page_id=int(instance.object_id), revision_id=instance.pk, saved_at=instance.created_at.isoformat()
            )
    except Exception:
        logger.exception("could not queue speaking the draft", extra={"revision_id": instance.pk})


def withdraw_narration_on_unpublish(sender: Any, instance: Any, **kwargs: Any) -> None:
    if _is_article(instance):
        services.narration_withdraw(article_id=instance.pk)


def follow_privacy_of_restricted_page(sender: Any, instance: Any, **kwargs: Any) -> None:
    """A restriction was added, changed or removed on a page: its articles (the page itself, or a
    section's stories) lose their audio, or get it back when they are public again."""
    services.narrations_follow_privacy(page_id=instance.page_id)


def follow_privacy_of_moved_page(sender: Any, instance: Any, **kwargs: Any) -> None:
    """A story (or a section) moved under a restricted page is private from now on."""
    services.narrations_follow_privacy(page_id=instance.pk)


def register_signal_handlers() -> None:
    from wagtail.models import PageViewRestriction, Revision

    post_save.connect(speak_saved_draft, sender=Revision, dispatch_uid="audio-speak-draft")
    page_published.connect(request_narration_on_publish, dispatch_uid="audio-request-narration")
    page_unpublished.connect(withdraw_narration_on_unpublish, dispatch_uid="audio-withdraw-narration")
    post_save.connect(follow_privacy_of_restricted_page, sender=PageViewRestriction, dispatch_uid="audio-restricted")
    post_delete.connect(
        follow_privacy_of_restricted_page, sender=PageViewRestriction, dispatch_uid="audio-unrestricted"
    )
    post_page_move.connect(follow_privacy_of_moved_page, dispatch_uid="audio-moved")
