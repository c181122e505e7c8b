"""Background work of the newsroom app. Tasks take ids, never model instances."""

from __future__ import annotations

import io

from django.core.management import call_command
from django.tasks import task

from lib.locks import lease

# Longer than any publishing run; a worker that dies holding it frees it after this long.
PUBLISH_LEASE_SECONDS = 15 * 60


@task()
def publish_scheduled_pages() -> str:
    """Publish pages whose go-live time has come and unpublish expired ones (Wagtail's own command).

    Enqueued once a minute across all workers by the clock (lib/periodic.py), so a story
    scheduled for 10:00 goes live without anyone pressing a button. Never runs twice at once:
    Wagtail's command reads the waiting revisions and then publishes them, so two overlapping
    runs (a slow run and the next tick, or a person running the command) would both publish
    the same revision. A database lease (lib/locks.py) lets one run at a time; another run
    returns at once and leaves the work to it.
    """
    with lease("newsroom.publish_scheduled_pages", seconds=PUBLISH_LEASE_SECONDS) as got:
        if not got:
            return "skipped: another worker is publishing scheduled pages"
        out = io.StringIO()
        call_command("publish_scheduled", stdout=out)
        return out.getvalue().strip()
