"""The newsletters section of the CMS: newsletters and issues as snippets, subscribers to look
up, and the send page of an issue (preview, test email, schedule, send now, progress)."""

from __future__ import annotations

from functools import cached_property
from typing import Any

from django.urls import path, reverse
from django.utils.html import format_html
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.tables import Column
from wagtail.admin.widgets.button import HeaderButton
from wagtail.permission_policies import ModelPermissionPolicy
from wagtail.permissions import register_permission_policy
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import EditView, InspectView, SnippetViewSet, SnippetViewSetGroup

from newsletters import admin_views
from newsletters.models import ConsentRecord, Issue, Newsletter, Subscriber, Subscription, Suppression, email_hash
from newsroom import slots


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


class IssueEditView(EditView):
    """The issue editor, with the way to its send page (test, schedule, send, progress)."""

    @cached_property
    def header_buttons(self) -> list[Any]:  # type: ignore[override]
        return [
            HeaderButton(
                "Send, test or follow progress",
                url=reverse("newsletters_admin:send", args=[self.object.pk]),
                icon_name="mail",
            )
        ]


class IssueViewSet(SnippetViewSet):
    model = Issue
    icon = "doc-full"
    menu_label = "Issues"
    # Wagtail's list_display takes field names or Column objects, never bare functions.
    list_display = [
        "subject",
        "newsletter",
        "status",
        "send_started_at",
        Column("sending", label="Sending", accessor=send_link),
    ]
    list_filter = ["newsletter", "status"]
    edit_view_class = IssueEditView


class LookOnlyPolicy(ModelPermissionPolicy):
    """Subscribers and the suppression list are proof (consent, complaints): only readers (signed
    links), providers (webhooks) and services change them. Staff look; nobody adds or edits here."""

    def user_has_permission(self, user: Any, action: str) -> bool:
        return action not in {"add", "change", "copy"} and bool(super().user_has_permission(user, action))

    def user_has_any_permission(self, user: Any, actions: Any) -> bool:
        return any(self.user_has_permission(user, action) for action in actions)


register_permission_policy(Subscriber, LookOnlyPolicy(Subscriber))
register_permission_policy(Suppression, LookOnlyPolicy(Suppression))


class SubscriberInspectView(InspectView):
    """One subscriber: their subscriptions, every consent record, and whether they are suppressed."""

    template_name = "newsletters/admin/subscriber.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        subscriber = self.object
        context["subscriptions"] = Subscription.objects.filter(subscriber=subscriber).select_related("newsletter")
        context["consent_records"] = (
            ConsentRecord.objects.filter(subscriber=subscriber).select_related("newsletter").order_by("-at")
        )
        context["suppression"] = Suppression.objects.filter(email_hash=email_hash(subscriber.email)).first()
        return context


class SubscriberViewSet(SnippetViewSet):
    model = Subscriber
    icon = "user"
    menu_label = "Subscribers"
    list_display = ["email", "created_at"]
    search_fields = ["email"]
    inspect_view_enabled = True
    inspect_view_class = SubscriberInspectView
    copy_view_enabled = False


class SuppressionViewSet(SnippetViewSet):
    model = Suppression
    icon = "warning"
    menu_label = "Suppression list"
    list_display = ["email_hash", "reason", "created_at"]
    list_filter = ["reason"]
    inspect_view_enabled = True
    copy_view_enabled = False


class NewslettersGroup(SnippetViewSetGroup):
    items = (NewsletterViewSet, IssueViewSet, SubscriberViewSet, SuppressionViewSet)
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


# --- reader-page slots (newsroom/slots.py) ----------------------------------------------------
slots.include("head", "newsletters/slots/head.html", order=20, kept=True)
slots.include("footer_signup", "newsletters/slots/footer_signup.html", kept=True)
slots.include("article_end", "newsletters/slots/article_signup.html", order=10, kept=True)
slots.include("home", "newsletters/slots/home_signup.html", order=20, kept=True)
