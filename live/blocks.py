"""What an entry's body is made of: text, quotes, pictures and embeds, drawn as in articles."""

from __future__ import annotations

from wagtail import blocks

from newsroom.blocks import ArticleEmbedBlock, ImageBlock, QuoteBlock


class LiveEntryBodyBlock(blocks.StreamBlock):
    paragraph = blocks.RichTextBlock(
        features=["bold", "italic", "link", "ol", "ul"], template="newsroom/blocks/paragraph.html"
    )
    quote = QuoteBlock()
    image = ImageBlock()
    embed = ArticleEmbedBlock()
