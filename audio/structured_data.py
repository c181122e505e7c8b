"""The article's audio for its JSON-LD: a schema.org AudioObject, or None when there is none."""

from __future__ import annotations

from typing import Any

from audio.selectors import narration_for_player


def iso_duration(seconds: float) -> str:
    """286.2 → "PT4M46S" (ISO 8601, as schema.org's duration expects)."""
    total = round(seconds)
    hours, rest = divmod(total, 3600)
    minutes, secs = divmod(rest, 60)
    return "PT" + (f"{hours}H" if hours else "") + (f"{minutes}M" if minutes else "") + f"{secs}S"


def audio_object(article: Any, *, base_url: str) -> dict[str, Any] | None:
    """For NewsArticle["audio"]; base_url is the site's scheme and host, e.g. "https://news.example"."""
    narration = narration_for_player(article)
    if narration is None:
        return None
    return {
        "@type": "AudioObject",
        "name": f"Listen: {article.title}",
        "description": "This audio is created with AI assistance.",
        "contentUrl": base_url.rstrip("/") + narration.audio_url,
        "encodingFormat": "audio/mpeg",
        "duration": iso_duration(narration.duration_seconds),
        "contentSize": str(narration.size_bytes),
    }
