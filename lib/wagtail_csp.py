"""Wagtail's admin under our Content-Security-Policy (lib/csp.py), without 'unsafe-inline'.

A few of Wagtail's widgets and panels start their JavaScript with an inline <script>, which the
policy blocks: date and time pickers, inline panels (the article's authors, the update log),
and every chooser (pages, images, documents, snippets, tasks). We keep the policy and render
them without the script instead: each leaves a hidden
`<span data-masthead-init="…" data-options="…">` that lib/static/lib/wagtail_csp.js (loaded on
every CMS page by lib/wagtail_hooks.py) starts, also for forms added later. The templates are
in lib/templates/wagtailadmin/ (lib comes before wagtail.admin in INSTALLED_APPS); the choosers
render in Python, so `install()` replaces their `render`. `staff/tests/test_cms_csp_browser.py`
opens the CMS screens in Chromium and fails on any violation, so a Wagtail upgrade that adds
another inline script is caught.
"""

from __future__ import annotations

import json
from typing import Any

from django.utils.html import format_html
from django.utils.safestring import SafeString, mark_safe


def _chooser_starter(widget: Any, id_: str, name: str, value_data: Any) -> SafeString:
    from wagtail.admin.widgets.chooser import BaseChooser
    from wagtail.admin.widgets.workflows import AdminTaskChooser

    if isinstance(widget, AdminTaskChooser):
        return format_html('<span hidden data-masthead-init="createTaskChooser" data-for="{}"></span>', id_)
    if type(widget).render_js_init is not BaseChooser.render_js_init:
        # A chooser with a start-up of its own we do not know: let it run its script (and the
        # browser test report it) rather than leave the widget dead.
        return format_html("<script>{}</script>", mark_safe(widget.render_js_init(id_, name, value_data)))
    return format_html(
        '<span hidden data-masthead-init="chooser" data-constructor="{}" data-for="{}" data-options="{}"></span>',
        widget.js_constructor,
        id_,
        json.dumps(widget.get_js_init_options(id_, name, value_data)),
    )


def install() -> None:
    """Make Wagtail's choosers render without an inline script (called once, from LibConfig.ready)."""
    from wagtail.admin.widgets.chooser import BaseChooser

    if getattr(BaseChooser.render, "masthead_csp", False):
        return

    def render(self: Any, name: str, value: Any, attrs: dict[str, Any] | None = None, renderer: Any = None) -> str:
        try:
            id_ = attrs["id"]  # type: ignore[index]
        except (KeyError, TypeError) as e:
            raise TypeError("BaseChooser cannot be rendered without an 'id' attribute") from e
        value_data = self.get_value_data(value)
        html: str = self.render_html(name, value_data, attrs)
        return mark_safe(html + _chooser_starter(self, id_, name, value_data))

    render.masthead_csp = True  # type: ignore[attr-defined]
    BaseChooser.render = render  # type: ignore[method-assign]
