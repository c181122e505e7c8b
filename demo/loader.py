"""Load the fictional demo newsroom, The Kestrel Ledger. Running it again changes nothing.

The orchestrator of every app's demo data: newsroom's pages (newsroom/demo/content.py), the
staff and workflow, and each installed feature app's own (`audio.demo`, `campaigns.demo`,
`newsletters.demo`). It lives outside newsroom so newsroom imports no feature app; an app left
out of INSTALLED_APPS is simply skipped.

Everything is keyed by slug or username: what exists is left alone, what is missing is made.
Times in the content are relative ("3 hours ago"), so a fresh demo always looks current.
"""

from __future__ import annotations

import io
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

from django.apps import apps
from django.contrib.auth.models import Group
from django.core.files.images import ImageFile
from django.db import transaction
from django.utils import timezone
from wagtail.images.models import Image
from wagtail.models import (
    Collection,
    GroupApprovalTask,
    Page,
    Site,
    Workflow,
    WorkflowPage,
    WorkflowTask,
)

from lib.site_url import default_site_follow_site_url, site_record_fields
from newsroom.demo import content as demo_content
from newsroom.demo.images import portrait, scene
from newsroom.models import (
    ArticleAuthor,
    ArticlePage,
    ArticleUpdate,
    AuthorIndexPage,
    AuthorLink,
    AuthorPage,
    EditorsPick,
    EditorsPicks,
    HomePage,
    NewsFeedItemPage,
    NewsFeedPage,
    NewsroomSettings,
    SectionPage,
    StandardPage,
)

# Demo staff: username → (display name, group, password). The passwords are printed by
# `make run`; they exist only in the demo and must never be used on a real site.
DEMO_STAFF = {
    "admin": ("Demo Administrator", None, "masthead-admin"),
    "editor": ("Elin Varga", "Editors", "masthead-editor"),
    "reporter": ("Tomas Reyl", "Reporters", "masthead-reporter"),
    "audience": ("Noor Castell", "Audience", "masthead-audience"),
}

Progress = Callable[[str], None]

# The demo text is plain data; reading it as Any keeps the loader free of casts.
content: Any = demo_content


@dataclass
class LoadReport:
    created: dict[str, int] = field(default_factory=dict)
    # Set when the demo staff accounts were not made because their passwords are public.
    staff_refused: str = ""

    def add(self, kind: str, n: int = 1) -> None:
        self.created[kind] = self.created.get(kind, 0) + n

    @property
    def nothing_created(self) -> bool:
        return not any(self.created.values())

    def summary(self) -> str:
        if self.nothing_created:
            return "The demo newsroom is already loaded; nothing changed."
        return "Created " + ", ".join(f"{n} {kind}" for kind, n in self.created.items() if n) + "."


def load_demo_newsroom(*, progress: Progress | None = None, now: datetime | None = None) -> LoadReport:
    """Create whatever part of the demo newsroom is missing. Idempotent and atomic."""
    say = progress or (lambda _message: None)
    now = now or timezone.now()
    report = LoadReport()
    with transaction.atomic():
        home = _home_page(report)
        if default_site_follow_site_url():  # SITE_URL changed since the last load
            report.add("site address update")
        _newsroom_settings(home, report)
        if apps.is_installed("audio"):
            from audio.demo import load_demo_lexicon

            # Before the articles are published, so their first narration already uses it.
            report.add("pronunciations", load_demo_lexicon())
        if apps.is_installed("campaigns"):
            from campaigns.demo import load_demo_drive

            report.add("membership drives", load_demo_drive(now=now))
        say("sections and pages")
        sections = {s["slug"]: _section(home, s, report) for s in content.SECTIONS}
        for about in content.NEWSROOM["about_pages"]:
            _standard_page(home, about, report)
        say("authors")
        authors_index = _child(
            home,
            AuthorIndexPage,
            "authors",
            title="Our journalists",
            report=report,
            intro="The reporters, editors and photographers of the newsroom.",
        )
        authors = {a["slug"]: _author(authors_index, a, report) for a in content.AUTHORS}
        feed_page = _child(home, NewsFeedPage, "news-feed", title="News Feed", report=report)
        say("articles")
        articles = _articles(sections, authors, now, report, say)
        say("news feed")
        _feed_items(feed_page, articles, now, report)
        _editors_picks(home, articles, report)
        from live.demo import load_demo_live

        report.add("live pages and entries", load_demo_live(parent=sections["war"], authors=authors, now=now))
        say("staff and workflow")
        _staff_and_workflow(home, report)
        if apps.is_installed("newsletters"):
            from newsletters.demo import load_demo_newsletters

            report.add("newsletters", load_demo_newsletters())
    return report


# --- pages -----------------------------------------------------------------------------------


def _home_page(report: LoadReport) -> HomePage:
    home = HomePage.objects.first()
    if home is not None:
        return home
    root = Page.get_first_root_node()
    name = content.NEWSROOM["name"]
    # A fresh Wagtail install has a placeholder "Welcome" page as the site root; ours replaces
    # it. Deleting it also deletes the default Site that points at it, which we recreate below.
    for placeholder in Page.objects.filter(depth=2).exclude(content_type__model="homepage"):
        if not placeholder.get_children().exists():
            placeholder.delete()
    home = HomePage(title=name, slug="home", seo_title=f"{name} — {content.NEWSROOM['tagline']}")
    root.add_child(instance=home)
    home.save_revision().publish()
    Site.objects.update_or_create(
        is_default_site=True,
        # The Site answers on SITE_URL, the address every absolute link uses (lib/site_url.py).
        defaults={**site_record_fields(), "root_page": home, "site_name": name},
    )
    report.add("home page")
    return home


def _newsroom_settings(home: HomePage, report: LoadReport) -> None:
    site = Site.objects.get(root_page=home)
    _settings, created = NewsroomSettings.objects.get_or_create(
        site=site,
        defaults={
            "name": content.NEWSROOM["name"],
            "tagline": content.NEWSROOM["tagline"],
            "language": content.NEWSROOM["language"],
            "founded": content.NEWSROOM["founded"],
        },
    )
    if created:
        report.add("settings")


def _child(parent: Page, model: type[Page], slug: str, *, title: str, report: LoadReport, **fields: Any) -> Any:
    existing = model.objects.child_of(parent).filter(slug=slug).first()
    if existing is not None:
        return existing
    page = model(title=title, slug=slug, **fields)
    parent.add_child(instance=page)
    page.save_revision().publish()
    report.add(model._meta.verbose_name_plural)
    return page


def _section(home: HomePage, data: dict[str, str], report: LoadReport) -> SectionPage:
    return _child(
        home,
        SectionPage,
        data["slug"],
        title=data["title"],
        description=data["description"],
        show_in_menus=True,
        report=report,
    )


def _standard_page(home: HomePage, data: dict[str, Any], report: LoadReport) -> StandardPage:
    body = "".join(p if p.lstrip().startswith("<") else f"<p>{p}</p>" for p in data["body"])
    return _child(home, StandardPage, data["slug"], title=data["title"], body=body, report=report)


def _author(index: AuthorIndexPage, data: dict[str, Any], report: LoadReport) -> AuthorPage:
    existing = AuthorPage.objects.child_of(index).filter(slug=data["slug"]).first()
    if existing is not None:
        return existing
    photo = _image(
        f"Portrait of {data['name']}",
        f"author-{data['slug']}.jpg",
        portrait(data.get("photo_palette", "slate"), data["slug"]),
        alt=f"Portrait of {data['name']}",
    )
    author = AuthorPage(
        title=data["name"], slug=data["slug"], role=data["role"], photo=photo, bio=f"<p>{data['bio']}</p>"
    )
    for position, link in enumerate(data.get("links", [])):
        author.links.add(AuthorLink(label=link["label"], url=link["url"], sort_order=position))
    index.add_child(instance=author)
    author.save_revision().publish()
    report.add("authors")
    return author


def _image(title: str, filename: str, data: bytes, *, alt: str) -> Image:
    existing = Image.objects.filter(title=title).first()
    if existing is not None:
        return existing
    image = Image(title=title, description=alt, collection=Collection.get_first_root_node())
    image.file = ImageFile(io.BytesIO(data), name=filename)
    image.save()
    return image


def _published_at(now: datetime, days_ago: int, hhmm: str) -> datetime:
    hour, minute = (int(part) for part in hhmm.split(":"))
    local_now = timezone.localtime(now)
    moment = (local_now - timedelta(days=days_ago)).replace(hour=hour, minute=minute, second=0, microsecond=0)
    if moment > local_now:  # a "today" time later than now would be in the future
        moment = local_now - timedelta(minutes=25)
    return moment


def _body_blocks(
    data: dict[str, Any], articles: dict[str, ArticlePage], *, with_related: bool
) -> list[tuple[str, Any]]:
    blocks: list[tuple[str, Any]] = []
    for index, (kind, value) in enumerate(data["body"]):
        if kind == "related":
            if with_related and value in articles:
                blocks.append(("related_story", {"article": articles[value]}))
        elif kind == "image":
            image = _image(
                f"{data['title']} — picture {index}",
                f"{data['slug']}-{index}.jpg",
                scene(value["motif"], f"{data['slug']}-{index}"),
                alt=value["alt"],
            )
            blocks.append(
                ("image", {"image": image, "caption": value["caption"], "credit": value["credit"], "alt": value["alt"]})
            )
        elif kind == "quote":
            blocks.append(("quote", {"text": value["text"], "attribution": value["attribution"]}))
        elif kind == "fact_box":
            blocks.append(("fact_box", {"title": value["title"], "items": value["items"]}))
        else:
            blocks.append((kind, value))
    return blocks


def _articles(
    sections: dict[str, SectionPage], authors: dict[str, AuthorPage], now: datetime, report: LoadReport, say: Progress
) -> dict[str, ArticlePage]:
    articles: dict[str, ArticlePage] = {}
    new_ones: list[dict[str, Any]] = []
    total = len(content.ARTICLES)
    for number, data in enumerate(content.ARTICLES, start=1):
        section = sections[data["section"]]
        existing = ArticlePage.objects.child_of(section).filter(slug=data["slug"]).first()
        if existing is not None:
            articles[data["slug"]] = existing
            continue
        say(f"article {number}/{total}: {data['title'][:60]}")
        hero = data["hero"]
        image = _image(
            f"{data['title']} — hero", f"{data['slug']}.jpg", scene(hero["motif"], data["slug"]), alt=hero["alt"]
        )
        article = ArticlePage(
            title=data["title"],
            slug=data["slug"],
            standfirst=data["standfirst"],
            hero_image=image,
            hero_caption=hero["caption"],
            hero_credit=hero["credit"],
            hero_alt=hero["alt"],
            body=_body_blocks(data, articles, with_related=False),
            search_description=data["standfirst"],
        )
        for position, slug in enumerate(data["authors"]):
            article.article_authors.add(ArticleAuthor(author=authors[slug], sort_order=position))
        article.tags.add(*data.get("tags", []))
        section.add_child(instance=article)
        articles[data["slug"]] = article
        new_ones.append(data)
        report.add("articles")

    # Second pass: related-story cards can point at stories made after the one that holds them.
    for data in new_ones:
        article = articles[data["slug"]]
        published = _published_at(now, data["days_ago"], data["time"])
        article.body = _body_blocks(data, articles, with_related=True)
        for position, update in enumerate(data.get("updates", [])):
            article.updates.add(
                ArticleUpdate(
                    kind=update["kind"],
                    # Never in the future, even when the story is younger than its scripted updates.
                    happened_at=max(
                        published,
                        min(published + timedelta(minutes=update["minutes_after"]), now - timedelta(minutes=5)),
                    ),
                    note=update["text"],
                    sort_order=position,
                )
            )
        article.save_revision().publish()
        last = max([published, *[u.happened_at for u in article.updates.all()]])
        ArticlePage.objects.filter(pk=article.pk).update(first_published_at=published, last_published_at=last)
    return articles


def _feed_items(feed_page: NewsFeedPage, articles: dict[str, ArticlePage], now: datetime, report: LoadReport) -> None:
    from django.utils.text import slugify

    for data in content.FEED_ITEMS:
        slug = slugify(data["title"])[:80].rstrip("-")
        if NewsFeedItemPage.objects.child_of(feed_page).filter(slug=slug).exists():
            continue
        item = NewsFeedItemPage(
            title=data["title"],
            slug=slug,
            summary=data["summary"],
            article=articles.get(data["article"]) if data.get("article") else None,
        )
        feed_page.add_child(instance=item)
        item.save_revision().publish()
        at = now - timedelta(hours=data["hours_ago"])
        NewsFeedItemPage.objects.filter(pk=item.pk).update(first_published_at=at, last_published_at=at)
        report.add("news feed items")


def _editors_picks(home: HomePage, articles: dict[str, ArticlePage], report: LoadReport) -> None:
    site = Site.objects.get(root_page=home)
    picks_list, _ = EditorsPicks.objects.get_or_create(site=site)
    if picks_list.picks.exists():
        return
    for position, slug in enumerate(content.EDITORS_PICKS):
        EditorsPick.objects.create(picks_list=picks_list, article=articles[slug], sort_order=position)
        report.add("editors' picks")


# --- staff -----------------------------------------------------------------------------------


STAFF_REFUSED = (
    "The demo staff accounts (admin, editor, reporter) were not created: their passwords are published in "
    "README.md, and DEBUG is off, so this may be a real site. Create your own accounts with "
    "`manage.py createsuperuser` and add staff to the Reporters, Editors and Audience groups, or load the demo "
    "with DEBUG=1 on a development machine."
)


def _staff_and_workflow(home: HomePage, report: LoadReport) -> None:
    from django.conf import settings
    from django.contrib.auth import get_user_model

    from staff.roles import EDITORS, roles_apply

    user_model = get_user_model()
    # The role groups hold exactly the permissions of staff/roles.py (README, "Who can do what").
    roles_apply()
    editors = Group.objects.get(name=EDITORS)

    for username, (full_name, group_name, password) in DEMO_STAFF.items():
        if user_model.objects.filter(username=username).exists():
            continue
        if not settings.DEMO_STAFF_PASSWORDS_ALLOWED:
            report.staff_refused = STAFF_REFUSED
            continue
        first, _, last = full_name.partition(" ")
        user = user_model.objects.create_user(
            username=username,
            email=f"{username}@kestrelledger.example",
            password=password,
            first_name=first,
            last_name=last,
        )
        if group_name is None:
            user.is_staff = user.is_superuser = True
            user.save()
        else:
            user.groups.add(Group.objects.get(name=group_name))
        report.add("staff accounts")

    # Reporters submit; an editor approves and publishes.
    workflow, created = Workflow.objects.get_or_create(name="Reporter submits, editor approves")
    if created:
        task = GroupApprovalTask.objects.create(name="Editor approval")
        task.groups.set([editors])
        WorkflowTask.objects.create(workflow=workflow, task=task, sort_order=0)
        report.add("workflows")
    WorkflowPage.objects.update_or_create(page=home, defaults={"workflow": workflow})
