"""Wagtail's "add page" view without autosave; autosave stays on for pages that exist.

Autosave on the add form creates the page with its first background save and only then points
the form at the new page's edit address. A reporter who clicks Save draft or Submit while that
first save is under way (or whose first autosave was refused for a still-empty body) posts the
add form a second time: the slug is then "already in use", the only error sits on the Promote
tab, and a draft exists the reporter never saw (issue 15, item 7). A new story is therefore made
by the reporter's own first save; from then on the edit page autosaves as Wagtail does.
"""

from __future__ import annotations

from typing import Any

from django.urls import path
from wagtail.admin.auth import require_admin_access
from wagtail.admin.views.pages.create import CreateView


class CreatePageWithoutAutosave(CreateView):
    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        self.autosave_enabled = False
        return super().get_context_data(**kwargs)


# Listed in config/urls.py before Wagtail's admin URLs, at the address of Wagtail's own view.
urlpatterns = [
    path(
        "pages/add/<slug:content_type_app_name>/<slug:content_type_model_name>/<int:parent_page_id>/",
        require_admin_access(CreatePageWithoutAutosave.as_view()),
    ),
]
