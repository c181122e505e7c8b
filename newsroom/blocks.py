"""The blocks an article body is made of; each renders with its own template in blocks/ and says
what its words are (`newsroom/block_text.py`): read blocks give their plain and spoken text,
silent blocks (pictures, embeds, cards) say nothing."""

from __future__ import annotations

from typing import Any

from django.utils.html import strip_tags
from wagtail import blocks
from wagtail.embeds.blocks import EmbedBlock
from wagtail.images.blocks import ImageChooserBlock

from newsroom.block_text import (
    ReadBlock,
    SilentBlock,
    SpokenParts,
    rich_text_to_sentences,
    sentence,
    spoken_quote,
)


class ParagraphBlock(ReadBlock, blocks.RichTextBlock):
    def plain_text(self, value: Any) -> str:
        return strip_tags(getattr(value, "source", str(value)))

    def spoken_parts(self, value: Any) -> SpokenParts:
        return [("paragraph", rich_text_to_sentences(getattr(value, "source", str(value))))]


class HeadingBlock(ReadBlock, blocks.CharBlock):
    def plain_text(self, value: Any) -> str:
        return str(value)

    def spoken_parts(self, value: Any) -> SpokenParts:
        return [("heading", sentence(str(value)))]


class QuoteBlock(ReadBlock, blocks.StructBlock):
    text = blocks.TextBlock()
    attribution = blocks.CharBlock(required=False, help_text="Who said it, e.g. 'Mara Holt, mayor of Sorvik'.")

    class Meta:
        icon = "openquote"
        template = "newsroom/blocks/quote.html"

    def plain_text(self, value: Any) -> str:
        return f"{value['text']} {value['attribution']}"

    def spoken_parts(self, value: Any) -> SpokenParts:
        return [("quote", spoken_quote(value["text"], value.get("attribution", "")))]


class ImageBlock(SilentBlock, blocks.StructBlock):
    image = ImageChooserBlock()
    caption = blocks.CharBlock(required=False)
    credit = blocks.CharBlock(required=False, help_text="Photographer and agency.")
    alt = blocks.CharBlock(
        required=False,
        help_text="Describe the picture for readers who cannot see it. Defaults to the image's description.",
    )

    class Meta:
        icon = "image"
        template = "newsroom/blocks/image.html"


class FactBoxBlock(ReadBlock, blocks.StructBlock):
    title = blocks.CharBlock()
    items = blocks.ListBlock(blocks.CharBlock(label="Fact"))

    class Meta:
        icon = "list-ul"
        template = "newsroom/blocks/fact_box.html"

    def plain_text(self, value: Any) -> str:
        return " ".join([value["title"], *value["items"]])

    def spoken_parts(self, value: Any) -> SpokenParts:
        lines = [value["title"], *value["items"]]
        return [("fact_box", " ".join(sentence(line) for line in lines if line.strip()))]


class RelatedStoryBlock(SilentBlock, blocks.StructBlock):
    article = blocks.PageChooserBlock(page_type="newsroom.ArticlePage")

    class Meta:
        icon = "link"
        template = "newsroom/blocks/related_story.html"
        label = "Related story card"


class ArticleEmbedBlock(SilentBlock, blocks.StructBlock):
    url = EmbedBlock(help_text="A link to a video, post or map from a supported provider.")
    caption = blocks.CharBlock(required=False)

    class Meta:
        icon = "media"
        template = "newsroom/blocks/embed.html"
        label = "Embed"


class ArticleBodyBlock(blocks.StreamBlock):
    paragraph = ParagraphBlock(
        features=["bold", "italic", "link", "ol", "ul"], template="newsroom/blocks/paragraph.html"
    )
    heading = HeadingBlock(icon="title", template="newsroom/blocks/heading.html")
    quote = QuoteBlock()
    image = ImageBlock()
    embed = ArticleEmbedBlock()
    fact_box = FactBoxBlock()
    related_story = RelatedStoryBlock()
