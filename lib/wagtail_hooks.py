"""Loads the script that starts Wagtail's widgets without inline scripts (lib/wagtail_csp.py)."""

from __future__ import annotations

from django.templatetags.static import static
from django.utils.html import format_html
from wagtail import hooks


@hooks.register("insert_global_admin_js")  # type: ignore[untyped-decorator]  # wagtail is untyped
def csp_safe_widget_starter() -> str:
    return format_html('<script src="{}" defer></script>', static("lib/wagtail_csp.js"))
