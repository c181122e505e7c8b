"""Send (or finish sending) a newsletter issue in the foreground, with a progress bar."""

from __future__ import annotations

import sys
from typing import Any

from django.core.management import BaseCommand, CommandError

from newsletters import sending, services
from newsletters.models import Issue


def bar(done: int, total: int, width: int = 30) -> str:
    filled = int(width * done / total) if total else width
    return "[" + "#" * filled + "-" * (width - filled) + "]"


class Command(BaseCommand):
    help = (
        "Send a newsletter issue now, or finish a send that was interrupted. Safe to run again: "
        "every subscriber gets the issue exactly once."
    )

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument(
            "issue_ids", type=int, nargs="+", metavar="issue_id", help="One or more issues, sent in turn."
        )
        parser.add_argument("--batch-size", type=int, default=None, help="Messages per batch (one connection each).")
        parser.add_argument("--retry-failed", action="store_true", help="Queue failed deliveries again first.")

    def handle(self, *args: Any, issue_ids: list[int], **options: Any) -> None:
        for issue_id in issue_ids:
            self.send_one(issue_id, **options)

    def send_one(self, issue_id: int, *, batch_size: int | None, retry_failed: bool, **options: Any) -> None:
        issue = Issue.objects.filter(pk=issue_id).first()
        if issue is None:
            raise CommandError(f"There is no issue {issue_id}. List issues in the CMS under Newsletters → Issues.")
        if retry_failed:
            self.stdout.write(f"Queued {services.deliveries_retry_failed(issue_id=issue_id)} failed deliveries again.")
        services.issue_send_start(issue_id=issue_id, enqueue=False)
        tty = sys.stdout.isatty()

        def show(p: sending.Progress) -> None:
            eta = f"{p.eta_seconds:.0f} s" if p.eta_seconds is not None else "–"
            line = (
                f"{bar(p.done, p.total)} {p.sent}/{p.total} sent, {p.failed} failed, "
                f"{p.queued} queued · {p.rate:.0f}/s · ETA {eta}"
            )
            self.stdout.write(("\r" + line) if tty else line, ending="" if tty else "\n")
            self.stdout.flush()

        final = sending.deliver_issue(issue_id, batch_size=batch_size, on_batch=show if options["verbosity"] else None)
        if tty and options["verbosity"]:
            self.stdout.write("")
        self.stdout.write(
            f"Issue {issue_id}: {final.sent} sent, {final.failed} failed, {final.skipped} skipped of {final.total}."
            + (" Retry failed ones with --retry-failed." if final.failed else "")
        )
        issue.refresh_from_db()
        if issue.relay_error and issue.relay_retry_at:
            self.stderr.write(
                f"{issue.relay_error} The worker goes on by itself after {issue.relay_retry_at:%H:%M} UTC; "
                "check EMAIL_HOST and EMAIL_PORT if this persists."
            )
