"""/healthz: is the database reachable, and is the task queue moving?

Load balancers call this every few seconds on every node, so it must cost the same with ten
rows or ten million: `SELECT 1`, then one indexed query with LIMIT 1 for the oldest task that
is ready and due (the partial index `lib_tasks_ready_enqueued`, lib migration 0002). No count
of the task table, ever: at 2 million rows a count took seconds and timed the checks out.
"""

from __future__ import annotations

import logging

from django.db import DatabaseError, connection
from django.db.models import Q
from django.http import HttpRequest, JsonResponse
from django.utils import timezone
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
    """How long the oldest ready, due task has waited (None: nothing waiting)."""
    from django.tasks import TaskResultStatus
    from django_tasks_db.models import DBTaskResult, get_date_max

    now = timezone.now()
    try:
        oldest = (
            DBTaskResult.objects.filter(status=TaskResultStatus.READY)
            .filter(Q(run_after=get_date_max()) | Q(run_after__lte=now))
            .order_by("enqueued_at")
            .values_list("enqueued_at", flat=True)
            .first()
        )
    except DatabaseError:
        return {"ok": False}
    waited = None if oldest is None else round(max(0.0, (now - oldest).total_seconds()), 1)
    return {"ok": True, "oldest_ready_seconds": waited}
