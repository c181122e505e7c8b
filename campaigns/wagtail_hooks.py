"""The CMS side of campaigns: drives as snippets, and the revenue dashboard."""

from __future__ import annotations

from django.urls import path, reverse
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from campaigns.models import Campaign
from campaigns.templatetags.campaigns_tags import drive_state
from newsroom import slots


class CampaignViewSet(SnippetViewSet):
    model = Campaign
    icon = "pick"
    menu_label = "Drives"
    menu_name = "drives"
    add_to_admin_menu = True
    menu_order = 250
    list_display = ["name", "goal_kind", "goal", "starts_at", "ends_at"]


register_snippet(CampaignViewSet)


@hooks.register("register_admin_urls")
def register_dashboard_url():
    from campaigns.dashboard.views import revenue_dashboard

    return [path("revenue/", revenue_dashboard, name="campaigns_revenue_dashboard")]


class RevenueMenuItem(MenuItem):
    def is_shown(self, request):  # type: ignore[no-untyped-def]
        return request.user.has_perm("campaigns.view_revenue")


@hooks.register("register_admin_menu_item")
def register_dashboard_menu_item():
    return RevenueMenuItem("Revenue", reverse("campaigns_revenue_dashboard"), icon_name="table", order=260)


# --- reader-page slots (newsroom/slots.py) ----------------------------------------------------
# The banner and the appeal are kept per kind of reader and per state of the drive (which drive,
# how far it got): the numbers in them are refreshed in the browser anyway (drive.js).
slots.include("head", "campaigns/slots/head.html", order=10, kept=True)
slots.include("banner", "campaigns/slots/banner.html", kept=drive_state)
# Before members' generic ask (order 30) in the same group: while a drive runs, its appeal is
# the article's one ask.
slots.include("article_end", "campaigns/slots/article_appeal.html", order=20, group="ask", kept=drive_state)
slots.include("article_end", "campaigns/slots/view_beacon.html", order=90, kept=True)
