"""`{% reader_head %}`: canonical URL, feed links, Open Graph and Twitter tags, and JSON-LD."""

from __future__ import annotations

from typing import Any

from django import template
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.safestring import SafeString

from lib.site_url import page_url
from newsroom import structured_data

register = template.Library()


def _feeds(page: Any, site_name: str) -> list[dict[str, str]]:
    from newsroom.models import ArticlePage, AuthorPage, NewsFeedItemPage, NewsFeedPage, SectionPage

    feeds = [{"title": site_name, "rss": reverse("feeds:site-rss"), "atom": reverse("feeds:site-atom")}]
    # A story's (or live page's) feeds include its section's.
    section = page.get_parent() if isinstance(page, ArticlePage) or getattr(page, "is_live_coverage", False) else page
    if isinstance(section, SectionPage):
        feeds.append(
            {
                "title": f"{site_name}: {section.title}",
                "rss": reverse("feeds:section-rss", args=[section.slug]),
                "atom": reverse("feeds:section-atom", args=[section.slug]),
            }
        )
    if isinstance(page, AuthorPage):
        feeds.append(
            {
                "title": f"{site_name}: {page.title}",
                "rss": reverse("feeds:author-rss", args=[page.slug]),
                "atom": reverse("feeds:author-atom", args=[page.slug]),
            }
        )
    if isinstance(page, NewsFeedPage | NewsFeedItemPage):
        feeds.append(
            {
                "title": f"{site_name}: News Feed",
                "rss": reverse("feeds:news-rss"),
                "atom": reverse("feeds:news-atom"),
            }
        )
    return feeds


@register.simple_tag(takes_context=True)
def reader_head(context: template.Context) -> SafeString:
    request = context.get("request")
    if request is None:
        return SafeString("")
    from newsroom.models import ArticlePage, HomePage, NewsroomSettings

    page = context.get("page")
    newsroom = NewsroomSettings.for_request(request)
    scripts: list[SafeString] = []
    head: dict[str, Any] = {"site_name": newsroom.name, "og_type": "website"}
    if page is not None and getattr(page, "pk", None):
        head["canonical"] = page_url(page, request)
        head["title"] = page.seo_title or page.title
        head["description"] = (
            page.search_description
            or getattr(page, "standfirst", "")
            or getattr(page, "description", "")
            or newsroom.tagline
        )
        head["feeds"] = _feeds(page, newsroom.name)
        if isinstance(page, ArticlePage):
            article = structured_data.news_article(page, request)
            head.update(
                og_type="article",
                image=structured_data.hero_images(page, request).get("16x9"),
                image_alt=page.hero_alt_text,
                published=article.get("datePublished"),
                modified=article.get("dateModified"),
                section=article.get("articleSection"),
                authors=[author["url"] for author in article["author"]],
            )
            scripts.append(structured_data.json_ld_script(article))
        live_json_ld = getattr(page, "live_blog_posting", None)
        if live_json_ld is not None:
            # Live coverage (live/) brings its own LiveBlogPosting.
            posting = live_json_ld(request)
            head.update(
                og_type="article",
                image=structured_data.hero_images(page, request).get("16x9"),
                image_alt=getattr(page, "hero_alt_text", ""),
                published=posting.get("datePublished"),
                modified=posting.get("dateModified"),
                authors=[author["url"] for author in posting.get("author", [])],
            )
            scripts.append(structured_data.json_ld_script(posting))
        if isinstance(page, HomePage):
            scripts.append(structured_data.json_ld_script(structured_data.home_page_graph(request)))
        else:
            crumbs = structured_data.breadcrumbs(page, request)
            if crumbs:
                scripts.append(structured_data.json_ld_script(crumbs))
    else:
        # A view that is not a Wagtail page (search, tag pages) may say what its head holds.
        head["canonical"] = context.get("head_canonical") or structured_data.absolute_url(request, request.path)
        head["title"] = context.get("head_title") or newsroom.name
        head["description"] = context.get("head_description") or newsroom.tagline
        head["feeds"] = [*_feeds(None, newsroom.name), *(context.get("head_feeds") or [])]
        if context.get("head_breadcrumbs"):
            scripts.append(structured_data.json_ld_script(structured_data.breadcrumb_list(context["head_breadcrumbs"])))
    head["logo"] = structured_data.absolute_url(request, structured_data.static(structured_data.LOGO_PATH))
    return SafeString(
        render_to_string(
            "newsroom/includes/reader_head.html", {"head": head, "json_ld": scripts, "page": page, "request": request}
        )
    )
