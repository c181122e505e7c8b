"""Demo data owned by the audio app: the pronunciation lexicon for the demo newsroom's names."""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from audio.models import LexiconEntry

# The demo newsroom's pronunciations (its text is the demo's, like newsroom/demo/content.py).
LEXICON = [
    {
        "term": "Veldmark",
        "say": "Velt mark",
        "note": ("The country’s name. The d is said like a t, and the stress falls on the first syllable."),
    },
    {
        "term": "Arnhalt",
        "say": "Arn halt",
        "note": "The capital. Two even syllables; the h is pronounced.",
    },
    {
        "term": "Sorvik",
        "say": "Sore vick",
        "note": "Port city. Without help, voices tend to say sor-VIKE.",
    },
    {
        "term": "Lenndal",
        "say": "Len dahl",
        "note": ("City in the west. The double n is a single sound; the second syllable rhymes with doll."),
    },
    {"term": "Brask", "say": "Brahsk", "note": "City in the west; one syllable with a long a."},
    {
        "term": "Ostmark",
        "say": "Ost mark",
        "note": "The front-line oblast. The first syllable rhymes with lost.",
    },
    {
        "term": "oblast",
        "say": "ob last",
        "note": "Administrative region. Stress on the first syllable, not blast.",
    },
    {
        "term": "Drovan",
        "say": "Droh vahn",
        "note": "The neighbouring federation. Voices otherwise read it like droven.",
    },
    {"term": "Kolvansk", "say": "Coal vansk", "note": "Capital of the Drovan Federation."},
    {
        "term": "Dunavik",
        "say": "Doo nah vick",
        "note": "Front-line town in Ostmark; three syllables, stress on the first.",
    },
    {
        "term": "Veldsting",
        "say": "Velt sting",
        "note": "The national parliament. Read as two words, not as veld-sting-ing.",
    },
    {
        "term": "krona",
        "say": "kroh nah",
        "note": "The national currency. The plural is also krona.",
    },
    {
        "term": "VDF",
        "say": "V D F",
        "note": "Veldmark Defence Forces. Always read as separate letters.",
    },
    {
        "term": "SBV",
        "say": "S B V",
        "note": "State Security Bureau of Veldmark. Read as letters, never as a word.",
    },
    {"term": "NCU", "say": "N C U", "note": "Northern Customs Union. Read as letters."},
    {"term": "VCB", "say": "V C B", "note": "Veldmark Central Bank. Read as letters."},
    {"term": "Orlund", "say": "Or lund", "note": "Surname of the prime minister, Mattis Orlund."},
    {
        "term": "Brenholt",
        "say": "Bren holt",
        "note": "Surname of the defence minister, Kaja Brenholt.",
    },
]


def load_demo_lexicon(entries: Iterable[Mapping[str, str]] = LEXICON) -> int:
    """Add lexicon entries that are missing (by term); entries staff have edited are left alone.
    Idempotent. Returns how many were created."""
    created = 0
    for entry in entries:
        _, made = LexiconEntry.objects.get_or_create(
            term=entry["term"], defaults={"say": entry["say"], "note": entry.get("note", "")[:300]}
        )
        created += made
    return created
