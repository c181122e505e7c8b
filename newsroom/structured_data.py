"""JSON-LD for news aggregators and search engines, and the sharing tags built from the same facts.

`news_article(page, request)` is the one place a story's NewsArticle is built. Other apps add
to it through the Wagtail hook `newsroom_news_article` (e.g. narration adds an `audio`
AudioObject): each hook is called as `hook(page, request, data)` and may change `data`.
"""

from __future__ import annotations

import json
from datetime import datetime
from typing import Any

from django.http import HttpRequest
from django.templatetags.static import static
from django.utils.html import format_html
from django.utils.safestring import SafeString
from wagtail import hooks
from wagtail.models import Page, Site

from lib.site_url import absolute_url as site_absolute_url
from lib.site_url import page_url

NEWS_ARTICLE_HOOK = "newsroom_news_article"
# Google asks for images in 16:9, 4:3 and 1:1, each at least 1,200 px wide for Discover.
IMAGE_RATIOS = {"16x9": "fill-1200x675", "4x3": "fill-1200x900", "1x1": "fill-1200x1200"}
LOGO_PATH = "img/publisher-logo.png"


def _iso(value: datetime | None) -> str | None:
    return value.isoformat() if value else None


def absolute_url(request: HttpRequest, url: str) -> str:
    """An absolute URL on SITE_URL, the one address every link uses (lib/site_url.py)."""
    return site_absolute_url(url)


def _newsroom_settings(request: HttpRequest) -> Any:
    from newsroom.models import NewsroomSettings

    return NewsroomSettings.for_request(request)


def hero_images(page: Any, request: HttpRequest) -> dict[str, dict[str, Any]]:
    """The hero picture in each ratio: {"16x9": {"url", "width", "height"}, …}; empty without one."""
    image = getattr(page, "hero_image", None)
    if image is None:
        return {}
    known = getattr(page, "_structured_hero_images", None)
    if known is not None:  # the head asks twice: JSON-LD and the sharing tags
        return known
    renditions = image.get_renditions(*IMAGE_RATIOS.values())
    page._structured_hero_images = {
        ratio: {
            "url": absolute_url(request, renditions[spec].url),
            "width": renditions[spec].width,
            "height": renditions[spec].height,
        }
        for ratio, spec in IMAGE_RATIOS.items()
    }
    return page._structured_hero_images


def publisher(request: HttpRequest) -> dict[str, Any]:
    newsroom = _newsroom_settings(request)
    data: dict[str, Any] = {
        "@type": "NewsMediaOrganization",
        "name": newsroom.name,
        "url": absolute_url(request, "/"),
        "logo": {"@type": "ImageObject", "url": absolute_url(request, static(LOGO_PATH)), "width": 512, "height": 512},
    }
    if newsroom.founded:
        data["foundingDate"] = str(newsroom.founded)
    return data


def news_article(page: Any, request: HttpRequest) -> dict[str, Any]:
    """schema.org NewsArticle for a story, with a CorrectionComment per correction."""
    url = page_url(page, request)
    section = page.get_parent()
    modified = max(
        (moment for moment in (page.last_published_at, page.last_updated_at, page.first_published_at) if moment),
        default=None,
    )
    data: dict[str, Any] = {
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "headline": page.title,
        "description": page.search_description or page.standfirst,
        "datePublished": _iso(page.first_published_at),
        "dateModified": _iso(modified),
        "author": [
            {"@type": "Person", "name": author.title, "url": page_url(author, request)} for author in page.authors
        ],
        "publisher": publisher(request),
        "mainEntityOfPage": {"@type": "WebPage", "@id": url},
        "url": url,
        "isAccessibleForFree": True,
        "articleSection": section.title if section is not None else None,
        "inLanguage": _newsroom_settings(request).language,
        "wordCount": page.word_count,
    }
    images = hero_images(page, request)
    if images:
        data["image"] = [images[ratio]["url"] for ratio in IMAGE_RATIOS]
    else:
        # Aggregators require an image on every NewsArticle. Sections have no picture of their
        # own, so a story without a hero shows the publisher's (the logo, an absolute URL).
        data["image"] = [absolute_url(request, static(LOGO_PATH))]
    corrections = page.corrections
    if corrections:
        data["correction"] = [
            {"@type": "CorrectionComment", "text": c.note, "datePublished": _iso(c.happened_at)} for c in corrections
        ]
    for hook in hooks.get_hooks(NEWS_ARTICLE_HOOK):
        hook(page, request, data)
    return {key: value for key, value in data.items() if value is not None}


def home_page_graph(request: HttpRequest) -> list[dict[str, Any]]:
    """NewsMediaOrganization and WebSite with a SearchAction pointing at /search/."""
    organization = {"@context": "https://schema.org", **publisher(request)}
    root = organization["url"]
    website = {
        "@context": "https://schema.org",
        "@type": "WebSite",
        "name": organization["name"],
        "url": root,
        "publisher": {"@type": "NewsMediaOrganization", "name": organization["name"], "url": root},
        "potentialAction": {
            "@type": "SearchAction",
            "target": {"@type": "EntryPoint", "urlTemplate": f"{root}search/?q={{search_term_string}}"},
            "query-input": "required name=search_term_string",
        },
    }
    return [organization, website]


def breadcrumbs(page: Page, request: HttpRequest) -> dict[str, Any] | None:
    """Home › Section › Story as a BreadcrumbList; None on the home page itself."""
    site = Site.find_for_request(request)
    if site is None or page.depth <= site.root_page.depth:
        return None
    trail: list[Page] = [page]
    parent = page.get_parent()
    while parent is not None and parent.depth > site.root_page.depth:
        trail.append(parent)
        parent = parent.get_parent()
    trail.append(site.root_page)
    return breadcrumb_list([(crumb.title, page_url(crumb, request)) for crumb in reversed(trail)])


def breadcrumb_list(trail: list[tuple[str, str]]) -> dict[str, Any]:
    """A BreadcrumbList of (name, absolute URL) pairs, the site's root first."""
    items = [
        {"@type": "ListItem", "position": position, "name": name, "item": url}
        for position, (name, url) in enumerate(trail, start=1)
    ]
    return {"@context": "https://schema.org", "@type": "BreadcrumbList", "itemListElement": items}


def json_ld_script(data: Any) -> SafeString:
    """A <script type="application/ld+json"> that cannot be closed early by text inside it."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    text = text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
    return format_html('<script type="application/ld+json">{}</script>', SafeString(text))
