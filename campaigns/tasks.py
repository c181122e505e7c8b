"""Background work of campaigns. Tasks take ids, never model instances."""

from __future__ import annotations

from django.tasks import task

from campaigns import reader_counts


@task()
def flush_view_counts() -> int:
    """Move buffered article views into ArticleDailyViews (periodic; safe to run any time)."""
    return reader_counts.flush_view_counts()
