"""Reader-facing URLs that are not pages in Wagtail's tree: feeds, sitemaps, robots.txt, search, tags."""

from __future__ import annotations

from typing import Any

from django.urls import include, path
from wagtail.contrib.sitemaps.views import sitemap as sitemap_section

from newsroom import feeds
from newsroom.page_cache import reader_cacheable, same_for_everyone
from newsroom.search_views import search
from newsroom.sitemaps import SITEMAPS, news_sitemap, robots_txt, sitemap_index
from newsroom.tag_views import tag_page


def _feed(feed_class: type[feeds.StoryFeed]) -> Any:
    return reader_cacheable(same_for_everyone(feed_class()))


feed_patterns = [
    path("rss/", _feed(feeds.StoryFeed), name="site-rss"),
    path("atom/", _feed(feeds.SiteAtomFeed), name="site-atom"),
    path("news/rss/", _feed(feeds.NewsFeedItemsFeed), name="news-rss"),
    path("news/atom/", _feed(feeds.NewsFeedItemsAtomFeed), name="news-atom"),
    path("section/<slug:slug>/rss/", _feed(feeds.SectionFeed), name="section-rss"),
    path("section/<slug:slug>/atom/", _feed(feeds.SectionAtomFeed), name="section-atom"),
    path("author/<slug:slug>/rss/", _feed(feeds.AuthorFeed), name="author-rss"),
    path("author/<slug:slug>/atom/", _feed(feeds.AuthorAtomFeed), name="author-atom"),
    # Tag slugs may hold any letter (taggit keeps Unicode), so <str>, not <slug>.
    path("tag/<str:slug>/rss/", _feed(feeds.TagFeed), name="tag-rss"),
    path("tag/<str:slug>/atom/", _feed(feeds.TagAtomFeed), name="tag-atom"),
]

urlpatterns = [
    path("feeds/", include((feed_patterns, "feeds"))),
    path("robots.txt", robots_txt, name="robots-txt"),
    path("sitemap-news.xml", news_sitemap, name="sitemap-news"),
    path(
        "sitemap.xml",
        reader_cacheable(sitemap_index),
        {"sitemaps": SITEMAPS, "sitemap_url_name": "sitemap-section"},
        name="sitemap-index",
    ),
    path("sitemap-<section>.xml", reader_cacheable(sitemap_section), {"sitemaps": SITEMAPS}, name="sitemap-section"),
    path("search/", search, name="search"),
    path("tags/<str:slug>/", tag_page, name="tag"),
]
