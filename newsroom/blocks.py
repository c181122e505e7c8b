"""The blocks an article body is made of; each renders with its own template in blocks/."""

from __future__ import annotations

from django.utils.html import strip_tags
from wagtail import blocks
from wagtail.embeds.blocks import EmbedBlock
from wagtail.images.blocks import ImageChooserBlock


class QuoteBlock(blocks.StructBlock):
    text = blocks.TextBlock()
    attribution = blocks.CharBlock(required=False, help_text="Who said it, e.g. 'Mara Holt, mayor of Sorvik'.")

    class Meta:
        icon = "openquote"
        template = "newsroom/blocks/quote.html"


class ImageBlock(blocks.StructBlock):
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


class FactBoxBlock(blocks.StructBlock):
    title = blocks.CharBlock()
    items = blocks.ListBlock(blocks.CharBlock(label="Fact"))

    class Meta:
        icon = "list-ul"
        template = "newsroom/blocks/fact_box.html"


class RelatedStoryBlock(blocks.StructBlock):
    article = blocks.PageChooserBlock(page_type="newsroom.ArticlePage")

    class Meta:
        icon = "link"
        template = "newsroom/blocks/related_story.html"
        label = "Related story card"


class ArticleEmbedBlock(blocks.StructBlock):
    url = EmbedBlock(help_text="A link to a video, post or map from a supported provider.")
    caption = blocks.CharBlock(required=False)

    class Meta:
        icon = "media"
        template = "newsroom/blocks/embed.html"
        label = "Embed"


class ArticleBodyBlock(blocks.StreamBlock):
    paragraph = blocks.RichTextBlock(
        features=["bold", "italic", "link", "ol", "ul"], template="newsroom/blocks/paragraph.html"
    )
    heading = blocks.CharBlock(icon="title", template="newsroom/blocks/heading.html")
    quote = QuoteBlock()
    image = ImageBlock()
    embed = ArticleEmbedBlock()
    fact_box = FactBoxBlock()
    related_story = RelatedStoryBlock()


# Blocks whose words a reader reads in the running text (captions, cards and embeds are not).
READ_BLOCK_TYPES = {"paragraph", "heading", "quote", "fact_box"}


def block_plain_text(block_type: str, value: object) -> str:
    """The words of one body block as a reader reads them, without markup."""
    if block_type == "paragraph":
        return strip_tags(getattr(value, "source", str(value)))
    if block_type == "heading":
        return str(value)
    if block_type == "quote":
        return f"{value['text']} {value['attribution']}"  # type: ignore[index]
    if block_type == "fact_box":
        return " ".join([value["title"], *value["items"]])  # type: ignore[index]
    return ""
