"""Builders for tests: a small newsroom made in code, plus the fixed cast of people.

The cast: `reader` (anonymous), `editor` (staff with publish rights), `reporter` (staff who
submit for approval). Other apps add members and subscribers in their own conftest.
"""

from __future__ import annotations

import io
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.core.files.images import ImageFile
from django.utils import timezone
from PIL import Image as PILImage
from wagtail.images.models import Image
from wagtail.models import GroupPagePermission, Page, Site

from lib.site_url import site_record_fields
from newsroom.models import (
    ArticleAuthor,
    ArticlePage,
    ArticleUpdate,
    AuthorIndexPage,
    AuthorPage,
    HomePage,
    NewsFeedItemPage,
    NewsFeedPage,
    NewsroomSettings,
    SectionPage,
)


def make_image(title: str = "Test picture", color: str = "#557799") -> Image:
    buffer = io.BytesIO()
    PILImage.new("RGB", (1600, 900), color).save(buffer, "JPEG")
    image = Image(title=title, description=f"Alt text for {title}")
    image.file = ImageFile(buffer, name=f"{title.lower().replace(' ', '-')}.jpg")
    image.save()
    return image


def paragraphs(*texts: str) -> list[tuple[str, Any]]:
    return [("paragraph", f"<p>{text}</p>") for text in texts]


@dataclass
class Newsroom:
    home: HomePage
    sections: dict[str, SectionPage]
    authors_index: AuthorIndexPage
    feed: NewsFeedPage
    authors: dict[str, AuthorPage] = field(default_factory=dict)

    def add_author(self, name: str, *, role: str = "Correspondent") -> AuthorPage:
        author = AuthorPage(title=name, slug=name.lower().replace(" ", "-"), role=role, bio=f"<p>{name} reports.</p>")
        self.authors_index.add_child(instance=author)
        author.save_revision().publish()
        self.authors[name] = author
        return author

    def add_article(
        self,
        title: str,
        *,
        section: str = "politics",
        authors: list[AuthorPage] | None = None,
        body: list[tuple[str, Any]] | None = None,
        published_at: datetime | None = None,
        hero: bool = True,
        updates: list[tuple[str, datetime, str]] | None = None,
        live: bool = True,
    ) -> ArticlePage:
        article = ArticlePage(
            title=title,
            slug=title.lower().replace(" ", "-")[:60],
            standfirst=f"What happened: {title}.",
            body=body or paragraphs("A sentence of reporting."),
            hero_image=make_image(f"{title} hero") if hero else None,
            hero_caption="A caption.",
            hero_credit="Staff photographer",
        )
        for position, author in enumerate(authors or [self.authors.get("Ada Lind") or self.add_author("Ada Lind")]):
            article.article_authors.add(ArticleAuthor(author=author, sort_order=position))
        for kind, when, note in updates or []:
            article.updates.add(ArticleUpdate(kind=kind, happened_at=when, note=note))
        self.sections[section].add_child(instance=article)
        if live:
            article.save_revision().publish()
            if published_at is not None:
                ArticlePage.objects.filter(pk=article.pk).update(first_published_at=published_at)
            article.refresh_from_db()
        else:
            article.save_revision()
            ArticlePage.objects.filter(pk=article.pk).update(live=False)
            article.refresh_from_db()
        return article

    def add_feed_item(self, title: str, *, at: datetime, article: ArticlePage | None = None) -> NewsFeedItemPage:
        item = NewsFeedItemPage(
            title=title, slug=title.lower().replace(" ", "-")[:60], summary=f"{title} in brief.", article=article
        )
        self.feed.add_child(instance=item)
        item.save_revision().publish()
        NewsFeedItemPage.objects.filter(pk=item.pk).update(first_published_at=at)
        item.refresh_from_db()
        return item


def ensure_wagtail_roots() -> Page:
    """The rows Wagtail's migrations create, which a transactional test's flush removes."""
    from django.conf import settings
    from django.utils.translation import get_supported_language_variant
    from wagtail.models import Collection, Locale

    Locale.objects.get_or_create(language_code=get_supported_language_variant(settings.LANGUAGE_CODE))
    if Collection.get_first_root_node() is None:
        Collection.add_root(name="Root")
    root = Page.get_first_root_node()
    if root is None:
        root = Page.add_root(instance=Page(title="Root", slug="root"))
    return root


def ensure_migration_data() -> None:
    """Rows our own data migrations create (default membership plans), also lost to a flush."""
    import importlib

    from django.apps import apps

    importlib.import_module("members.migrations.0002_default_plans").create_plans(apps, None)


def build_newsroom() -> Newsroom:
    """A home page with two sections, an authors index and a news feed, as the default site."""
    root = ensure_wagtail_roots()
    ensure_migration_data()
    home = HomePage(title="The Test Ledger", slug="test-home")
    root.add_child(instance=home)
    home.save_revision().publish()
    Site.objects.update_or_create(
        is_default_site=True, defaults={**site_record_fields(), "root_page": home, "site_name": "The Test Ledger"}
    )
    NewsroomSettings.objects.update_or_create(
        site=Site.objects.get(is_default_site=True), defaults={"name": "The Test Ledger", "tagline": "Tested news"}
    )
    sections = {}
    for slug in ("politics", "culture"):
        section = SectionPage(title=slug.title(), slug=slug, show_in_menus=True)
        home.add_child(instance=section)
        section.save_revision().publish()
        sections[slug] = section
    authors_index = AuthorIndexPage(title="Our journalists", slug="authors")
    home.add_child(instance=authors_index)
    authors_index.save_revision().publish()
    feed = NewsFeedPage(title="News Feed", slug="news-feed")
    home.add_child(instance=feed)
    feed.save_revision().publish()
    return Newsroom(home=home, sections=sections, authors_index=authors_index, feed=feed)


def make_editor(home: Page, *, username: str = "editor") -> Any:
    """A staff member who may edit and publish everything under `home`."""
    user = get_user_model().objects.create_user(username=username, password="pw", email=f"{username}@example.com")  # noqa: S106
    group, _ = Group.objects.get_or_create(name="Test editors")
    group.permissions.add(Permission.objects.get(content_type__app_label="wagtailadmin", codename="access_admin"))
    for codename in ("add_page", "change_page", "publish_page"):
        GroupPagePermission.objects.get_or_create(
            group=group,
            page=home,
            permission=Permission.objects.get(content_type__app_label="wagtailcore", codename=codename),
        )
    user.groups.add(group)
    return user


def hours_ago(hours: float) -> datetime:
    return timezone.now() - timedelta(hours=hours)
