"""The audio app in the CMS: the pronunciation lexicon, the narrations list, and the page action."""

from __future__ import annotations

from typing import Any

from django.urls import include, path, reverse
from wagtail import hooks
from wagtail.admin.action_menu import ActionMenuItem
from wagtail.admin.menu import Menu, MenuItem, SubmenuMenuItem
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from audio import admin_views
from audio.models import LexiconEntry
from audio.structured_data import audio_object
from lib.site_url import absolute_url
from members.urls import ShortIntConverter  # noqa: F401 - registers <shortint:> (at most 9 digits)
from newsroom import slots


class LexiconViewSet(SnippetViewSet):
    model = LexiconEntry
    icon = "comment"
    menu_label = "Pronunciation lexicon"
    list_display = ["term", "say", "note"]
    search_fields = ["term", "say"]
    add_to_admin_menu = False


register_snippet(LexiconViewSet)


@hooks.register("register_admin_urls")
def register_audio_admin_urls() -> list[Any]:
    urls = [
        path("", admin_views.narration_index, name="index"),
        path("article/<shortint:article_id>/", admin_views.article_narration, name="article"),
        path("article/<shortint:article_id>/regenerate/", admin_views.regenerate_narration, name="regenerate"),
    ]
    return [path("narration/", include((urls, "audio_admin")))]


class LexiconMenuItem(MenuItem):
    """Shown to those who may use the lexicon (the snippet views check the same permissions)."""

    def is_shown(self, request: Any) -> bool:
        return any(
            request.user.has_perm(f"audio.{action}_lexiconentry") for action in ("add", "change", "delete", "view")
        )


class NarrationsMenuItem(MenuItem):
    """Shown to those who may open the narration list (admin_views checks the same permission)."""

    def is_shown(self, request: Any) -> bool:
        return request.user.has_perm("audio.view_narration")


class AudioMenu(SubmenuMenuItem):
    """Hidden when none of its items is shown to this user."""

    def is_shown(self, request: Any) -> bool:
        return bool(self.menu.menu_items_for_request(request))


@hooks.register("register_admin_menu_item")
def register_audio_menu() -> SubmenuMenuItem:
    submenu = Menu(
        items=[
            NarrationsMenuItem("Narrations", reverse("audio_admin:index"), icon_name="list-ul", order=10),
            LexiconMenuItem(
                "Pronunciation lexicon",
                reverse("wagtailsnippets_audio_lexiconentry:list"),
                icon_name="edit",
                order=20,
            ),
        ]
    )
    return AudioMenu("Audio", submenu, icon_name="media", order=450)


class NarrationMenuItem(ActionMenuItem):
    """The "Audio narration" item in an article's action menu: status, timings, errors and "Regenerate audio"."""

    label = "Audio narration"
    name = "action-audio-narration"
    icon_name = "media"

    def is_shown(self, context: dict[str, Any]) -> bool:
        from newsroom.models import ArticlePage

        return context["view"] == "edit" and isinstance(context.get("page"), ArticlePage)

    def get_url(self, parent_context: dict[str, Any]) -> str:
        return reverse("audio_admin:article", args=[parent_context["page"].pk])


@hooks.register("register_page_action_menu_item")
def register_narration_menu_item() -> ActionMenuItem:
    return NarrationMenuItem(order=90)


@hooks.register("newsroom_news_article")  # newsroom.structured_data.NEWS_ARTICLE_HOOK
def add_audio_to_news_article(page: Any, request: Any, data: dict[str, Any]) -> None:
    """The article's JSON-LD gains an AudioObject when its narration is ready."""
    audio = audio_object(page, base_url=absolute_url("/"))
    if audio is not None:
        data["audio"] = audio


# --- reader-page slots (newsroom/slots.py) ----------------------------------------------------
slots.include("head_feeds", "audio/slots/head_feeds.html", kept=True)
slots.include("footer_links", "audio/slots/footer_links.html", kept=True)
slots.include("article_audio", "audio/article_audio.html", kept=True)
