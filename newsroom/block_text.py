"""What a body block's words are, declared by the block itself.

Every block that can sit in a StreamField readers see says, in its own class, what its words are:

- `plain_text(value)`: the words as a reader reads them on screen, without markup. Reading time
  and search snippets use it.
- `spoken_parts(value)`: what the narration voice says, as (kind, written text) pairs in reading
  order; the audio app puts each through the lexicon and normalisation. By default one part of
  kind `spoken_kind` made of the plain text's sentences, so a new block is read aloud unless it
  says otherwise.

A block with nothing to read (a picture, an embed, a card) inherits `SilentBlock`. A block that
inherits neither declares nothing: `undeclared_block_types` names it, and
`newsroom/tests/test_block_text.py` fails for any such block in the article body.

Nothing here is specific to articles: any model with a StreamField of such blocks (a live blog's
posts, say) gets its plain text from `stream_plain_texts` and its script from
`stream_spoken_parts`.
"""

from __future__ import annotations

import html
import logging
import re
from collections.abc import Iterable, Iterator
from typing import Any

from wagtail import blocks

logger = logging.getLogger(__name__)

# A spoken part: (kind, written text). The kind chooses the pauses around it (audio/synthesis.py);
# "paragraph", "heading", "quote" and "fact_box" have their own, any other kind a paragraph's.
SpokenParts = list[tuple[str, str]]


class ReadBlock:
    """Mixin for a block whose words are read: declare `plain_text`, and `spoken_parts` if the
    voice should say something other than the plain text's sentences."""

    spoken_kind = "paragraph"

    def plain_text(self, value: Any) -> str:
        raise NotImplementedError(f"{type(self).__name__} must say what its words are (plain_text).")

    def spoken_parts(self, value: Any) -> SpokenParts:
        text = " ".join(sentence(line) for line in self.plain_text(value).splitlines() if line.strip())
        return [(self.spoken_kind, text)] if text else []


class SilentBlock(ReadBlock):
    """Mixin for a block that exists only for the eye: no words read, nothing spoken."""

    def plain_text(self, value: Any) -> str:
        return ""

    def spoken_parts(self, value: Any) -> SpokenParts:
        return []


def declares_text(block: blocks.Block) -> bool:
    return isinstance(block, ReadBlock)


def undeclared_block_types(stream_block: blocks.StreamBlock) -> list[str]:
    """Names of the child blocks that say nothing about their words (neither read nor silent)."""
    return [name for name, child in stream_block.child_blocks.items() if not declares_text(child)]


def _declared(child: Any) -> ReadBlock | None:
    block = getattr(child, "block", None)
    if isinstance(block, ReadBlock):
        return block
    # Never a 500 on a reader page for a block that forgot to declare; the test suite catches it.
    logger.warning("block %r declares no text; it is left out of reading time, search and narration", child)
    return None


def stream_plain_texts(stream: Iterable[Any]) -> list[str]:
    """The plain text of each block of a StreamValue, in order ("" for silent blocks)."""
    texts = []
    for child in stream:
        block = _declared(child)
        texts.append(block.plain_text(child.value) if block is not None else "")
    return texts


def stream_spoken_parts(stream: Iterable[Any]) -> Iterator[tuple[str, str]]:
    """(kind, written text) for every spoken block of a StreamValue, in reading order."""
    for child in stream:
        block = _declared(child)
        if block is not None:
            yield from block.spoken_parts(child.value)


# --- helpers blocks use to say their words ---------------------------------------------------


def sentence(text: str) -> str:
    """Whitespace collapsed, and a full stop added unless the text already ends a sentence."""
    text = " ".join(text.split())
    return text if not text or text[-1] in ".!?:;\"'\u201d\u2019" else text + "."


def rich_text_to_sentences(source: str) -> str:
    """Rich-text HTML as plain sentences; each paragraph or list item ends with a full stop."""
    source = re.sub(r"<br\s*/?>", "\n", source)
    source = re.sub(r"</(p|li|h[1-6]|blockquote)>", "\n", source)
    text = html.unescape(re.sub(r"<[^>]+>", "", source))
    return " ".join(sentence(line) for line in text.splitlines() if line.strip())


def spoken_quote(text: str, attribution: str) -> str:
    attribution = attribution.strip().lstrip("\u2014\u2013- ").strip()
    spoken = sentence(text.strip().strip("\"\u201c\u201d'"))
    if not attribution:
        return spoken
    # Said before the quote, as a newsreader does, so the listener knows whose words follow.
    return f"{attribution} said: {spoken}"
