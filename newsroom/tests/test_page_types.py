from __future__ import annotations

import pytest
from wagtail.models import Page
from wagtail.test.utils import WagtailPageTestCase
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text, streamfield

from live.models import LivePage
from newsroom.models import (
    ArticlePage,
    AuthorIndexPage,
    AuthorPage,
    HomePage,
    NewsFeedItemPage,
    NewsFeedPage,
    SectionPage,
    StandardPage,
)
from tests.support.newsroom import build_newsroom, make_editor


class PageTypeTests(WagtailPageTestCase):
    def setUp(self) -> None:
        self.newsroom = build_newsroom()
        self.author = self.newsroom.add_author("Ada Lind")
        self.article = self.newsroom.add_article("Harbour strike ends")
        self.item = self.newsroom.add_feed_item("Ferries run again", at=self.article.first_published_at)
        self.login()

    def test_every_page_is_routable_and_renders(self) -> None:
        pages = [
            self.newsroom.home,
            self.newsroom.sections["politics"],
            self.newsroom.authors_index,
            self.author,
            self.newsroom.feed,
            self.item,
            self.article,
        ]
        for page in pages:
            with self.subTest(page=page.title):
                self.assertPageIsRoutable(page)
                self.assertPageIsRenderable(page)

    def test_an_article_draft_can_be_previewed(self) -> None:
        self.assertPageIsPreviewable(
            self.article,
            post_data=nested_form_data(
                {
                    "title": "Harbour strike ends",
                    "slug": self.article.slug,
                    "standfirst": "Preview text.",
                    "body": streamfield([("paragraph", rich_text("<p>Draft paragraph.</p>"))]),
                    "article_authors": inline_formset([{"author": self.author.pk}]),
                    "updates": inline_formset([]),
                }
            ),
        )

    def test_the_tree_allows_pages_only_where_they_belong(self) -> None:
        self.assertAllowedParentPageTypes(ArticlePage, {SectionPage})
        self.assertAllowedParentPageTypes(SectionPage, {HomePage})
        self.assertAllowedParentPageTypes(NewsFeedItemPage, {NewsFeedPage})
        self.assertAllowedParentPageTypes(AuthorPage, {AuthorIndexPage})
        self.assertAllowedSubpageTypes(HomePage, {SectionPage, NewsFeedPage, AuthorIndexPage, StandardPage, LivePage})
        self.assertAllowedParentPageTypes(LivePage, {SectionPage, HomePage})
        self.assertCanCreateAt(SectionPage, LivePage)
        self.assertCanNotCreateAt(HomePage, ArticlePage)
        self.assertCanCreateAt(SectionPage, ArticlePage)
        self.assertCanCreateAt(NewsFeedPage, NewsFeedItemPage)

    def test_an_editor_can_create_an_article_through_the_cms(self) -> None:
        section = self.newsroom.sections["politics"]
        self.assertCanCreate(
            section,
            ArticlePage,
            nested_form_data(
                {
                    "title": "Budget vote delayed",
                    "slug": "budget-vote-delayed",
                    "standfirst": "The vote moves to Thursday.",
                    "body": streamfield([("paragraph", rich_text("<p>Members asked for more time.</p>"))]),
                    "article_authors": inline_formset([{"author": self.author.pk}]),
                    "updates": inline_formset([]),
                    "tags": "budget",
                    "narration_enabled": "on",
                }
            ),
        )

    def test_an_editor_can_create_a_live_page_through_the_cms(self) -> None:
        self.assertCanCreate(
            self.newsroom.sections["politics"],
            LivePage,
            nested_form_data(
                {
                    "title": "Election night: live",
                    "slug": "election-night-live",
                    "standfirst": "Results as they come in.",
                    "status": "live",
                    "coverage_started_at": "2026-12-01 20:00:00",
                    "summary": rich_text("<ul><li>Polls closed at 20:00.</li></ul>"),
                }
            ),
        )
        live_page = LivePage.objects.get(slug="election-night-live")
        live_page.save_revision().publish()
        self.assertPageIsRoutable(live_page)
        self.assertPageIsRenderable(live_page)

    def test_an_editor_can_create_a_news_feed_item_through_the_cms(self) -> None:
        self.assertCanCreate(
            self.newsroom.feed,
            NewsFeedItemPage,
            nested_form_data({"title": "Power restored in Lenndal", "slug": "power-lenndal", "summary": "Lights on."}),
        )

    def test_an_editor_can_create_a_section_and_an_about_page(self) -> None:
        home = self.newsroom.home
        self.assertCanCreate(home, SectionPage, nested_form_data({"title": "Science", "slug": "science"}))
        self.assertCanCreate(
            home, StandardPage, nested_form_data({"title": "About", "slug": "about", "body": rich_text("<p>Hi</p>")})
        )


@pytest.mark.django_db
def test_only_one_home_page_may_exist():
    newsroom = build_newsroom()
    make_editor(newsroom.home)
    assert not HomePage.can_create_at(Page.get_first_root_node())
