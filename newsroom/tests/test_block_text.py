"""Blocks say their own words (issue 13, item 4): reading time, search and narration all ask the
block, so a block added by CONTRIBUTING.md's recipe is read aloud, and one that declares nothing
fails here."""

from __future__ import annotations

from typing import Any

import pytest
from wagtail import blocks
from wagtail.blocks import StreamValue

from newsroom.block_text import ReadBlock, SilentBlock, undeclared_block_types
from newsroom.blocks import ArticleBodyBlock
from newsroom.models import ArticlePage


def test_every_article_body_block_says_what_its_words_are():
    missing = undeclared_block_types(ArticleBodyBlock())
    assert missing == [], (
        f"Body blocks {missing} declare no text: inherit newsroom.block_text.ReadBlock (and write "
        "plain_text) or SilentBlock (CONTRIBUTING.md, 'Adding a body block')."
    )


def test_a_block_that_declares_nothing_is_named():
    class Careless(blocks.StreamBlock):
        paragraph = ArticleBodyBlock.base_blocks["paragraph"]
        timeline = blocks.StructBlock([("when", blocks.CharBlock()), ("what", blocks.CharBlock())])
        picture = ArticleBodyBlock.base_blocks["image"]

    assert undeclared_block_types(Careless()) == ["timeline"]


# A block written by following CONTRIBUTING.md's recipe: a StructBlock that inherits ReadBlock
# and says its plain text; its spoken text follows from it.
class TimelineBlock(ReadBlock, blocks.StructBlock):
    title = blocks.CharBlock()
    events = blocks.ListBlock(blocks.CharBlock(label="Event"))

    class Meta:
        template = "newsroom/blocks/fact_box.html"

    def plain_text(self, value: Any) -> str:
        return "\n".join([value["title"], *value["events"]])


class MapBlock(SilentBlock, blocks.StructBlock):
    caption = blocks.CharBlock()


class BodyWithNewBlocks(ArticleBodyBlock):
    timeline = TimelineBlock()
    map = MapBlock()


@pytest.mark.django_db
def test_a_block_added_by_the_recipe_is_read_counted_and_searchable(newsroom):
    from audio.lexicon import Lexicon
    from audio.text_preparation import prepare_article
    from newsroom.search_views import _plain_text

    article = newsroom.add_article("Harbour week", live=False)
    body = BodyWithNewBlocks()
    article.body = StreamValue(
        body,
        [
            ("paragraph", body.child_blocks["paragraph"].to_python("<p>One short paragraph.</p>")),
            ("timeline", {"title": "How the week went", "events": ["Cranes stopped", "Ships waited offshore"]}),
            ("map", {"caption": "Quayside sketch"}),
        ],
    )
    assert undeclared_block_types(body) == []

    script = prepare_article(article, lexicon=Lexicon([]))
    assert ("paragraph", "How the week went. Cranes stopped. Ships waited offshore.") in [
        (part.kind, part.text) for part in script.parts
    ]
    assert "Quayside" not in script.text  # a silent block stays silent

    assert article.word_count == 3 + 9  # the paragraph and the timeline; the map caption is not read
    assert "Ships waited offshore" in _plain_text(article)
    assert "Quayside" not in _plain_text(article)


@pytest.mark.django_db
def test_the_existing_blocks_keep_their_words(newsroom):
    article: ArticlePage = newsroom.add_article(
        "Port reopens",
        body=[
            ("paragraph", "<p>The port <b>reopened</b>.</p>"),
            ("heading", "What was hit"),
            ("quote", {"text": "We worked all night.", "attribution": "Liv Amundal"}),
            ("image", {"image": None, "caption": "A crane at dawn.", "credit": "Jo Photo", "alt": "Crane"}),
            ("fact_box", {"title": "In numbers", "items": ["31 ships", "4 cranes"]}),
        ],
    )
    # 3 + 3 + 6 (quote and attribution) + 6 words; the caption is not read.
    assert article.word_count == 18
