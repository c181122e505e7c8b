"""Ranked full-text search over stories, news feed items and journalists.

The words are indexed by Wagtail's database search backend (on every publish, and by
`manage.py update_index`). On PostgreSQL the backend's own `.search()` ranks them. On SQLite
its ranking runs one full-text match per candidate row (a correlated subquery), which took two
minutes over 5,000 stories and 20,000 feed items; `RankedSearch` asks SQLite's FTS5 index for
the ranked page ids in one query instead, with the headline weighted above the body.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import cached_property
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.db import connection
from wagtail.models import Page, PageViewRestriction, Site

from newsroom.models import ArticlePage, AuthorPage, NewsFeedItemPage

SEARCHED_TYPES: tuple[type[Page], ...] = (ArticlePage, NewsFeedItemPage, AuthorPage)
# FTS5 column weights for bm25(), in the table's column order: autocomplete, body, title.
TITLE_WEIGHT = 10.0
BODY_WEIGHT = 1.0


def search_pages(site: Site, terms: Sequence[str]) -> Any:
    """Pages of the searched types under `site` matching every term, best first; sliceable, countable."""
    if connection.vendor == "sqlite":
        return RankedSearch(site, terms)
    pages = Page.objects.live().public().descendant_of(site.root_page).type(*SEARCHED_TYPES).specific()
    return pages.search(" ".join(terms), operator="and")


class RankedSearch:
    """The SQLite path: a Paginator-friendly sequence of specific pages in rank order."""

    def __init__(self, site: Site, terms: Sequence[str]) -> None:
        self.site = site
        # Each term is letters and digits only (see search_views.search_terms); quoting makes
        # FTS5 read it as a plain word, never as an operator.
        self.match = "{title body} : (" + " AND ".join(f'"{term}"' for term in terms) + ")"
        self.terms = list(terms)
        # Tiers before bm25, which alone favours short feed items: the headline holds the
        # phrase, then every word; then the standfirst holds every word; then the rest.
        self.title_phrase = '{title} : "' + " ".join(terms) + '"'
        self.title_words = "{title} : (" + " AND ".join(f'"{term}"' for term in terms) + ")"

    def _tier(self) -> tuple[str, list[Any]]:
        in_title = (
            "entry.id IN (SELECT rowid FROM wagtailsearch_indexentry_fts WHERE wagtailsearch_indexentry_fts MATCH %s)"
        )
        standfirst = " AND ".join(["article.standfirst LIKE %s"] * len(self.terms)) or "0"
        sql = f"CASE WHEN {in_title} THEN 0 WHEN {in_title} THEN 1 WHEN {standfirst} THEN 2 ELSE 3 END"
        return sql, [self.title_phrase, self.title_words, *(f"%{term}%" for term in self.terms)]

    def _where(self) -> tuple[str, list[Any]]:
        content_types = [ContentType.objects.get_for_model(model).pk for model in SEARCHED_TYPES]
        sql = [
            "wagtailsearch_indexentry_fts MATCH %s",
            f"entry.content_type_id IN ({', '.join(['%s'] * len(content_types))})",
            "page.live",
            "page.path LIKE %s",
        ]
        params: list[Any] = [self.match, *content_types, f"{self.site.root_page.path}%"]
        # public(): nothing under a page with a view restriction.
        for path in PageViewRestriction.objects.values_list("page__path", flat=True):
            sql.append("page.path NOT LIKE %s")
            params.append(f"{path}%")
        return " AND ".join(sql), params

    _FROM = (
        "FROM wagtailsearch_indexentry_fts "
        "JOIN wagtailsearch_indexentry entry ON entry.id = wagtailsearch_indexentry_fts.rowid "
        "JOIN wagtailcore_page page ON page.id = CAST(entry.object_id AS INTEGER) "
        "LEFT JOIN newsroom_articlepage article ON article.page_ptr_id = page.id"
    )

    @cached_property
    def _count(self) -> int:
        where, params = self._where()
        with connection.cursor() as cursor:
            cursor.execute(f"SELECT COUNT(*) {self._FROM} WHERE {where}", params)
            return int(cursor.fetchone()[0])

    def count(self) -> int:
        return self._count

    def __len__(self) -> int:
        return self._count

    def __getitem__(self, window: slice) -> list[Page]:
        if not isinstance(window, slice):
            raise TypeError("RankedSearch is read a page at a time, with a slice.")
        start = window.start or 0
        stop = self._count if window.stop is None else window.stop
        if stop <= start:
            return []
        where, params = self._where()
        tier, tier_params = self._tier()
        sql = (
            f"SELECT page.id {self._FROM} WHERE {where} "
            f"ORDER BY {tier}, bm25(wagtailsearch_indexentry_fts, 0.0, {BODY_WEIGHT}, {TITLE_WEIGHT}), page.id DESC "
            "LIMIT %s OFFSET %s"
        )
        with connection.cursor() as cursor:
            cursor.execute(sql, [*params, *tier_params, stop - start, start])
            ids = [row[0] for row in cursor.fetchall()]
        pages = Page.objects.filter(pk__in=ids).specific().in_bulk()
        return [pages[pk] for pk in ids if pk in pages]
