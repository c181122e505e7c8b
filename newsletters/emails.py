"""The transactional emails of sign-up: confirmation, welcome, and a staff test of an issue.
Called from tasks only."""

from __future__ import annotations

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.urls import reverse

from newsletters import tokens
from newsletters.models import Issue, Newsletter, Subscriber
from newsletters.rendering import absolute, inline_css, preferences_url, publication_name, render_issue


def _send(*, to: str, subject: str, template: str, context: dict, from_email: str | None = None) -> None:
    context = {"site_url": settings.SITE_URL, "publication": publication_name(), **context}
    message = EmailMultiAlternatives(
        subject=subject,
        body=render_to_string(f"newsletters/email/{template}.txt", context),
        from_email=from_email or settings.DEFAULT_FROM_EMAIL,
        to=[to],
    )
    message.attach_alternative(inline_css(render_to_string(f"newsletters/email/{template}.html", context)), "text/html")
    message.send()


def send_confirmation(subscriber: Subscriber, newsletter_ids: list[int]) -> None:
    newsletters = list(Newsletter.objects.filter(pk__in=newsletter_ids))
    token = tokens.make_confirm_token(subscriber.pk, newsletter_ids)
    _send(
        to=subscriber.email,
        subject="Confirm your newsletter subscription",
        template="confirm",
        context={
            "newsletters": newsletters,
            "confirm_url": absolute(reverse("newsletters:confirm", kwargs={"token": token})),
            "valid_days": tokens.CONFIRM_MAX_AGE // 86400,
        },
    )


def send_welcome(subscriber: Subscriber, newsletter_ids: list[int]) -> None:
    newsletters = list(Newsletter.objects.filter(pk__in=newsletter_ids))
    _send(
        to=subscriber.email,
        subject="Welcome: you're subscribed" if len(newsletters) != 1 else f"Welcome to {newsletters[0].name}",
        template="welcome",
        context={"newsletters": newsletters, "preferences_url": preferences_url(subscriber.pk)},
    )


def send_issue_test(issue: Issue, address: str) -> None:
    """The issue as a subscriber gets it, marked as a test, to a staff member's address."""
    rendered = render_issue(issue)
    message = rendered.for_recipient(subscriber_id=0, email=address)
    message.subject = f"[Test] {message.subject}"
    del message.extra_headers["Message-ID"]
    message.send()
