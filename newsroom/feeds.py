"""RSS 2.0 and Atom feeds for the site, each section, each author, each tag and the news feed.

Built on Django's syndication framework; the two generators below only add the Media RSS
namespace so each entry can carry its hero picture as <media:content> with width and height.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from django.contrib.syndication.views import Feed
from django.http import Http404, HttpRequest
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed, Rss201rev2Feed, SyndicationFeed
from wagtail.models import Site

from lib.site_url import absolute_url, page_url
from newsroom.models import ArticlePage, AuthorPage, NewsFeedItemPage, NewsroomSettings, SectionPage

MEDIA_NAMESPACE = "http://search.yahoo.com/mrss/"
FEED_IMAGE = "fill-1200x675"
ENTRIES = 30


def _add_media_content(handler: Any, item: dict[str, Any]) -> None:
    image = item.get("media_image")
    if image:
        handler.addQuickElement(
            "media:content",
            "",
            {
                "url": image["url"],
                "medium": "image",
                "type": image["type"],
                "width": str(image["width"]),
                "height": str(image["height"]),
            },
        )


class MediaRssFeed(Rss201rev2Feed):
    def rss_attributes(self) -> dict[str, str]:
        return {**super().rss_attributes(), "xmlns:media": MEDIA_NAMESPACE}

    def add_item_elements(self, handler: Any, item: dict[str, Any]) -> None:
        super().add_item_elements(handler, item)
        _add_media_content(handler, item)


class MediaAtomFeed(Atom1Feed):
    def root_attributes(self) -> dict[str, str]:
        return {**super().root_attributes(), "xmlns:media": MEDIA_NAMESPACE}

    def add_item_elements(self, handler: Any, item: dict[str, Any]) -> None:
        super().add_item_elements(handler, item)
        _add_media_content(handler, item)


@dataclass
class FeedSource:
    """What one feed lists; Feed objects are shared between requests, so the request lives here."""

    request: HttpRequest
    title: str
    link: str
    description: str
    entries: list[Any]


def _site(request: HttpRequest) -> Site:
    site = Site.find_for_request(request)
    if site is None:
        raise Http404("This address does not belong to any newsroom site.")
    return site


def _stories(site: Site) -> Any:
    return ArticlePage.with_card_data(
        ArticlePage.objects.live().public().descendant_of(site.root_page).order_by("-first_published_at", "-pk")
    )


def _live_pages(site: Site, *, parent: Any = None) -> list[Any]:
    """Live, public live pages (live/), newest first; a feed lists them beside the stories."""
    from django.apps import apps

    live_page = apps.get_model("live", "LivePage")
    pages = live_page.objects.live().public().descendant_of(site.root_page).select_related("hero_image")
    if parent is not None:
        pages = pages.child_of(parent)
    return list(pages.order_by("-first_published_at", "-pk")[:ENTRIES])


def _newest(stories: list[Any], live_pages: list[Any]) -> list[Any]:
    merged = sorted([*stories, *live_pages], key=lambda page: (page.first_published_at, page.pk), reverse=True)
    return merged[:ENTRIES]


def _image_of(request: HttpRequest, image: Any) -> dict[str, Any] | None:
    if image is None:
        return None
    rendition = image.get_rendition(FEED_IMAGE)
    mime = {"webp": "image/webp", "png": "image/png", "gif": "image/gif", "avif": "image/avif"}
    extension = rendition.file.name.rsplit(".", 1)[-1].lower()
    return {
        "url": absolute_url(rendition.url),
        "width": rendition.width,
        "height": rendition.height,
        "type": mime.get(extension, "image/jpeg"),
    }


class StoryFeed(Feed):
    """Stories, newest first. Subclasses choose which stories in `get_object`."""

    feed_type: type[SyndicationFeed] = MediaRssFeed

    def get_object(self, request: HttpRequest, *args: Any, **kwargs: Any) -> FeedSource:
        site = _site(request)
        name = NewsroomSettings.for_request(request).name
        return FeedSource(
            request=request,
            title=name,
            link=page_url(site.root_page, request),
            description=NewsroomSettings.for_request(request).tagline or f"The latest stories from {name}.",
            entries=self._attach_sections(_newest(list(_stories(site)[:ENTRIES]), _live_pages(site))),
        )

    @staticmethod
    def _attach_sections(stories: list[ArticlePage]) -> list[ArticlePage]:
        from newsroom.selectors import attach_sections

        return attach_sections(stories)

    def title(self, obj: FeedSource) -> str:
        return obj.title

    def link(self, obj: FeedSource) -> str:
        return obj.link

    def description(self, obj: FeedSource) -> str:
        return obj.description

    def feed_url(self, obj: FeedSource) -> str:
        return absolute_url(obj.request.path)

    def items(self, obj: FeedSource) -> list[Any]:
        return obj.entries

    def item_title(self, item: ArticlePage) -> str:
        return item.title

    def item_description(self, item: ArticlePage) -> str:
        return item.standfirst

    def item_link(self, item: ArticlePage) -> str:
        return page_url(item, self._request_of(item))

    def item_guid(self, item: ArticlePage) -> str:
        return self.item_link(item)

    def item_pubdate(self, item: ArticlePage) -> datetime | None:
        return item.first_published_at

    def item_updateddate(self, item: ArticlePage) -> datetime | None:
        return item.last_published_at or item.first_published_at

    def item_author_name(self, item: ArticlePage) -> str:
        return ", ".join(author.title for author in item.authors)

    def item_author_link(self, item: ArticlePage) -> str | None:
        authors = item.authors
        return page_url(authors[0], self._request_of(item)) if authors else None

    def item_categories(self, item: ArticlePage) -> list[str]:
        section = getattr(item, "card_section", None)
        return [section.title] if section is not None else []

    def item_extra_kwargs(self, item: ArticlePage) -> dict[str, Any]:
        return {"media_image": _image_of(self._request_of(item), item.hero_image)}

    def get_feed(self, obj: FeedSource, request: HttpRequest) -> SyndicationFeed:
        for entry in obj.entries:
            entry._feed_request = request  # item_* hooks get only the item
        return super().get_feed(obj, request)

    @staticmethod
    def _request_of(item: Any) -> HttpRequest:
        return item._feed_request


class SectionFeed(StoryFeed):
    def get_object(self, request: HttpRequest, *args: Any, **kwargs: Any) -> FeedSource:
        site = _site(request)
        section = SectionPage.objects.child_of(site.root_page).live().public().filter(slug=kwargs["slug"]).first()
        if section is None:
            raise Http404("There is no section at this address. The site feed lists every story.")
        name = NewsroomSettings.for_request(request).name
        stories = _stories(site).child_of(section)[:ENTRIES]
        return FeedSource(
            request=request,
            title=f"{name}: {section.title}",
            link=page_url(section, request),
            description=section.description or f"The latest {section.title} stories from {name}.",
            entries=self._attach_sections(_newest(list(stories), _live_pages(site, parent=section))),
        )


class AuthorFeed(StoryFeed):
    def get_object(self, request: HttpRequest, *args: Any, **kwargs: Any) -> FeedSource:
        site = _site(request)
        author = AuthorPage.objects.live().public().descendant_of(site.root_page).filter(slug=kwargs["slug"]).first()
        if author is None:
            raise Http404("There is no journalist at this address. The site feed lists every story.")
        name = NewsroomSettings.for_request(request).name
        stories = _stories(site).filter(article_authors__author=author)[:ENTRIES]
        return FeedSource(
            request=request,
            title=f"{name}: {author.title}",
            link=page_url(author, request),
            description=f"Stories by {author.title} for {name}.",
            entries=self._attach_sections(list(stories)),
        )


class TagFeed(StoryFeed):
    def get_object(self, request: HttpRequest, *args: Any, **kwargs: Any) -> FeedSource:
        from taggit.models import Tag

        site = _site(request)
        tag = Tag.objects.filter(slug=kwargs["slug"][:100]).first()  # never a NUL: lib/nul_guard.py
        stories = list(_stories(site).filter(tagged_items__tag=tag)[:ENTRIES]) if tag is not None else []
        if tag is None or not stories:
            raise Http404("No published story carries this tag. The site feed lists every story.")
        name = NewsroomSettings.for_request(request).name
        return FeedSource(
            request=request,
            title=f"{name}: {tag.name}",
            link=absolute_url(reverse("tag", args=[tag.slug])),
            description=f"Stories about {tag.name} from {name}.",
            entries=self._attach_sections(stories),
        )


class NewsFeedItemsFeed(StoryFeed):
    """The short news feed items; an item that points at a story carries that story's picture."""

    def get_object(self, request: HttpRequest, *args: Any, **kwargs: Any) -> FeedSource:
        site = _site(request)
        name = NewsroomSettings.for_request(request).name
        items = (
            NewsFeedItemPage.objects.live()
            .public()
            .descendant_of(site.root_page)
            .select_related("article", "article__hero_image")
            .order_by("-first_published_at", "-pk")[:ENTRIES]
        )
        return FeedSource(
            request=request,
            title=f"{name}: News Feed",
            link=absolute_url("/news-feed/"),
            description=f"Short, timestamped news from {name}, newest first.",
            entries=list(items),
        )

    def item_description(self, item: Any) -> str:
        return item.summary

    @staticmethod
    def _private_paths(item: Any) -> tuple[str, ...]:
        request = item._feed_request
        if not hasattr(request, "_private_paths"):
            from newsroom.selectors import private_paths

            request._private_paths = private_paths(fresh=True)
        return request._private_paths

    def item_author_name(self, item: Any) -> str:
        return NewsroomSettings.for_request(self._request_of(item)).name

    def item_author_link(self, item: Any) -> str | None:
        return None

    def item_categories(self, item: Any) -> list[str]:
        return ["News Feed"]

    def item_extra_kwargs(self, item: Any) -> dict[str, Any]:
        from newsroom.selectors import is_private

        article = item.article if item.article_id and item.article and item.article.live else None
        if article is not None and is_private(article, paths=self._private_paths(item)):
            article = None  # a private story's picture is not shown beside the item
        image = article.hero_image if article is not None else None
        return {"media_image": _image_of(self._request_of(item), image)}


class AtomFeedMixin:
    """Turns any feed above into Atom 1.0: the description becomes the subtitle."""

    feed_type: type[SyndicationFeed] = MediaAtomFeed

    def subtitle(self, obj: FeedSource) -> str:
        return obj.description


class SiteAtomFeed(AtomFeedMixin, StoryFeed):
    pass


class SectionAtomFeed(AtomFeedMixin, SectionFeed):
    pass


class AuthorAtomFeed(AtomFeedMixin, AuthorFeed):
    pass


class TagAtomFeed(AtomFeedMixin, TagFeed):
    pass


class NewsFeedItemsAtomFeed(AtomFeedMixin, NewsFeedItemsFeed):
    pass
