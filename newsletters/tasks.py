"""Background work of the newsletters app. Tasks take ids and call a service."""

from __future__ import annotations

from django.tasks import task
from django.utils import timezone

from newsletters import emails, sending, services
from newsletters.models import Issue, Subscriber


@task(queue_name="email")
def send_confirmation_email(subscriber_id: int) -> None:
    subscriber = Subscriber.objects.filter(pk=subscriber_id).first()
    pending = services.pending_newsletter_ids(subscriber_id) if subscriber else []
    if subscriber is not None and pending and not services.is_suppressed(subscriber.email):
        emails.send_confirmation(subscriber, pending)


@task(queue_name="email")
def send_welcome_email(subscriber_id: int, newsletter_ids: list[int]) -> None:
    subscriber = Subscriber.objects.filter(pk=subscriber_id).first()
    if subscriber is not None and not services.is_suppressed(subscriber.email):
        emails.send_welcome(subscriber, newsletter_ids)


@task(queue_name="email")
def send_test_issue(issue_id: int, address: str) -> None:
    emails.send_issue_test(Issue.objects.select_related("newsletter").get(pk=issue_id), address)


@task(queue_name="email")
def send_issue(issue_id: int) -> str:
    """Send (or go on sending) an issue. Safe to run twice or alongside another worker."""
    final = sending.deliver_issue(issue_id)
    return f"sent {final.sent}, failed {final.failed}, skipped {final.skipped} of {final.total}"


@task()
def resume_sending() -> list[int]:
    """Every minute: start scheduled issues that are due and pick up sends left unfinished by
    a worker that died (the task that was running it is gone with it)."""
    due = list(
        Issue.objects.filter(status=Issue.Status.SCHEDULED, send_at__lte=timezone.now()).values_list("pk", flat=True)
    )
    for issue_id in due:
        services.issue_send_start(issue_id=issue_id, enqueue=False)
    touched = []
    for issue_id in Issue.objects.filter(status=Issue.Status.SENDING).values_list("pk", flat=True):
        sending.deliver_issue(issue_id)
        touched.append(issue_id)
    return touched
