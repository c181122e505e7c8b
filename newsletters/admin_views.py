"""CMS pages for sending: parse the form, call a service, show the result."""

from __future__ import annotations

from datetime import datetime

from django.contrib import messages
from django.contrib.auth.decorators import permission_required
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils import timezone
from django.utils.dateparse import parse_datetime

from newsletters import sending, services, tasks
from newsletters.models import Issue, Newsletter


@permission_required("newsletters.change_issue", raise_exception=True)
def send_page(request: HttpRequest, issue_id: int) -> HttpResponse:
    issue = get_object_or_404(Issue.objects.select_related("newsletter"), pk=issue_id)
    here = reverse("newsletters_admin:send", args=[issue.pk])
    if request.method == "POST":
        action = request.POST.get("action")
        if action == "test":
            address = request.user.email  # type: ignore[union-attr]
            if not address:
                messages.error(request, "Your account has no email address. Add one under Account, then try again.")
            else:
                tasks.send_test_issue.enqueue(issue.pk, address)
                messages.success(request, f"A test email is on its way to {address}.")
        elif action == "send_now":
            if issue.is_editable:
                services.issue_send_start(issue_id=issue.pk)
                messages.success(request, "Sending has started. This page shows the progress.")
            else:
                messages.error(request, "This issue is already being sent or was sent.")
        elif action == "schedule":
            when = _parse_local(request.POST.get("send_at", ""))
            if when is None or when <= timezone.now():
                messages.error(
                    request, f"Choose a date and time in the future ({timezone.get_current_timezone_name()} time)."
                )
            else:
                try:
                    services.issue_schedule(issue_id=issue.pk, send_at=when)
                    messages.success(request, f"Scheduled for {timezone.localtime(when):%d %B %Y, %H:%M}.")
                except services.IssueNotEditable as error:
                    messages.error(request, str(error))
        elif action == "retry":
            count = services.deliveries_retry_failed(issue_id=issue.pk)
            messages.success(request, f"{count} failed deliveries are queued again.")
        return HttpResponseRedirect(here)
    progress = sending.progress(issue) if issue.prepared_at else None
    took = ""
    if issue.finished_at and issue.prepared_at:
        took = _duration((issue.finished_at - issue.prepared_at).total_seconds())
    return render(
        request,
        "newsletters/admin/send.html",
        {
            "issue": issue,
            "progress": progress,
            "percent": int(100 * progress.done / progress.total) if progress and progress.total else 0,
            "audience": issue.newsletter.subscriptions.filter(status="confirmed").count(),
            "edit_url": reverse("wagtailsnippets_newsletters_issue:edit", args=[issue.pk]),
            "refresh": issue.status == Issue.Status.SENDING,
            "pace": _pace(progress) if progress and issue.status == Issue.Status.SENDING else "",
            "took": took,
            "time_zone": timezone.get_current_timezone_name(),
            "send_at_value": timezone.localtime(issue.send_at).strftime("%Y-%m-%dT%H:%M") if issue.send_at else "",
        },
    )


def _duration(seconds: float) -> str:
    if seconds < 90:
        return f"{max(1, round(seconds))} s"
    if seconds < 5400:
        return f"{round(seconds / 60)} min"
    return f"{seconds / 3600:.1f} h"


def _pace(progress: sending.Progress) -> str:
    """ "12 per second, about 3 min left" while a send runs; nothing until there is a rate."""
    remaining = progress.queued + progress.handing_off
    if progress.rate <= 0 or remaining == 0:
        return ""
    rate = f"{progress.rate:.0f}" if progress.rate >= 10 else f"{progress.rate:.1f}"
    left = f", about {_duration(progress.eta_seconds)} left" if progress.eta_seconds else ""
    return f"{rate} per second{left}"


def _parse_local(value: str) -> datetime | None:
    parsed = parse_datetime(value.strip().replace(" ", "T")) if value else None
    if parsed is not None and timezone.is_naive(parsed):
        parsed = timezone.make_aware(parsed)
    return parsed


@permission_required("newsletters.add_issue", raise_exception=True)
def issue_from_article(request: HttpRequest) -> HttpResponse:
    from newsroom.models import ArticlePage

    if request.method == "POST":
        article_id, newsletter_id = request.POST.get("article", ""), request.POST.get("newsletter", "")
        if (
            article_id.isdigit()
            and newsletter_id.isdigit()
            and Newsletter.objects.filter(pk=newsletter_id).exists()
            and ArticlePage.objects.filter(pk=article_id).exists()
        ):
            issue = services.issue_from_article(article_id=int(article_id), newsletter_id=int(newsletter_id))
            messages.success(request, "A draft issue was made from the article. Check it, then send it.")
            return HttpResponseRedirect(reverse("newsletters_admin:send", args=[issue.pk]))
        messages.error(request, "Choose an article and a newsletter from the lists.")
    articles = ArticlePage.objects.live().order_by("-first_published_at").only("title", "first_published_at")[:40]
    return render(
        request,
        "newsletters/admin/from_article.html",
        {"articles": articles, "newsletters": Newsletter.objects.all()},
    )
