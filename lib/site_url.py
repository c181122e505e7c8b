"""The site's one public address, SITE_URL: every absolute URL the newsroom hands out starts here.

Pages, feeds, sitemaps, robots.txt, JSON-LD, the podcast and emails all build their absolute
links with `absolute_url`, never from the request's Host header or Wagtail's Site record, so a
reader, a feed reader and a search engine all get the same, working address. The Wagtail Site
record follows SITE_URL (`site_record_fields`, used by the demo loader); a system check warns
when the two disagree (lib/checks.py).
"""

from __future__ import annotations

from typing import Any
from urllib.parse import urlsplit

from django.conf import settings


def site_url() -> str:
    """SITE_URL without a trailing slash, e.g. "https://news.example"."""
    return str(settings.SITE_URL).rstrip("/")


def absolute_url(url: str) -> str:
    """`url` (a path such as "/war/story/", or an already absolute URL) as an absolute URL."""
    if url.startswith(("http://", "https://")):
        return url
    if url.startswith("//"):  # scheme-relative (a CDN): keep the host, take SITE_URL's scheme
        return f"{urlsplit(site_url()).scheme}:{url}"
    return site_url() + ("" if url.startswith("/") else "/") + url


def page_url(page: Any, request: Any = None) -> str:
    """A Wagtail page's absolute URL on SITE_URL (a page of another Site keeps that site's URL)."""
    return absolute_url(page.get_url(request) or "/")


def site_record_fields(url: str | None = None) -> dict[str, Any]:
    """The Wagtail Site hostname and port that give `url` (SITE_URL by default) as its root_url."""
    parts = urlsplit(url or site_url())
    port = parts.port or (443 if parts.scheme == "https" else 80)
    return {"hostname": parts.hostname or "localhost", "port": port}


def default_site_follow_site_url() -> bool:
    """Point the default Wagtail Site at SITE_URL's hostname and port; True when it changed.

    Idempotent: a Site already on SITE_URL is left alone, and no Site means nothing to do.
    """
    from wagtail.models import Site

    site = Site.objects.filter(is_default_site=True).first()
    if site is None:
        return False
    fields = site_record_fields()
    if site.hostname == fields["hostname"] and site.port == fields["port"]:
        return False
    site.hostname, site.port = fields["hostname"], fields["port"]
    site.save(update_fields=["hostname", "port"])  # Wagtail's save signal clears its caches
    return True
