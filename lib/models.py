"""Rows that let many processes act as one site: rate-limit counters, clock ticks, task locks."""

from __future__ import annotations

from django.db import models


class RateLimitCounter(models.Model):
    """Attempts in one fixed window for one hashed (scope, client) pair; see lib/rate_limits.py.

    Used when no Redis is configured. The key is a hash, never a raw address or email.
    """

    digest = models.CharField(max_length=64, primary_key=True)
    hits = models.PositiveIntegerField(default=0)
    expires_at = models.DateTimeField(db_index=True)

    def __str__(self) -> str:
        return f"{self.digest[:12]}… {self.hits}"


class PeriodicTick(models.Model):
    """One row per periodic task and tick: whichever clock inserts it first enqueues the task."""

    task = models.CharField(max_length=200)
    tick = models.BigIntegerField(help_text="Seconds since the epoch divided by the task's interval.")
    enqueued_at = models.DateTimeField(auto_now_add=True, db_index=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["task", "tick"], name="lib_periodic_tick_once")]

    def __str__(self) -> str:
        return f"{self.task} @ {self.tick}"


class TaskLock(models.Model):
    """A named lease: the holder runs the guarded work until `held_until`; see lib/locks.py."""

    name = models.CharField(max_length=100, primary_key=True)
    holder = models.CharField(max_length=64, blank=True)
    held_until = models.DateTimeField(null=True, blank=True)

    def __str__(self) -> str:
        return self.name


class PendingCount(models.Model):
    """A database stand-in for a Redis hash of counters (one host without Redis): `field` of
    `bucket` holds `value` until its owner takes the whole bucket; see lib/pending_counts.py."""

    bucket = models.CharField(max_length=100)
    field = models.CharField(max_length=100)
    value = models.BigIntegerField(default=0)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["bucket", "field"], name="lib_pending_count_once")]

    def __str__(self) -> str:
        return f"{self.bucket}[{self.field}] = {self.value}"
