"""Background work of the audio app: one task per article narration, on its own queue."""

from __future__ import annotations

from django.tasks import task

from audio import services
from audio.priority import yield_cpu_to_web


@task(queue_name="narration")
def narrate_article_task(article_id: int, force: bool = False) -> str:
    yield_cpu_to_web()
    return services.narrate_article(article_id=article_id, force=force).outcome


# Ahead of every narration (they are 99 at most): a starting narrator must take back the story
# a dead one held before it works through a backlog of hundreds (the demo, a bulk publish).
@task(queue_name="narration", priority=100)
def recover_stuck_narrations() -> dict[str, int]:
    return services.narrations_recover_stuck()
