"""Turning an issue into email: rendered once per issue, personalised once per recipient.

The expensive work (templates, StreamField blocks, CSS inlining with css-inline) runs once per
issue with placeholder strings where the recipient's links go; each recipient's message is
then a few string replacements, so rendering never becomes the bottleneck of a send.
"""

from __future__ import annotations

import html
from dataclasses import dataclass
from typing import Any

import css_inline
from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.urls import reverse

from newsletters import tokens
from newsletters.models import Issue, delivery_message_id

UNSUBSCRIBE_PLACEHOLDER = "MHTOKENUNSUBSCRIBEURL"
PREFERENCES_PLACEHOLDER = "MHTOKENPREFERENCESURL"
EMAIL_PLACEHOLDER = "MHTOKENRECIPIENT"

_inliner = css_inline.CSSInliner(load_remote_stylesheets=False, keep_at_rules=True)


def absolute(path: str) -> str:
    return path if path.startswith(("http://", "https://")) else settings.SITE_URL + path


def inline_css(markup: str) -> str:
    return _inliner.inline(markup)


def unsubscribe_url(subscriber_id: int, newsletter_id: int) -> str:
    token = tokens.make_unsubscribe_token(subscriber_id, newsletter_id)
    return absolute(reverse("newsletters:unsubscribe", kwargs={"token": token}))


def preferences_url(subscriber_id: int) -> str:
    token = tokens.make_preferences_token(subscriber_id)
    return absolute(reverse("newsletters:preferences", kwargs={"token": token}))


def publication_name() -> str:
    """The newsroom's name as its emails sign off (no request in a task, so not from context)."""
    from wagtail.models import Site

    from newsroom.models import NewsroomSettings

    site = Site.objects.filter(is_default_site=True).first()
    newsroom_settings = NewsroomSettings.objects.filter(site=site).first() if site else None
    return (newsroom_settings.name if newsroom_settings else "") or (site.site_name if site else "") or "Masthead"


def _issue_context(issue: Issue, *, unsubscribe: str, preferences: str, recipient: str) -> dict[str, Any]:
    return {
        "issue": issue,
        "newsletter": issue.newsletter,
        "web_url": absolute(issue.get_absolute_url()),
        "unsubscribe_url": unsubscribe,
        "preferences_url": preferences,
        "recipient": recipient,
        "site_url": settings.SITE_URL,
        "publication": publication_name(),
    }


def preview_context(issue: Issue) -> dict[str, Any]:
    """What Wagtail's preview panel and the web version render: no recipient."""
    return _issue_context(issue, unsubscribe="#", preferences="#", recipient="you")


@dataclass(frozen=True)
class RenderedIssue:
    issue_id: int
    newsletter_id: int
    subject: str
    from_email: str
    reply_to: tuple[str, ...]
    html: str
    text: str

    def for_recipient(self, *, subscriber_id: int, email: str) -> EmailMultiAlternatives:
        """One recipient's message, with their own links, List-Unsubscribe and Message-ID."""
        unsubscribe = unsubscribe_url(subscriber_id, self.newsletter_id)
        preferences = preferences_url(subscriber_id)
        replacements = ((UNSUBSCRIBE_PLACEHOLDER, unsubscribe), (PREFERENCES_PLACEHOLDER, preferences))
        body_html, body_text = self.html, self.text
        for placeholder, value in replacements:
            body_html = body_html.replace(placeholder, html.escape(value))
            body_text = body_text.replace(placeholder, value)
        body_html = body_html.replace(EMAIL_PLACEHOLDER, html.escape(email))
        body_text = body_text.replace(EMAIL_PLACEHOLDER, email)
        message = EmailMultiAlternatives(
            subject=self.subject,
            body=body_text,
            from_email=self.from_email,
            to=[email],
            reply_to=list(self.reply_to),
            headers=list_headers(unsubscribe, subscriber_id, self.newsletter_id)
            | {"Message-ID": delivery_message_id(self.issue_id, subscriber_id)},
        )
        message.attach_alternative(body_html, "text/html")
        return message


def list_headers(unsubscribe: str, subscriber_id: int, newsletter_id: int) -> dict[str, str]:
    """RFC 2369 List-Unsubscribe (https and mailto) and RFC 8058 one-click."""
    token = tokens.make_unsubscribe_token(subscriber_id, newsletter_id)
    mailto = f"mailto:{settings.NEWSLETTERS_UNSUBSCRIBE_MAILTO}?subject=unsubscribe%20{token}"
    return {
        "List-Unsubscribe": f"<{unsubscribe}>, <{mailto}>",
        "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
    }


def render_issue(issue: Issue) -> RenderedIssue:
    context = _issue_context(
        issue, unsubscribe=UNSUBSCRIBE_PLACEHOLDER, preferences=PREFERENCES_PLACEHOLDER, recipient=EMAIL_PLACEHOLDER
    )
    newsletter = issue.newsletter
    return RenderedIssue(
        issue_id=issue.pk,
        newsletter_id=newsletter.pk,
        subject=issue.subject,
        from_email=newsletter.from_header,
        reply_to=(newsletter.reply_to,) if newsletter.reply_to else (),
        html=inline_css(render_to_string("newsletters/email/issue.html", context)),
        text=render_to_string("newsletters/email/issue.txt", context),
    )
