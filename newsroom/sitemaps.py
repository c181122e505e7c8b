"""Sitemaps for search engines: an index of every public page and tag page, a Google News sitemap,
robots.txt.

The news sitemap lists stories first published in the last 48 hours, as Google News asks
(https://developers.google.com/search/docs/crawling-indexing/sitemaps/news-sitemap).
"""

from __future__ import annotations

from datetime import timedelta
from typing import Any
from urllib.parse import urlsplit

from django.contrib.sitemaps.views import SitemapIndexItem
from django.db.models import Max, QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from wagtail.contrib.sitemaps import Sitemap
from wagtail.contrib.sitemaps.views import index as wagtail_sitemap_index
from wagtail.models import Page, Site

from lib.site_url import absolute_url, page_url
from newsroom.models import ArticlePage, NewsroomSettings
from newsroom.page_cache import reader_cacheable

NEWS_WINDOW = timedelta(hours=48)
# Google News reads at most 1,000 stories from one news sitemap.
NEWS_LIMIT = 1000


class PagesSitemap(Sitemap):
    """Every live, public page of the site with its last publish time.

    Wagtail's own sitemap loads each page as its specific type; plain pages are enough for a
    URL and a date and keep a site with tens of thousands of stories to a few queries.
    """

    limit = 10000

    def items(self) -> QuerySet[Page]:
        return (
            self.get_wagtail_site()
            .root_page.get_descendants(inclusive=True)
            .live()
            .public()
            .order_by("path")
            .only("id", "path", "depth", "url_path", "last_published_at", "latest_revision_created_at")
        )

    def _urls(self, page: int | str, protocol: str, domain: str) -> list[dict[str, Any]]:
        # Locations on SITE_URL (lib/site_url.py), not on the Site record or the request's host.
        urls = []
        for item in self.paginator.page(page).object_list.iterator():
            urls.append({"location": page_url(item, self.request), "lastmod": self.lastmod(item)})
        lastmods = {url["lastmod"] for url in urls}
        if lastmods and None not in lastmods:
            self.latest_lastmod = max(lastmods)
        return urls


class TagsSitemap(Sitemap):
    """Every tag page (/tags/<slug>/): tags carried by at least one live, public story, with the
    newest publish time among those stories. One query."""

    limit = 10000

    def items(self) -> QuerySet[Any]:
        from newsroom.models.articles import ArticleTag

        stories = ArticlePage.objects.live().public().descendant_of(self.get_wagtail_site().root_page)
        return (
            ArticleTag.objects.filter(content_object__in=stories.values("pk"))
            .values("tag__slug")
            .annotate(lastmod=Max("content_object__last_published_at"))
            .order_by("tag__slug")
        )

    def _urls(self, page: int | str, protocol: str, domain: str) -> list[dict[str, Any]]:
        urls = [
            {"location": absolute_url(reverse("tag", args=[item["tag__slug"]])), "lastmod": item["lastmod"]}
            for item in self.paginator.page(page).object_list
        ]
        lastmods = [url["lastmod"] for url in urls if url["lastmod"] is not None]
        if lastmods:
            self.latest_lastmod = max(lastmods)
        return urls


SITEMAPS: dict[str, Any] = {"pages": PagesSitemap, "tags": TagsSitemap}


def sitemap_index(request: HttpRequest, **kwargs: Any) -> Any:
    """Wagtail's sitemap index, with each sitemap's address on SITE_URL instead of the request's host."""
    response = wagtail_sitemap_index(request, **kwargs)
    response.context_data["sitemaps"] = [
        SitemapIndexItem(absolute_url(_path_of(item.location)), item.last_mod)
        for item in response.context_data["sitemaps"]
    ]
    return response


def _path_of(url: str) -> str:
    parts = urlsplit(url)
    return parts.path + (f"?{parts.query}" if parts.query else "")


def news_stories(site: Site, *, now: Any = None) -> QuerySet[ArticlePage]:
    since = (now or timezone.now()) - NEWS_WINDOW
    return (
        ArticlePage.objects.live()
        .public()
        .descendant_of(site.root_page)
        .filter(first_published_at__gte=since)
        .order_by("-first_published_at")
        .only("id", "path", "depth", "url_path", "title", "first_published_at")[:NEWS_LIMIT]
    )


def news_live_pages(site: Site, *, now: Any = None) -> QuerySet[Any]:
    """Live coverage (live/) first published in the window, or still running: a live page that
    grows all night is news for as long as it is live."""
    from django.apps import apps
    from django.db.models import Q

    since = (now or timezone.now()) - NEWS_WINDOW
    live_page = apps.get_model("live", "LivePage")
    return (
        live_page.objects.live()
        .public()
        .descendant_of(site.root_page)
        .filter(Q(first_published_at__gte=since) | Q(status="live"))
        .order_by("-first_published_at")
        .only("id", "path", "depth", "url_path", "title", "first_published_at")[:NEWS_LIMIT]
    )


@reader_cacheable
def news_sitemap(request: HttpRequest) -> HttpResponse:
    site = Site.find_for_request(request) or Site.objects.get(is_default_site=True)
    newsroom = NewsroomSettings.for_site(site)
    pages = sorted(
        [*news_stories(site), *news_live_pages(site)], key=lambda page: page.first_published_at, reverse=True
    )
    stories = [
        {"url": page_url(story, request), "title": story.title, "published": story.first_published_at}
        for story in pages[:NEWS_LIMIT]
    ]
    return render(
        request,
        "newsroom/sitemap_news.xml",
        {"stories": stories, "name": newsroom.name, "language": newsroom.language},
        content_type="application/xml; charset=utf-8",
    )


@reader_cacheable
def robots_txt(request: HttpRequest) -> HttpResponse:
    root = absolute_url("/").rstrip("/")
    lines = [
        "User-agent: *",
        "Disallow: /cms/",
        "Disallow: /search/",
        "",
        f"Sitemap: {root}/sitemap.xml",
        f"Sitemap: {root}/sitemap-news.xml",
        "",
    ]
    return HttpResponse("\n".join(lines), content_type="text/plain; charset=utf-8")
