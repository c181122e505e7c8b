"""The dashboard's numbers: a fixed handful of aggregate queries, whatever the data size."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta

from django.contrib.humanize.templatetags.humanize import intcomma
from django.db.models import Sum
from django.utils import timezone

from campaigns import tally
from campaigns.links import placement_labels
from campaigns.models import ArticleDailyViews, Campaign


@dataclass
class Period:
    starts_at: datetime
    ends_at: datetime
    drive: Campaign | None = None

    @property
    def days(self) -> list[date]:
        first = timezone.localtime(self.starts_at).date()
        last = timezone.localtime(min(self.ends_at, timezone.now())).date()
        return [first + timedelta(days=n) for n in range((last - first).days + 1)] if last >= first else [first]


def period_for(drive: Campaign | None, *, days: int = 30) -> Period:
    if drive is not None:
        return Period(drive.starts_at, drive.ends_at, drive)
    today = timezone.localdate()
    start = timezone.make_aware(datetime.combine(today - timedelta(days=days - 1), time.min))
    return Period(start, start + timedelta(days=days))


@dataclass
class DayRow:
    day: date
    views: int
    counts: tally.DayCounts
    cumulative: int  # towards the drive goal: new members, or whole currency units


@dataclass
class Dashboard:
    period: Period
    rows: list[DayRow]
    views: int
    contributors: int
    contributor_share: str  # "1 in 8 readers", or why there is no ratio yet
    placements: list[tuple[str, int]]
    articles: list[tuple[str, int]]
    mrr_minor: int
    totals: tally.DayCounts = field(default_factory=tally.DayCounts)
    min_views_for_share: int = 1_000


# Below this many counted article views a ratio says more about chance than about readers
# (5 contributors over 4 views once read "12500.0 per 10,000").
MIN_VIEWS_FOR_SHARE = Dashboard.min_views_for_share


def contributor_share(*, contributors: int, views: int) -> str:
    """How many readers one contributor stands for, in words: "1 in 8 readers"."""
    if views < MIN_VIEWS_FOR_SHARE:
        return "Not enough readers yet"
    if contributors <= 0:
        return "No contributors yet"
    readers = max(1, round(views / contributors))
    return "Every reader" if readers == 1 else f"1 in {intcomma(readers)} readers"


def build_dashboard(period: Period) -> Dashboard:
    from newsroom.models import ArticlePage

    first, last = period.days[0], period.days[-1]
    views_by_day = dict(
        ArticleDailyViews.objects.filter(date__range=(first, last))
        .values_list("date")
        .annotate(total=Sum("views"))
        .values_list("date", "total")
    )
    counts = tally.daily_counts(period.starts_at, period.ends_at)
    counts_members = period.drive is None or period.drive.counts_members
    rows, running = [], 0
    for day in period.days:
        day_counts = counts.get(day, tally.DayCounts())
        running += day_counts.new_members + day_counts.gifts if counts_members else day_counts.amount_minor // 100
        rows.append(DayRow(day, views_by_day.get(day, 0), day_counts, running))
    totals = tally.DayCounts(
        **{name: sum(getattr(row.counts, name) for row in rows) for name in tally.DayCounts.__dataclass_fields__}
    )
    views = sum(row.views for row in rows)
    contributors = totals.new_members + totals.donations + totals.gifts
    by_article = tally.conversions_by_article(period.starts_at, period.ends_at)
    titles = dict(ArticlePage.objects.filter(pk__in=[pk for pk, _ in by_article]).values_list("pk", "title"))
    return Dashboard(
        period=period,
        rows=rows,
        views=views,
        contributors=contributors,
        contributor_share=contributor_share(contributors=contributors, views=views),
        placements=[
            (placement_labels().get(name, name), n)
            for name, n in tally.conversions_by_placement(period.starts_at, period.ends_at)
        ],
        articles=[(titles.get(pk, f"Article {pk}"), n) for pk, n in by_article],
        mrr_minor=tally.monthly_recurring_revenue_minor(),
        totals=totals,
    )
