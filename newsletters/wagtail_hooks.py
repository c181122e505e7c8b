"""The newsletters section of the CMS: newsletters and issues as snippets, subscribers to look
up, and the send page of an issue (preview, test email, schedule, send now, progress)."""

from __future__ import annotations

from django.urls import path, reverse
from django.utils.html import format_html
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from newsletters import admin_views
from newsletters.models import Issue, Newsletter, Subscriber


class NewsletterViewSet(SnippetViewSet):
    model = Newsletter
    icon = "mail"
    menu_label = "Newsletters"
    list_display = ["name", "host", "cadence", "is_public"]


def send_link(issue: Issue) -> str:
    return format_html(
        '<a class="button button-small button-secondary" href="{}">{}</a>',
        reverse("newsletters_admin:send", args=[issue.pk]),
        "Send, test or follow progress",
    )


send_link.short_description = "Sending"  # type: ignore[attr-defined]


class IssueViewSet(SnippetViewSet):
    model = Issue
    icon = "doc-full"
    menu_label = "Issues"
    list_display = ["subject", "newsletter", "status", "send_started_at", send_link]
    list_filter = ["newsletter", "status"]


class SubscriberViewSet(SnippetViewSet):
    model = Subscriber
    icon = "user"
    menu_label = "Subscribers"
    list_display = ["email", "created_at"]
    search_fields = ["email"]
    add_to_admin_menu = False


class NewslettersGroup(SnippetViewSetGroup):
    items = (NewsletterViewSet, IssueViewSet, SubscriberViewSet)
    menu_icon = "mail"
    menu_label = "Newsletters"
    menu_name = "newsletters"


register_snippet(NewslettersGroup)


@hooks.register("register_admin_urls")
def register_admin_urls():  # type: ignore[no-untyped-def]
    return [
        path(
            "newsletters/",
            (
                [
                    path("issues/<int:issue_id>/send/", admin_views.send_page, name="send"),
                    path("from-article/", admin_views.issue_from_article, name="from_article"),
                ],
                "newsletters_admin",
                "newsletters_admin",
            ),
        )
    ]


class FromArticleMenuItem(MenuItem):
    def is_shown(self, request) -> bool:  # type: ignore[no-untyped-def]
        return request.user.has_perm("newsletters.add_issue")  # what admin_views.issue_from_article requires


@hooks.register("register_admin_menu_item")
def register_from_article_menu_item() -> MenuItem:
    return FromArticleMenuItem(
        "Article as newsletter", reverse("newsletters_admin:from_article"), icon_name="mail", order=1001
    )
