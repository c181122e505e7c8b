"""/healthz: is the database reachable, and how is the task queue doing?"""

from __future__ import annotations

import logging

from django.db import DatabaseError, connection
from django.http import HttpRequest, JsonResponse
from django.views.decorators.cache import never_cache

logger = logging.getLogger("masthead.health")


@never_cache
def healthz(request: HttpRequest) -> JsonResponse:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except DatabaseError as exc:
        logger.error("health check: database unreachable", extra={"error": str(exc)})
        return JsonResponse(
            {"status": "error", "database": {"ok": False, "error": "The database did not answer."}}, status=503
        )
    return JsonResponse({"status": "ok", "database": {"ok": True}, "tasks": _task_queue_state()})


def _task_queue_state() -> dict[str, object]:
    from django.db.models import Count
    from django_tasks_db.models import DBTaskResult

    try:
        counts = dict(DBTaskResult.objects.values_list("status").annotate(n=Count("id")).order_by())
    except DatabaseError:
        return {"ok": False}
    return {
        "ok": True,
        "ready": counts.get("READY", 0),
        "running": counts.get("RUNNING", 0),
        "failed": counts.get("FAILED", 0),
        "successful": counts.get("SUCCESSFUL", 0),
    }
