"""Background work of the newsroom app. Tasks take ids, never model instances."""

from __future__ import annotations

import io

from django.core.management import call_command
from django.tasks import task


@task()
def publish_scheduled_pages() -> str:
    """Publish pages whose go-live time has come and unpublish expired ones (Wagtail's own command).

    Run every minute by the worker's clock (lib/periodic.py), so a story scheduled for 10:00
    goes live without anyone pressing a button. Safe to run twice: Wagtail only acts on pages
    still waiting.
    """
    out = io.StringIO()
    call_command("publish_scheduled", stdout=out)
    return out.getvalue().strip()
