"""Generated data for scripts/bench/campaigns.py: many rows fast, through plain SQL."""

from __future__ import annotations

from datetime import timedelta

from django.utils import timezone


def make_articles(count: int) -> list[int]:
    """`count` published articles (real Wagtail pages, no revisions), returning their ids."""
    from wagtail.models import Page, Site

    from newsroom.models import ArticlePage, HomePage, SectionPage

    existing = list(ArticlePage.objects.values_list("pk", flat=True))
    if len(existing) >= count:
        return existing[:count]
    home = HomePage.objects.first()
    if home is None:
        home = Page.get_first_root_node().add_child(instance=HomePage(title="Bench Ledger", slug="bench-home"))
        Site.objects.update_or_create(is_default_site=True, defaults={"hostname": "localhost", "root_page": home})
    section = SectionPage.objects.first() or home.add_child(instance=SectionPage(title="Bench", slug="bench"))
    for n in range(len(existing), count):
        section.add_child(
            instance=ArticlePage(
                title=f"Bench story {n}",
                slug=f"bench-story-{n}",
                standfirst="A generated story.",
                body=[("paragraph", "<p>Generated.</p>")],
            )
        )
    return list(ArticlePage.objects.values_list("pk", flat=True)[:count])


def insert_views(cursor, articles: list[int], days: int) -> None:
    today = timezone.localdate()
    batch = []
    for offset in range(days):
        day = (today - timedelta(days=offset)).isoformat()
        for index, article in enumerate(articles):
            batch.append((article, day, 50 + (offset * 7 + index * 13) % 900))
        if len(batch) >= 50_000:
            cursor.executemany(
                "INSERT INTO campaigns_articledailyviews (article_id, date, views) VALUES (%s, %s, %s)", batch
            )
            batch = []
    if batch:
        cursor.executemany(
            "INSERT INTO campaigns_articledailyviews (article_id, date, views) VALUES (%s, %s, %s)", batch
        )


def make_supporters(members: int, payments: int) -> dict[str, int]:
    """Members and payments, once the members app has its models (issue 6); else nothing."""
    return {}
