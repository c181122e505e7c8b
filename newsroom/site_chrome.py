"""What every reader page shows around its story, read once per cache generation.

The site (with its home page), the newsroom settings, the section navigation, the editors'
picks and the latest news feed items are the same on every page, so they are built in one go,
kept in Django's cache under the page-cache generation (newsroom/page_cache.py) and reused by
every render until something is published. That keeps an uncached article render within its
query budget (docs/architecture.md) without any per-page cache bookkeeping.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import DisallowedHost
from django.http import HttpRequest
from wagtail.models import Site

from newsroom import kept
from newsroom.page_cache import current_generation

# The most feed items any page shows (the home page's column).
FEED_ITEMS = 8
_REQUEST_ATTR = "_newsroom_chrome"


@dataclass
class Chrome:
    site: Site | None
    newsroom_settings: Any = None
    sections: list[Any] = field(default_factory=list)
    about_pages: list[Any] = field(default_factory=list)
    editors_picks: list[Any] = field(default_factory=list)
    news_feed_items: list[Any] = field(default_factory=list)
    # Live pages still running (live/): the "Live" strip under the navigation.
    live_now: list[Any] = field(default_factory=list)

    @property
    def navigation(self) -> dict[str, list[Any]]:
        return {"sections": self.sections, "about_pages": self.about_pages}


def _build(request: HttpRequest) -> Chrome:
    from newsroom.models import NewsroomSettings, SectionPage, StandardPage
    from newsroom.selectors import editors_picks, exclude_private, latest_news_feed_items

    site = Site._find_for_request(request)
    if site is None:
        return Chrome(site=None, news_feed_items=latest_news_feed_items(limit=FEED_ITEMS))
    # Keep the specific home page on the site, so Wagtail's router starts without a query.
    site.root_page = site.root_page.specific
    root = site.root_page
    # slug and depth: HomePage.route starts a story's route from the section kept here.
    columns = ("title", "url_path", "path", "slug", "depth", "live")
    return Chrome(
        site=site,
        newsroom_settings=NewsroomSettings.for_site(site),
        sections=list(exclude_private(SectionPage.objects.child_of(root).live()).order_by("path").only(*columns)),
        about_pages=list(exclude_private(StandardPage.objects.child_of(root).live()).order_by("path").only(*columns)),
        editors_picks=editors_picks(site),
        news_feed_items=latest_news_feed_items(limit=FEED_ITEMS),
        live_now=_live_now(root),
    )


def _live_now(root: Any) -> list[Any]:
    from django.apps import apps

    from newsroom.selectors import exclude_private

    live_page = apps.get_model("live", "LivePage")
    running = live_page.objects.live().descendant_of(root).filter(status="live")
    return list(exclude_private(running).order_by("-first_published_at").only("title", "url_path", "path")[:2])


def chrome_for(request: HttpRequest, generation: int | None = None) -> Chrome:
    """The chrome for this request's host, from the cache when this generation already built it."""
    chrome = getattr(request, _REQUEST_ATTR, None)
    if chrome is not None:
        return chrome
    try:
        host = request.get_host()
    except DisallowedHost:
        host = ""
    if generation is None:
        generation = current_generation()
    # Kept for the render's fragments (newsroom/templatetags/reader_fragments.py).
    request._page_cache_generation = generation  # type: ignore[attr-defined]
    key = f"chrome:{generation}:{host}"
    chrome = kept.get(key)
    if chrome is None:
        chrome = _build(request)
        kept.set(key, chrome)
    setattr(request, _REQUEST_ATTR, chrome)
    return chrome


def prime_request(request: HttpRequest, generation: int | None = None) -> None:
    """Hand Wagtail the cached site and settings so it does not look them up again."""
    chrome = chrome_for(request, generation)
    if chrome.site is None:
        return
    request._wagtail_site = chrome.site  # type: ignore[attr-defined]
    if chrome.newsroom_settings is not None:
        chrome.newsroom_settings._request = request
        setattr(request, type(chrome.newsroom_settings).get_cache_attr_name(), chrome.newsroom_settings)
