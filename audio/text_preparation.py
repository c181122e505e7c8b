"""Turn an article into the script the voice reads: what is spoken, in what order, with which pauses.

Spoken: headline, byline, standfirst, then whatever each body block declares it says
(`spoken_parts`, newsroom/block_text.py): paragraphs, headings, quotes (with who said them), fact
boxes, and any new read block. Silent blocks (image captions and credits, embeds, related-story
cards) make sense only on screen; this module keeps no list of block types of its own. Each part
is put through the lexicon first (so staff pronunciations win over the generic rules) and then
through the newsreader normalisation.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from audio.lexicon import Lexicon, load_lexicon
from audio.normalisation import normalise, typography
from newsroom.block_text import rich_text_to_sentences, sentence, stream_spoken_parts

# The article's own parts, then whatever kinds its body blocks declare (newsroom/block_text.py):
# "paragraph", "heading", "quote", "fact_box", or a new block's own.
PartKind = str


@dataclass(frozen=True)
class SpokenPart:
    kind: PartKind
    text: str


@dataclass(frozen=True)
class Script:
    """The whole spoken text of one article, part by part."""

    parts: tuple[SpokenPart, ...]

    @property
    def text(self) -> str:
        return "\n\n".join(part.text for part in self.parts)

    @property
    def digest(self) -> str:
        """sha256 of the spoken text: equal digests mean identical audio for the same voice."""
        return hashlib.sha256(self.text.encode()).hexdigest()

    @property
    def word_count(self) -> int:
        return len(self.text.split())


def prepare_article(article: Any, *, lexicon: Lexicon | None = None) -> Script:
    """The script for an article's live content. Reads the lexicon from the database if not given."""
    raw: list[tuple[PartKind, str]] = [("headline", article.title)]
    names = [author.title for author in article.authors]
    if names:
        raw.append(("byline", "By " + _join_names(names)))
    if article.standfirst:
        raw.append(("standfirst", article.standfirst))
    raw.extend(stream_spoken_parts(article.body))
    return prepare_parts(raw, lexicon=lexicon)


def prepare_parts(raw: Iterable[tuple[PartKind, str]], *, lexicon: Lexicon | None = None) -> Script:
    """A script from (kind, written text) parts: for any page with narrated text, not only articles
    (a live blog builds its parts from `stream_spoken_parts` of its posts). Empty parts are dropped."""
    lexicon = lexicon if lexicon is not None else load_lexicon()
    return Script(tuple(_spoken(kind, text, lexicon) for kind, text in raw if text.strip()))


def prepare_live_page(page: Any, *, lexicon: Lexicon | None = None) -> Script:
    """The script for live coverage (live/): headline, standfirst and the "What we know" summary
    box, never the entries, which change by the minute and would make the audio stale at once."""
    raw: list[tuple[PartKind, str]] = [("headline", page.title), ("standfirst", page.standfirst)]
    if page.summary:
        raw.append(("paragraph", rich_text_to_sentences(page.summary)))
    return prepare_parts(raw, lexicon=lexicon)


def _join_names(names: list[str]) -> str:
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]


def _spoken(kind: PartKind, text: str, lexicon: Lexicon) -> SpokenPart:
    if kind in ("headline", "heading", "byline", "standfirst"):
        text = sentence(text)
    return SpokenPart(kind, normalise(lexicon.apply(typography(text))))
