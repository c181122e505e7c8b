"""The blocks an issue is written with. Each renders email-safe HTML (absolute links, plain
markup) with its own template in templates/newsletters/blocks/, used both in the email and
in the web version."""

from __future__ import annotations

from wagtail import blocks
from wagtail.images.blocks import ImageChooserBlock


class IssueImageBlock(blocks.StructBlock):
    image = ImageChooserBlock()
    caption = blocks.CharBlock(required=False)
    alt = blocks.CharBlock(required=False, help_text="Describe the picture for readers who cannot see it.")

    class Meta:
        icon = "image"
        template = "newsletters/blocks/image.html"


class ArticleCardBlock(blocks.StructBlock):
    article = blocks.PageChooserBlock(page_type="newsroom.ArticlePage")
    blurb = blocks.TextBlock(required=False, help_text="Why read it. Empty means the article's standfirst.")

    class Meta:
        icon = "link"
        template = "newsletters/blocks/article_card.html"
        label = "Article card"


class IssueBodyBlock(blocks.StreamBlock):
    paragraph = blocks.RichTextBlock(
        features=["bold", "italic", "link", "ol", "ul"], template="newsletters/blocks/paragraph.html"
    )
    heading = blocks.CharBlock(icon="title", template="newsletters/blocks/heading.html")
    image = IssueImageBlock()
    article_card = ArticleCardBlock()
