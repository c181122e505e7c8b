"""Search: bodies and headlines, ranked, highlighted, paginated, and never a 500."""

from __future__ import annotations

import pytest

from newsroom.search_views import search_terms, snippet
from tests.support.newsroom import hours_ago, paragraphs


@pytest.fixture
def archive(newsroom):
    body_only = newsroom.add_article(
        "Council meets on Tuesday",
        body=paragraphs(
            "The agenda was long. " * 8,
            "Deep in the budget, a line item funds the new lighthouse keeper at Sorvik point.",
        ),
        published_at=hours_ago(5),
    )
    headline = newsroom.add_article("Lighthouse sold to private buyer", published_at=hours_ago(30))
    newsroom.add_feed_item("Lighthouse lamp relit after storm", at=hours_ago(1))
    newsroom.add_author("Mira Lighthouse-Holm")
    return {"body_only": body_only, "headline": headline}


@pytest.mark.django_db
def test_a_story_is_found_by_a_word_that_appears_only_in_its_body(client, archive):
    html = client.get("/search/", {"q": "keeper"}).content.decode()
    assert "Council meets on Tuesday" in html
    assert "1 result for" in html
    assert "funds the new lighthouse <mark>keeper</mark> at Sorvik point" in html


@pytest.mark.django_db
def test_a_headline_match_ranks_above_a_body_match(client, archive):
    response = client.get("/search/", {"q": "lighthouse"})
    results = response.context["page_obj"].object_list
    titles = [result["page"].title for result in results]
    assert "Council meets on Tuesday" in titles
    assert titles.index("Lighthouse sold to private buyer") < titles.index("Council meets on Tuesday")
    kinds = {result["page"].title: result["kind"] for result in results}
    assert kinds["Lighthouse lamp relit after storm"] == "News Feed"
    assert kinds["Mira Lighthouse-Holm"] == "Journalist"
    assert kinds["Lighthouse sold to private buyer"] == "Politics"


@pytest.mark.django_db
def test_results_are_paginated_and_keep_the_query(client, newsroom):
    for n in range(12):
        newsroom.add_article(f"Tidal report {n}", hero=False, published_at=hours_ago(n + 1))
    first = client.get("/search/", {"q": "tidal"})
    assert len(first.context["page_obj"].object_list) == 10
    assert 'href="?q=tidal&amp;page=2"' in first.content.decode()
    second = client.get("/search/", {"q": "tidal", "page": "2"})
    assert len(second.context["page_obj"].object_list) == 2


ODD_QUERIES = [
    '"',
    "AND OR NOT",
    "(((",
    "lighthouse*",
    "-lighthouse",
    "NEAR(a b)",
    "'; DROP TABLE wagtailcore_page; --",
    "\x00\x01",
    "<script>alert(1)</script>",
    "😀🔥",
    "ÿ" * 5000,
    "a " * 400,
    "%",
    "\\",
    "^title:lighthouse",
]


@pytest.mark.django_db
@pytest.mark.parametrize("query", ODD_QUERIES)
def test_odd_queries_get_a_friendly_page_never_a_500(client, archive, query):
    response = client.get("/search/", {"q": query})
    assert response.status_code == 200
    html = response.content.decode()
    assert "<script>alert(1)</script>" not in html
    assert ("result" in html) or ("Nothing matched" in html) or ("could not find any words" in html)


@pytest.mark.django_db
def test_an_empty_search_explains_what_to_do(client, archive):
    html = client.get("/search/").content.decode()
    assert "Type a few words above" in html
    html = client.get("/search/", {"q": "   "}).content.decode()
    assert "Type a few words above" in html
    html = client.get("/search/", {"q": "?!"}).content.decode()
    assert "could not find any words" in html


@pytest.mark.django_db
def test_a_very_long_query_is_shortened_with_a_note(client, archive):
    html = client.get("/search/", {"q": "lighthouse " * 60}).content.decode()
    assert "we used only its first 200 characters" in html


@pytest.mark.django_db
def test_the_header_has_a_search_box_that_needs_no_csrf_token(client, archive):
    html = client.get("/").content.decode()
    assert '<form class="site-search" role="search" action="/search/" method="get">' in html
    assert "csrfmiddlewaretoken" not in html


def test_snippets_escape_page_text_and_mark_every_match():
    text = "Before <b>bold</b> claims, the Keeper said keepers keep records. " + "Filler words. " * 40
    result = snippet(text, ["keep"])
    assert "&lt;b&gt;bold&lt;/b&gt;" in result
    assert "<mark>Keep</mark>er said <mark>keep</mark>ers <mark>keep</mark> records" in result
    assert result.endswith(" …")


def test_query_words_are_extracted_without_symbols():
    assert search_terms('"harbour" AND (fire*)') == ["harbour", "AND", "fire"]
    assert search_terms("x" * 500) == ["x" * 200]
