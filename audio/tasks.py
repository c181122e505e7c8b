"""Background work of the audio app: one task per article narration, on its own queue."""

from __future__ import annotations

import logging
import time

from django.conf import settings
from django.tasks import task

from audio import services
from audio.priority import yield_cpu_to_web
from audio.synthesis import load_voice

logger = logging.getLogger(__name__)


def warm_up_narration() -> None:
    """Load the voice before the first story (WORKER_WARM_UPS): ~1.5 s on an idle host, several
    seconds at narration's priority while the web is busy, which the first story's audio would
    otherwise wait for. The priority is lowered first, as for a story."""
    yield_cpu_to_web()
    started = time.perf_counter()
    load_voice(settings.NARRATION_VOICE)
    logger.info("Narration voice %s loaded in %.1f s.", settings.NARRATION_VOICE, time.perf_counter() - started)


@task(queue_name="narration")
def narrate_article_task(article_id: int, force: bool = False) -> str:
    yield_cpu_to_web()
    return services.narrate_article(article_id=article_id, force=force).outcome


# Lowest of all (services.DRAFT_PRIORITY is passed when it is enqueued): a draft waits for
# every published story's narration.
@task(queue_name="narration")
def prenarrate_draft_task(page_id: int, revision_id: int, saved_at: str) -> str:
    yield_cpu_to_web()
    return services.prenarrate_draft(page_id=page_id, revision_id=revision_id, saved_at=saved_at).outcome


# Ahead of every narration (they are 99 at most): a starting narrator must take back the story
# a dead one held before it works through a backlog of hundreds (the demo, a bulk publish).
@task(queue_name="narration", priority=100)
def recover_stuck_narrations() -> dict[str, int]:
    return services.narrations_recover_stuck()
