"""Two-step sign-in in the CMS: its pages, and a link on the account page."""

from __future__ import annotations

from typing import Any

from django.urls import include, path, reverse
from wagtail import hooks

from staff import views


@hooks.register("register_admin_urls")
def register_second_factor_urls() -> list[Any]:
    urls = [
        path("", views.overview, name="overview"),
        path("enrol/", views.enrol, name="enrol"),
        path("verify/", views.verify, name="verify"),
        path("backup-codes/", views.renew_backup_codes, name="backup_codes"),
        path("remove/", views.remove, name="remove"),
        path("passkeys/<shortint:passkey_id>/remove/", views.remove_passkey, name="remove_passkey"),
    ]
    # django-otp-webauthn's JSON endpoints (registration and authentication ceremonies) under
    # the CMS, so only staff reach them; staff/middleware.py keeps them open at the code step.
    return [
        path("two-step/", include((urls, "staff_second_factor"))),
        path("two-step/passkeys/", include("django_otp_webauthn.urls")),
    ]


@hooks.register("register_account_menu_item")
def second_factor_account_item(request: Any) -> dict[str, str]:
    return {
        "url": reverse("staff_second_factor:overview"),
        "label": "Two-step sign-in",
        "help_text": "Protect your account with a passkey or an authenticator app, as well as your password.",
    }


@hooks.register("insert_editor_js")
def rich_text_saved_before_submit() -> str:
    # staff/static/staff/draftail_save.js: "Save draft" right after typing kept the text empty.
    from django.templatetags.static import static
    from django.utils.html import format_html

    return format_html('<script src="{}" defer></script>', static("staff/draftail_save.js"))
