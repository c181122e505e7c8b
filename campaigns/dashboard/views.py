"""The revenue dashboard in the CMS (Wagtail admin → Revenue)."""

from __future__ import annotations

from django.contrib.humanize.templatetags.humanize import intcomma
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from campaigns.dashboard import svg_charts
from campaigns.dashboard.queries import build_dashboard, period_for
from campaigns.models import Campaign
from campaigns.selectors import currency_code
from lib.money import format_money, whole_units


def revenue_dashboard(request: HttpRequest) -> HttpResponse:
    """For staff with `campaigns.view_revenue` (the Audience role and administrators); Wagtail's
    admin answers anyone else with its "no permission" redirect to the dashboard."""
    if not request.user.has_perm("campaigns.view_revenue"):
        raise PermissionDenied
    drives = list(Campaign.objects.order_by("-starts_at")[:20])
    chosen = request.GET.get("drive", "")
    drive = next((d for d in drives if str(d.pk) == chosen), None)
    if drive is None and not chosen:
        drive = next((d for d in drives if d.is_active()), None)
    data = build_dashboard(period_for(drive))
    labels = [row.day.strftime("%d %b") for row in data.rows]
    currency = currency_code()
    unit = "new members" if drive is None or drive.counts_members else f"{currency} raised"
    charts = {
        "progress": svg_charts.line_chart(
            labels,
            [svg_charts.Series(f"Total {unit}", [row.cumulative for row in data.rows])],
            title=f"Drive progress: {unit} so far, by day",
            description=f"{intcomma(data.rows[-1].cumulative)} {unit} by the last day shown.",
            target=drive.goal if drive else None,
        ),
        "daily": svg_charts.line_chart(
            labels,
            [
                svg_charts.Series("New members", [row.counts.new_members for row in data.rows]),
                svg_charts.Series("Donations", [row.counts.donations for row in data.rows]),
                svg_charts.Series("Gifts", [row.counts.gifts for row in data.rows]),
            ],
            title="New members, donations and gifts per day",
            description=(
                f"{data.totals.new_members} new members, {data.totals.donations} donations "
                f"and {data.totals.gifts} gifts in the period."
            ),
        ),
        "losses": svg_charts.line_chart(
            labels,
            [
                svg_charts.Series("Cancellations", [row.counts.cancellations for row in data.rows]),
                svg_charts.Series("Lapses", [row.counts.lapses for row in data.rows]),
            ],
            title="Cancellations and lapses per day",
            description=f"{data.totals.cancellations} cancellations and {data.totals.lapses} lapses in the period.",
        ),
        "views": svg_charts.line_chart(
            labels,
            [svg_charts.Series("Article views", [row.views for row in data.rows])],
            title="Article views per day",
            description=f"{intcomma(data.views)} article views in the period.",
        ),
        "placements": svg_charts.bar_chart(
            data.placements,
            title="Conversions by placement",
            description="Memberships, donations and gifts by where the reader started.",
        ),
        "articles": svg_charts.bar_chart(
            data.articles,
            title="Conversions by article",
            description="The articles readers were on when they decided to support the newsroom.",
        ),
    }
    return render(
        request,
        "campaigns/dashboard.html",
        {
            "data": data,
            "drive": drive,
            "drives": drives,
            "charts": charts,
            "unit": unit,
            "progress_total": data.rows[-1].cumulative,
            "mrr": format_money(whole_units(round(data.mrr_minor / 100), currency), currency),
        },
    )
