from __future__ import annotations

from typing import Any

from django import template

from newsletters import selectors
from newsletters.rendering import absolute as make_absolute
from newsletters.services import CONSENT_WORDING

register = template.Library()


@register.filter
def absolute(path: str) -> str:
    return make_absolute(path or "")


@register.inclusion_tag("newsletters/includes/signup_form.html", takes_context=True)
def newsletter_signup(
    context: Any, form_name: str, *, heading: str = "", selected: str = "", compact: bool = False
) -> dict[str, Any]:
    """A sign-up form identical for every reader (no CSRF token, no per-reader data), so the
    page it is on can be served from the shared cache."""
    newsletters = selectors.public_newsletters()
    request = context.get("request")
    chosen = selected or (newsletters[0]["slug"] if newsletters else "")
    return {
        "newsletters": newsletters,
        "form_name": form_name,
        "page_path": request.path if request is not None else "",
        "heading": heading,
        "chosen": chosen,
        "compact": compact,
        "wording": CONSENT_WORDING,
    }


@register.simple_tag
def member_newsletters(member: Any) -> dict[str, Any]:
    """The account panel's data (newsletters/account_panel.html, one of MEMBERS_ACCOUNT_PANELS)."""
    return selectors.subscriptions_for_email(member.email) if member is not None else {}
