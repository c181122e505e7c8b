"""Member imports: one uploaded CSV, imported by a task (members/importing.py)."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone


class MemberImport(models.Model):
    """One uploaded member CSV, imported (or dry-run) by a task, never inside the web request
    (members/importing.py). The file is kept in the database, not in media storage, because
    media may be public (S3 with public URLs) and the rows are readers' personal data; a real
    run drops it once finished. Progress is saved per chunk, so the CMS page shows it live."""

    class Status(models.TextChoices):
        QUEUED = "queued", "Queued"
        RUNNING = "running", "Running"
        DONE = "done", "Done"
        FAILED = "failed", "Failed"

    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_by_name = models.CharField(max_length=150, blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    filename = models.CharField(max_length=255, blank=True)
    data = models.BinaryField(blank=True, editable=False)
    dry_run = models.BooleanField(default=True)
    # The dry run this real run was started from (its "Import for real" button).
    checked_by = models.ForeignKey("self", null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.QUEUED)
    rows_total = models.PositiveIntegerField(default=0)
    rows_done = models.PositiveIntegerField(default=0)
    rows_created = models.PositiveIntegerField(default=0)
    rows_updated = models.PositiveIntegerField(default=0)
    rows_skipped = models.PositiveIntegerField(default=0)
    rows_failed = models.PositiveIntegerField(default=0)
    # [{"line": 3, "email": "...", "result": "error"|"skipped", "message": "..."}], in file order.
    problems = models.JSONField(default=list, blank=True)
    message = models.TextField(blank=True, help_text="Why the whole file failed, when it did.")
    started_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    # The worker running it (lib/worker_identity.py) and when it last showed it is alive (after
    # each chunk): a Running import whose worker is gone is failed by the clock, not left Running.
    claimed_by = models.CharField(max_length=80, blank=True, editable=False)
    heartbeat_at = models.DateTimeField(null=True, blank=True, editable=False)

    class Meta:
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        kind = "Dry run" if self.dry_run else "Import"
        return f"{kind} of {self.filename or 'a CSV file'} ({self.get_status_display()})"

    @property
    def finished(self) -> bool:
        return self.status in (self.Status.DONE, self.Status.FAILED)

    @property
    def percent(self) -> int:
        if self.status == self.Status.DONE:
            return 100
        return int(self.rows_done * 100 / self.rows_total) if self.rows_total else 0
