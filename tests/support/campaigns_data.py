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


def make_supporters(members: int, payments: int, gifts: int = 2000) -> dict[str, int]:
    """`members` members with one membership each (a tenth of them monthly donations, a fifth
    ended), `payments` payments over two years (one in a hundred refunded) and `gifts` gifts.
    Made once; returns the row counts."""
    import random

    from campaigns.models import GiftMembership
    from members.models import Member, Membership, Payment, Plan
    from newsroom.models import ArticlePage

    if Member.objects.count() < members:
        rng = random.Random(7)
        now = timezone.now()
        plan = Plan.objects.order_by("pk").first()
        articles = list(ArticlePage.objects.values_list("pk", flat=True)[:400])
        sources = ["banner", "article_appeal", "newsletter", "membership_page", "direct"]
        Member.objects.bulk_create(
            (Member(email=f"m{n}@bench.example", name=f"Member {n}") for n in range(members)), batch_size=5000
        )
        ids = list(Member.objects.values_list("pk", flat=True))
        rows = []
        for n, member_id in enumerate(ids):
            started = now - timedelta(days=rng.randint(0, 730), minutes=rng.randint(0, 1440))
            ended = n % 5 == 0
            rows.append(
                Membership(
                    member_id=member_id,
                    kind=Membership.Kind.DONATION if n % 10 == 0 else Membership.Kind.TIER,
                    plan=plan,
                    interval="year" if n % 4 == 0 else "month",
                    amount=800 if n % 4 else 8000,
                    currency="usd",
                    status=Membership.Status.ENDED if ended else Membership.Status.ACTIVE,
                    started_at=started,
                    access_until=(started + timedelta(days=60)) if ended else now + timedelta(days=20),
                    stripe_subscription_id=f"sub_bench_{n}",
                    source=sources[n % 5],
                    article_page_id=articles[n % len(articles)] if n % 3 == 0 and articles else None,
                )
            )
        Membership.objects.bulk_create(rows, batch_size=5000)
        Member.objects.update(access_until=now + timedelta(days=20), status="active")
        by_member = dict(Membership.objects.values_list("member_id", "pk"))
        Payment.objects.bulk_create(
            (
                Payment(
                    member_id=ids[n % len(ids)],
                    membership_id=by_member[ids[n % len(ids)]],
                    purpose=Payment.Purpose.DONATION if n % 10 == 0 else Payment.Purpose.MEMBERSHIP,
                    recurring=True,
                    amount=800,
                    currency="usd",
                    status=Payment.Status.SUCCEEDED,
                    amount_refunded=800 if n % 100 == 0 else 0,
                    paid_at=now - timedelta(days=rng.randint(0, 730), minutes=rng.randint(0, 1440)),
                    source=sources[n % 5],
                )
                for n in range(payments)
            ),
            batch_size=5000,
        )
        GiftMembership.objects.bulk_create(
            (
                GiftMembership(
                    code=f"BNCH-{n:04d}-XXXX",
                    status=GiftMembership.Status.REDEEMED if n % 2 else GiftMembership.Status.DELIVERED,
                    plan=plan,
                    months=3,
                    amount=2400,
                    currency="usd",
                    buyer_email=f"b{n}@bench.example",
                    recipient_name=f"Recipient {n}",
                    deliver_on=now.date(),
                    paid_at=now - timedelta(days=rng.randint(0, 400)),
                    redeemed_at=(now - timedelta(days=rng.randint(0, 30))) if n % 2 else None,
                    source=sources[n % 5],
                )
                for n in range(gifts)
            ),
            batch_size=2000,
        )
    return {
        "members": Member.objects.count(),
        "payments": Payment.objects.count(),
        "memberships": Membership.objects.count(),
        "gifts": GiftMembership.objects.count(),
    }
