from django.urls import path, reverse
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from members import admin_views
from members.urls import ShortIntConverter  # noqa: F401 - registers <shortint:>
from newsroom import slots


@hooks.register("register_admin_viewset")
def register_viewsets():
    return [admin_views.member_viewset, admin_views.plan_viewset]


@hooks.register("register_admin_urls")
def register_urls():
    return [
        path("members-import/", admin_views.import_view, name="members_import"),
        path("members-import/<shortint:pk>/", admin_views.import_progress_view, name="members_import_progress"),
        path("members-import/<shortint:pk>/status/", admin_views.import_status_view, name="members_import_status"),
        path("members-import/<shortint:pk>/report.csv", admin_views.import_report_view, name="members_import_report"),
        path("members-import/<shortint:pk>/run/", admin_views.import_run_for_real_view, name="members_import_run"),
        path("members-complimentary/<shortint:pk>/", admin_views.complimentary_view, name="members_complimentary"),
    ]


class _StaffMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.has_perm("members.change_member")


class _PlansMenuItem(MenuItem):
    def is_shown(self, request):
        # What the plans viewset itself requires, so the item never leads to a refusal.
        return admin_views.plan_viewset.permission_policy.user_has_any_permission(
            request.user, {"add", "change", "delete", "view"}
        )


@hooks.register("register_settings_menu_item")
def register_plans_menu():
    return _PlansMenuItem("Membership plans", reverse("membership_plans:index"), icon_name="tag", order=610)


@hooks.register("register_admin_menu_item")
def register_import_menu():
    return _StaffMenuItem("Import members", reverse("members_import"), icon_name="upload", order=251)


# --- reader-page slots (newsroom/slots.py) ----------------------------------------------------
slots.include("header_account", "members/includes/account_link.html", kept=True)
slots.include("article_end", "members/includes/article_ask.html", order=30, group="ask", kept=True)
slots.include("home", "members/includes/home_slot.html", order=10, kept=True)
