"""System checks of the audio app (registered in AudioConfig.ready())."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.conf import settings
from django.core import checks


def _inside(path: Path, folder: Any) -> bool:
    if not folder:
        return False
    path, folder = path.resolve(), Path(folder).resolve()
    return path == folder or folder in path.parents


@checks.register(checks.Tags.security)
def check_part_cache_is_private(**kwargs: Any) -> list[checks.CheckMessage]:
    """The part cache holds the speech of unpublished drafts (audio/part_cache.py). Inside the
    media or static folder, the web server would hand it to anyone who guesses a file name."""
    cache = Path(settings.NARRATION_PART_CACHE_DIR)
    for name in ("MEDIA_ROOT", "STATIC_ROOT"):
        if _inside(cache, getattr(settings, name, None)):
            return [
                checks.Error(
                    f"NARRATION_PART_CACHE_DIR ({cache}) is inside {name}, which is served to readers: "
                    "the speech of unpublished drafts would be public.",
                    hint="Point NARRATION_PART_CACHE_DIR at a folder the web server does not serve, "
                    "e.g. var/narration-parts (the default).",
                    id="audio.E001",
                )
            ]
    return []
