"""Demo data owned by the audio app: the pronunciation lexicon for the demo newsroom's names."""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from audio.models import LexiconEntry


def load_demo_lexicon(entries: Iterable[Mapping[str, str]]) -> int:
    """Add lexicon entries that are missing (by term); entries staff have edited are left alone.
    Idempotent. Returns how many were created."""
    created = 0
    for entry in entries:
        _, made = LexiconEntry.objects.get_or_create(
            term=entry["term"], defaults={"say": entry["say"], "note": entry.get("note", "")[:300]}
        )
        created += made
    return created
