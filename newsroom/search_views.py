"""/search/?q=: stories, news feed items and journalists, ranked, with highlighted snippets.

Wagtail's database search backend does the ranking (SQLite FTS5, or PostgreSQL full-text
search when DATABASE_URL is PostgreSQL). A reader's query is reduced to its words before it
reaches the backend, so quotes, operators and stray symbols can never break the search.
"""

from __future__ import annotations

import re
from typing import Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.html import escape, strip_tags
from django.utils.safestring import SafeString, mark_safe
from wagtail.models import Site

from newsroom.block_text import stream_plain_texts
from newsroom.models import ArticlePage, AuthorPage, NewsFeedItemPage
from newsroom.page_cache import reader_cacheable
from newsroom.paginate import paginate
from newsroom.search import search_pages
from newsroom.selectors import attach_sections

MAX_QUERY_CHARS = 200
MAX_TERMS = 12
PER_PAGE = 10
SNIPPET_CHARS = 240
_WORD = re.compile(r"\w+", re.UNICODE)


def search_terms(raw: str) -> list[str]:
    """The words of a query, at most MAX_TERMS, without symbols or control characters."""
    return _WORD.findall(raw[:MAX_QUERY_CHARS])[:MAX_TERMS]


def _plain_text(page: Any) -> str:
    if isinstance(page, ArticlePage):
        body = " ".join(stream_plain_texts(page.body))
        return f"{page.standfirst} {body}"
    if isinstance(page, NewsFeedItemPage):
        return page.summary
    if isinstance(page, AuthorPage):
        return f"{page.role}. {strip_tags(page.bio)}"
    return ""


def snippet(text: str, terms: list[str], *, width: int = SNIPPET_CHARS) -> SafeString:
    """About `width` characters of `text` around the first match, matches wrapped in <mark>.

    Everything is escaped before marks are added, so page text can never inject markup.
    """
    text = " ".join(text.split())
    if not terms:
        return SafeString(escape(text[:width]))
    pattern = re.compile(r"\b(" + "|".join(re.escape(term) for term in terms) + r")", re.IGNORECASE)
    first = pattern.search(text)
    start = 0 if first is None else max(0, first.start() - width // 3)
    if start:
        space = text.find(" ", start)
        start = space + 1 if 0 <= space < first.start() else start  # type: ignore[union-attr]
    end = min(len(text), start + width)
    if end < len(text):
        space = text.rfind(" ", start, end)
        end = space if space > start else end
    window = text[start:end]
    pieces: list[str] = ["… " if start else ""]
    position = 0
    for match in pattern.finditer(window):
        pieces.append(escape(window[position : match.start()]))
        pieces.append(f"<mark>{escape(match.group(0))}</mark>")
        position = match.end()
    pieces.append(escape(window[position:]))
    pieces.append(" …" if end < len(text) else "")
    return mark_safe("".join(pieces))


def _kind(page: Any) -> str:
    if isinstance(page, NewsFeedItemPage):
        return "News Feed"
    if isinstance(page, AuthorPage):
        return "Journalist"
    section = getattr(page, "card_section", None)
    return section.title if section is not None else "Story"


@reader_cacheable
def search(request: HttpRequest) -> HttpResponse:
    raw = request.GET.get("q", "")
    terms = search_terms(raw)
    context: dict[str, Any] = {
        "query": " ".join(raw.split())[:MAX_QUERY_CHARS],
        "too_long": len(raw) > MAX_QUERY_CHARS,
        "terms": terms,
        "head_title": "Search",
    }
    site = Site.find_for_request(request)
    if terms and site is not None:
        page_obj = paginate(request, search_pages(site, terms), per_page=PER_PAGE)
        found = list(page_obj.object_list)
        attach_sections([page for page in found if isinstance(page, ArticlePage)])
        page_obj.object_list = [
            {"page": page, "kind": _kind(page), "snippet": snippet(_plain_text(page), terms)} for page in found
        ]
        context["page_obj"] = page_obj
    return render(request, "newsroom/search_page.html", context)
