from __future__ import annotations

from typing import Any

from django import template

from audio.selectors import narration_for_player

register = template.Library()


@register.inclusion_tag("audio/player.html")
def narration_player(article: Any) -> dict[str, Any]:
    """The audio player for an article, or nothing when its audio is not ready."""
    return {"narration": narration_for_player(article)}


@register.filter
def clock(seconds: float) -> str:
    """205.4 → "3:25"; 3725 → "1:02:05"."""
    total = round(seconds or 0)
    hours, rest = divmod(total, 3600)
    minutes, secs = divmod(rest, 60)
    return f"{hours}:{minutes:02d}:{secs:02d}" if hours else f"{minutes}:{secs:02d}"


@register.filter
def spoken_length(seconds: float) -> str:
    """205.4 → "3 min 25 s", for people and screen readers."""
    total = round(seconds or 0)
    minutes, secs = divmod(total, 60)
    return f"{minutes} min {secs} s" if minutes else f"{secs} s"
