"""Apply the newsroom's pronunciation lexicon: whole words, case-aware, longest term first."""

from __future__ import annotations

import re
from collections.abc import Iterable


class Lexicon:
    """Term → spoken form. A term with a capital letter matches that spelling only ("SBV" is
    not "sbv"); an all-lowercase term matches any capitalisation and keeps a leading capital
    ("Oblast" at the start of a sentence still becomes "Ob last")."""

    def __init__(self, entries: Iterable[tuple[str, str]]) -> None:
        self.entries = {term.strip(): say.strip() for term, say in entries if term.strip() and say.strip()}
        exact = [t for t in self.entries if t != t.lower()]
        folded = [t for t in self.entries if t == t.lower()]
        self._exact = _whole_words(exact, 0)
        self._folded = _whole_words(folded, re.IGNORECASE)
        self._folded_lookup = {t.lower(): self.entries[t] for t in folded}

    def apply(self, text: str) -> str:
        if self._exact is not None:
            text = self._exact.sub(lambda m: self.entries[m[0]], text)
        if self._folded is not None:
            text = self._folded.sub(self._folded_replacement, text)
        return text

    def _folded_replacement(self, match: re.Match[str]) -> str:
        say = self._folded_lookup[match[0].lower()]
        return say[:1].upper() + say[1:] if match[0][:1].isupper() else say


def _whole_words(terms: list[str], flags: int) -> re.Pattern[str] | None:
    if not terms:
        return None
    alternatives = "|".join(re.escape(t) for t in sorted(terms, key=len, reverse=True))
    # \w-boundaries rather than \b so terms that start or end with a dot or hyphen still match.
    return re.compile(rf"(?<!\w)(?:{alternatives})(?!\w)", flags)


def load_lexicon() -> Lexicon:
    from audio.models import LexiconEntry

    return Lexicon(LexiconEntry.objects.values_list("term", "say"))
