"""The revenue dashboard in the CMS: real SVG charts with tables, in a fixed number of queries."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from campaigns.dashboard.svg_charts import Series, bar_chart, line_chart, nice_ceiling
from campaigns.models import ArticleDailyViews, GiftMembership
from campaigns.tests.conftest import make_drive
from members.models import Member, Payment
from tests.support.campaigns_data import make_supporters

pytestmark = pytest.mark.django_db

DASHBOARD_URL = "/cms/revenue/"
# Wagtail's admin chrome (session, user, menu) plus ours; asserted so a per-row query shows up.
DASHBOARD_BUDGET = 40


@pytest.fixture
def editor(editor):  # type: ignore[no-untyped-def]
    """The shared staff editor, given the revenue permission the dashboard requires."""
    from django.contrib.auth.models import Permission

    editor.user_permissions.add(Permission.objects.get(codename="view_revenue"))
    return editor


def _add_views(articles, days: int) -> None:
    today = timezone.localdate()
    ArticleDailyViews.objects.bulk_create(
        ArticleDailyViews(article=article, date=today - timedelta(days=n), views=100 + n)
        for article in articles
        for n in range(days)
    )


def _count(client, url: str) -> tuple[int, str]:
    client.get(url)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries), response.content.decode()


def test_staff_see_charts_and_tables_for_the_active_drive(client, newsroom, editor):
    drive = make_drive()
    _add_views([newsroom.add_article("Harbour tolls rise")], days=3)
    client.force_login(editor)
    _, html = _count(client, DASHBOARD_URL)
    assert "Drive progress over time" in html
    assert html.count("<svg") >= 6
    assert "role='img'" in html
    assert '<th scope="col">Views</th>' in html
    assert f'value="{drive.pk}" selected' in html
    assert "Readers who contributed" in html
    # 3 days of about 100 views: too few for a share, and the page says so instead of a number.
    assert '<strong id="contributor-share">Not enough readers yet</strong>' in html
    assert "(a share needs 1,000)" in html


def test_the_dashboard_runs_the_same_queries_however_much_data_there_is(client, newsroom, editor):
    make_drive(starts_at=timezone.now() - timedelta(days=20))
    client.force_login(editor)
    articles = [newsroom.add_article(f"Story {n}", hero=False) for n in range(3)]
    _add_views(articles[:1], days=2)
    make_supporters(4, 8, gifts=2)
    small, _ = _count(client, DASHBOARD_URL)
    more = [newsroom.add_article(f"More {n}", hero=False) for n in range(5)]
    _add_views(articles[1:] + more, days=20)
    Member.objects.all().delete()
    Payment.objects.all().delete()
    GiftMembership.objects.all().delete()
    make_supporters(60, 150, gifts=20)
    large, _ = _count(client, DASHBOARD_URL)
    assert large == small
    assert large <= DASHBOARD_BUDGET, large


def test_readers_cannot_open_the_dashboard(client, db):
    response = client.get(DASHBOARD_URL)
    assert response.status_code == 302
    assert "/cms/login/" in response["Location"]


def test_an_unknown_drive_choice_falls_back_to_the_last_30_days(client, newsroom, editor):
    client.force_login(editor)
    for choice in ("0", "abc", "999999"):
        response = client.get(DASHBOARD_URL, {"drive": choice})
        assert response.status_code == 200
        assert "Drive progress over time" not in response.content.decode()


def test_chart_labels_are_escaped():
    svg = bar_chart([("<script>alert(1)</script>", 3)], title="T & U", description="d")
    assert "<script>" not in svg
    assert "&lt;script&gt;" in svg
    assert "T &amp; U" in svg


def test_a_line_chart_draws_one_polyline_per_series_and_the_goal():
    svg = line_chart(
        ["1 Nov", "2 Nov", "3 Nov"],
        [Series("A", [1, 2, 3]), Series("B", [0, 0, 1])],
        title="t",
        description="d",
        target=10,
    )
    assert svg.count("<polyline") == 2
    assert "stroke-dasharray" in svg
    assert "Goal 10" in svg


@pytest.mark.parametrize(("peak", "axis"), [(0, 1), (7, 10), (13, 20), (240, 250), (1001, 2000), (4.2, 5)])
def test_axes_end_on_round_numbers(peak, axis):
    assert nice_ceiling(peak) == axis


@pytest.mark.parametrize(
    ("contributors", "views", "shown"),
    [
        (5, 4, "Not enough readers yet"),  # once "12500.0 per 10,000 readers"
        (0, 0, "Not enough readers yet"),
        (3, 999, "Not enough readers yet"),
        (0, 5_000, "No contributors yet"),
        (125, 1_000, "1 in 8 readers"),
        (3, 40_000, "1 in 13,333 readers"),
        (1_200, 1_000, "Every reader"),
    ],
)
def test_the_contributor_share_reads_as_one_in_so_many_readers(contributors, views, shown):
    from campaigns.dashboard.queries import contributor_share

    assert contributor_share(contributors=contributors, views=views) == shown


def test_a_cancellation_that_was_resumed_is_not_counted_as_a_loss(db):
    from campaigns import tally
    from members.models import MemberEvent

    now = timezone.now()
    kept, left = Member.objects.create(email="kept@example.com"), Member.objects.create(email="left@example.com")
    for member in (kept, left):
        MemberEvent.objects.create(
            member=member, kind="cancel", message="Cancelled.", created_at=now - timedelta(hours=2)
        )
    MemberEvent.objects.create(member=kept, kind="resume", message="Resumed.", created_at=now - timedelta(hours=1))
    days = tally.daily_counts(now - timedelta(days=1), now + timedelta(minutes=1))
    assert sum(day.cancellations for day in days.values()) == 1
