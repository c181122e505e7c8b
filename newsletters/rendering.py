"""Turning an issue into email: rendered once per issue, personalised once per recipient.

The expensive work (templates, StreamField blocks, CSS inlining with css-inline) runs once per
issue with placeholder strings where the recipient's links go; each recipient's message is
then a few string replacements, so rendering never becomes the bottleneck of a send.
"""

from __future__ import annotations

import binascii
import html
import secrets
from dataclasses import dataclass, field
from email import policy as email_policy
from email.utils import formatdate
from typing import Any

import css_inline
from django.conf import settings
from django.core.mail import EmailMessage, EmailMultiAlternatives
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
        # Hidden newsletters have no public web version (their issues are 404 on the site).
        "web_url": absolute(issue.get_absolute_url()) if issue.newsletter.is_public else "",
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
class Personal:
    """One recipient's share of an issue: links, bodies and list headers."""

    unsubscribe_url: str
    preferences_url: str
    html: str
    text: str
    headers: dict[str, str]


class PreparedEmail(EmailMessage):
    """An email whose bytes are already built; Django's SMTP backend sends them as they are.

    Building a MIME message with Python's email package (header folding, encoded words) costs
    several milliseconds, more than the SMTP exchange itself; an issue's skeleton is built once
    and each recipient's bytes are assembled from it (`RenderedIssue.prepared`).
    """

    def __init__(self, *, raw: bytes, from_email: str, to: str, headers: dict[str, str]) -> None:
        super().__init__(from_email=from_email, to=[to], headers=headers)
        self.raw = raw

    def message(self, *, policy: Any = None) -> Any:  # type: ignore[override]
        from email import message_from_bytes
        from email import policy as email_policy

        raw = self.raw

        class _Built:
            def as_bytes(self, *args: Any, **kwargs: Any) -> bytes:
                return raw

            def __getattr__(self, name: str) -> Any:  # anything else: a parsed copy
                return getattr(message_from_bytes(raw, policy=email_policy.SMTP), name)

        return _Built()


@dataclass(frozen=True)
class RenderedIssue:
    issue_id: int
    newsletter_id: int
    subject: str
    from_email: str
    reply_to: tuple[str, ...]
    html: str
    text: str
    _skeleton: dict[str, Any] = field(default_factory=dict, compare=False, repr=False)

    def personal(self, *, subscriber_id: int, email: str) -> Personal:
        unsubscribe_token = tokens.make_unsubscribe_token(subscriber_id, self.newsletter_id)
        unsubscribe = self._link("unsubscribe", unsubscribe_token)
        preferences = self._link("preferences", tokens.make_preferences_token(subscriber_id))
        body_html = (
            self.html.replace(UNSUBSCRIBE_PLACEHOLDER, html.escape(unsubscribe))
            .replace(PREFERENCES_PLACEHOLDER, html.escape(preferences))
            .replace(EMAIL_PLACEHOLDER, html.escape(email))
        )
        body_text = (
            self.text.replace(UNSUBSCRIBE_PLACEHOLDER, unsubscribe)
            .replace(PREFERENCES_PLACEHOLDER, preferences)
            .replace(EMAIL_PLACEHOLDER, email)
        )
        headers = list_headers(unsubscribe, unsubscribe_token)
        headers["Message-ID"] = delivery_message_id(self.issue_id, subscriber_id)
        return Personal(unsubscribe, preferences, body_html, body_text, headers)

    def with_merge_fields(self, fields: dict[str, str]) -> tuple[str, str]:
        """HTML and text with the provider's merge fields where each recipient's bits go."""
        replacements = (
            (UNSUBSCRIBE_PLACEHOLDER, fields["unsubscribe_url"]),
            (PREFERENCES_PLACEHOLDER, fields["preferences_url"]),
            (EMAIL_PLACEHOLDER, fields["email"]),
        )
        body_html, body_text = self.html, self.text
        for placeholder, field_name in replacements:
            body_html = body_html.replace(placeholder, field_name)
            body_text = body_text.replace(placeholder, field_name)
        return body_html, body_text

    def _link(self, kind: str, token: str) -> str:
        prefixes = self._skeleton.setdefault("links", {})
        if kind not in prefixes:
            prefixes[kind] = absolute(reverse(f"newsletters:{kind}", kwargs={"token": "TOKEN"})).split("TOKEN")
        before, after = prefixes[kind]
        return f"{before}{token}{after}"

    def for_recipient(self, *, subscriber_id: int, email: str) -> EmailMultiAlternatives:
        """One recipient's message as a Django email (test sends, providers, any backend)."""
        personal = self.personal(subscriber_id=subscriber_id, email=email)
        message = EmailMultiAlternatives(
            subject=self.subject,
            body=personal.text,
            from_email=self.from_email,
            to=[email],
            reply_to=list(self.reply_to),
            headers=personal.headers,
        )
        message.attach_alternative(personal.html, "text/html")
        return message

    def prepared(self, *, subscriber_id: int, email: str) -> EmailMessage:
        """The same message, its bytes assembled from the issue's skeleton: the fast path of a
        send over SMTP. Falls back to `for_recipient` for addresses that are not plain ASCII."""
        if not email.isascii() or any(c in email for c in '\r\n<>,"\\'):
            return self.for_recipient(subscriber_id=subscriber_id, email=email)
        personal = self.personal(subscriber_id=subscriber_id, email=email)
        head, boundary = self._head()
        lines = [
            head,
            f"To: {email}",
            f"Date: {formatdate()}",
            f"Message-ID: {personal.headers['Message-ID']}",
            "List-Unsubscribe: " + ",\r\n ".join(personal.headers["List-Unsubscribe"].split(", ")),
            f"List-Unsubscribe-Post: {personal.headers['List-Unsubscribe-Post']}",
            "MIME-Version: 1.0",
            f'Content-Type: multipart/alternative; boundary="{boundary}"',
            "",
            f"--{boundary}",
            'Content-Type: text/plain; charset="utf-8"',
            "Content-Transfer-Encoding: quoted-printable",
            "",
        ]
        raw = b"\r\n".join(
            [
                "\r\n".join(lines).encode(),
                _qp(personal.text),
                f'--{boundary}\r\nContent-Type: text/html; charset="utf-8"\r\n'
                "Content-Transfer-Encoding: quoted-printable\r\n".encode(),
                _qp(personal.html),
                f"--{boundary}--\r\n".encode(),
            ]
        )
        return PreparedEmail(raw=raw, from_email=self.from_email, to=email, headers=personal.headers)

    def _head(self) -> tuple[str, str]:
        """From, Reply-To and Subject, folded and encoded once per issue by the email package."""
        if "head" not in self._skeleton:
            from email.message import EmailMessage as MimeMessage

            header_only = MimeMessage(policy=email_policy.SMTP)
            header_only["From"] = self.from_email
            if self.reply_to:
                header_only["Reply-To"] = ", ".join(self.reply_to)
            header_only["Subject"] = self.subject
            head = header_only.as_bytes().decode("ascii").split("\r\n\r\n", 1)[0]
            self._skeleton["head"] = (head, f"==masthead-{secrets.token_hex(12)}==")
        return self._skeleton["head"]


def list_headers(unsubscribe: str, token: str) -> dict[str, str]:
    """RFC 2369 List-Unsubscribe (https and mailto) and RFC 8058 one-click."""
    mailto = f"mailto:{settings.NEWSLETTERS_UNSUBSCRIBE_MAILTO}?subject=unsubscribe%20{token}"
    return {
        "List-Unsubscribe": f"<{unsubscribe}>, <{mailto}>",
        "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
    }


def _qp(text: str) -> bytes:
    """Quoted-printable with CRLF line ends (binascii runs in C)."""
    return binascii.b2a_qp(text.replace("\r\n", "\n").encode("utf-8")).replace(b"\n", b"\r\n") + b"\r\n"


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
