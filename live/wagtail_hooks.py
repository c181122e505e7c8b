"""Live entries in the CMS: a snippet listing filtered by live page, and an add form that knows
which page it is for (the live page's edit screen links to both)."""

from __future__ import annotations

from typing import Any

from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import CreateView, SnippetViewSet

from live.models import LiveEntry, LivePage


class EntryCreateView(CreateView):
    """`?live_page=<id>` (the "Add entry" link) fills in the page. No autosave on this form:
    Wagtail's first background save creates the entry and a Save clicked meanwhile posts the
    add form again, so readers got the same entry twice (as for pages, staff/page_create.py).
    Once saved, the edit form autosaves as Wagtail does."""

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        self.autosave_enabled = False
        return super().get_context_data(**kwargs)

    def get_initial_form_instance(self) -> Any:
        instance = super().get_initial_form_instance() or LiveEntry()
        raw = self.request.GET.get("live_page", "")
        if raw.isascii() and raw.isdigit() and len(raw) < 10:
            page = LivePage.objects.filter(pk=int(raw)).first()
            if page is not None:
                instance.page = page
        return instance


class LiveEntryViewSet(SnippetViewSet):
    model = LiveEntry
    icon = "time"
    menu_label = "Live entries"
    add_view_class = EntryCreateView
    list_display = ["__str__", "posted_at", "author", "pinned", "key_event", "updated_at"]
    list_filter = ["page", "pinned", "key_event"]
    search_fields = ["title"]
    ordering = ["-posted_at"]
    add_to_admin_menu = True
    menu_order = 250


register_snippet(LiveEntryViewSet)
