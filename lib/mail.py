"""The one helper that sends the site's own mails from templates (members, campaigns).

A mail is two templates: `<name>.subject.txt` (one line) and `<name>.txt` (the body), plain
text, because it reads everywhere and link scanners leave it alone (every link opens a page
with a button; nothing happens on a GET). Each template gets `site_url` and `publication`
(the newsroom's name, `lib.branding`) besides its own context; `{% load money %}` formats
amounts. Newsletters, whose mails are HTML too, render theirs in newsletters/emails.py.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.mail import EmailMessage
from django.template.loader import render_to_string

from lib.branding import newsroom_name


def render_mail(template: str, context: dict[str, Any]) -> tuple[str, str]:
    """The subject (one line) and body of the mail `template` (a path without `.txt`)."""
    full = {"site_url": settings.SITE_URL, "publication": newsroom_name(), **context}
    subject = " ".join(render_to_string(f"{template}.subject.txt", full).split())
    # One newline at the end, whatever the template's last line holds.
    return subject, render_to_string(f"{template}.txt", full).rstrip() + "\n"


def send_mail(*, to: str, template: str, context: dict[str, Any], headers: dict[str, str] | None = None) -> None:
    """Render the mail and hand it to the relay from DEFAULT_FROM_EMAIL. Raises what the relay
    raises, so a caller that records delivery records it only after a hand-off."""
    subject, body = render_mail(template, context)
    EmailMessage(
        subject=subject, body=body, to=[to], from_email=settings.DEFAULT_FROM_EMAIL, headers=headers or {}
    ).send()
