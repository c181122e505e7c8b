"""Turn an article into the script the voice reads: what is spoken, in what order, with which pauses.

Spoken: headline, byline, standfirst, then the body's paragraphs, headings, quotes (with who
said them) and fact boxes. Not spoken: image captions and credits, embeds and related-story
cards, which make sense only on screen. Each part is put through the lexicon first (so staff
pronunciations win over the generic rules) and then through the newsreader normalisation.
"""

from __future__ import annotations

import hashlib
import html
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Any, Literal

from audio.lexicon import Lexicon, load_lexicon
from audio.normalisation import normalise, typography

PartKind = Literal["headline", "byline", "standfirst", "paragraph", "heading", "quote", "fact_box"]

# Body blocks that exist only for the eye.
SILENT_BLOCKS = {"image", "embed", "related_story"}


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
    lexicon = lexicon if lexicon is not None else load_lexicon()
    raw: list[tuple[PartKind, str]] = [("headline", article.title)]
    names = [author.title for author in article.authors]
    if names:
        raw.append(("byline", "By " + _join_names(names)))
    if article.standfirst:
        raw.append(("standfirst", article.standfirst))
    raw.extend(body_parts((block.block_type, block.value) for block in article.body))
    return Script(tuple(_spoken(kind, text, lexicon) for kind, text in raw if text.strip()))


def prepare_live_page(page: Any, *, lexicon: Lexicon | None = None) -> Script:
    """The script for live coverage (live/): headline, standfirst and the "What we know" summary
    box, never the entries, which change by the minute and would make the audio stale at once."""
    lexicon = lexicon if lexicon is not None else load_lexicon()
    raw: list[tuple[PartKind, str]] = [("headline", page.title), ("standfirst", page.standfirst)]
    if page.summary:
        raw.append(("paragraph", rich_text_to_sentences(page.summary)))
    return Script(tuple(_spoken(kind, text, lexicon) for kind, text in raw if text.strip()))


def body_parts(blocks: Iterable[tuple[str, Any]]) -> Iterator[tuple[PartKind, str]]:
    """(kind, written text) for every spoken body block, in reading order."""
    for block_type, value in blocks:
        if block_type in SILENT_BLOCKS:
            continue
        if block_type == "paragraph":
            yield "paragraph", rich_text_to_sentences(getattr(value, "source", str(value)))
        elif block_type == "heading":
            yield "heading", str(value)
        elif block_type == "quote":
            yield "quote", _quote(value["text"], value.get("attribution", ""))
        elif block_type == "fact_box":
            yield "fact_box", " ".join(_sentence(line) for line in [value["title"], *value["items"]] if line.strip())


def rich_text_to_sentences(source: str) -> str:
    """Rich-text HTML as plain sentences; each paragraph or list item ends with a full stop."""
    source = re.sub(r"<br\s*/?>", "\n", source)
    source = re.sub(r"</(p|li|h[1-6]|blockquote)>", "\n", source)
    text = html.unescape(re.sub(r"<[^>]+>", "", source))
    return " ".join(_sentence(line) for line in text.splitlines() if line.strip())


def _quote(text: str, attribution: str) -> str:
    attribution = attribution.strip().lstrip("\u2014\u2013- ").strip()
    spoken = _sentence(text.strip().strip("\"\u201c\u201d'"))
    if not attribution:
        return spoken
    # Said before the quote, as a newsreader does, so the listener knows whose words follow.
    return f"{attribution} said: {spoken}"


def _join_names(names: list[str]) -> str:
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]


def _sentence(text: str) -> str:
    text = " ".join(text.split())
    return text if not text or text[-1] in ".!?:;\"'\u201d\u2019" else text + "."


def _spoken(kind: PartKind, text: str, lexicon: Lexicon) -> SpokenPart:
    if kind in ("headline", "heading", "byline", "standfirst"):
        text = _sentence(text)
    return SpokenPart(kind, normalise(lexicon.apply(typography(text))))
