"""What every reader page's header and footer need: sections, about pages, editors' picks."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from django.utils.functional import SimpleLazyObject
from wagtail.models import Site


def _navigation(request: HttpRequest) -> dict[str, Any]:
    from newsroom.models import SectionPage, StandardPage

    site = Site.find_for_request(request)
    if site is None:
        return {"sections": [], "about_pages": []}
    root = site.root_page
    return {
        "sections": list(SectionPage.objects.child_of(root).live().order_by("path").only("title", "url_path", "path")),
        "about_pages": list(
            StandardPage.objects.child_of(root).live().order_by("path").only("title", "url_path", "path")
        ),
    }


def newsroom(request: HttpRequest) -> dict[str, Any]:
    from newsroom.selectors import editors_picks

    navigation = SimpleLazyObject(lambda: _navigation(request))
    return {
        "navigation": navigation,
        "editors_picks": SimpleLazyObject(lambda: editors_picks(Site.find_for_request(request))),
    }
