"""The blocks an issue is written with. Each renders email-safe HTML (absolute links, plain
markup) with its own template in templates/newsletters/blocks/, used both in the email and
in the web version."""

from __future__ import annotations

from typing import Any

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


class LiveLatestBlock(blocks.StructBlock):
    """ "Latest from the live page": the live page's headline and its newest entries, each linked
    to its permalink. Read when the issue is rendered, so a send carries the entries of that
    moment; a draft or private live page renders nothing."""

    live_page = blocks.PageChooserBlock(page_type="live.LivePage")
    count = blocks.IntegerBlock(default=3, min_value=1, max_value=10, help_text="How many of the newest entries.")

    class Meta:
        icon = "time"
        template = "newsletters/blocks/live_latest.html"
        label = "Latest from the live page"

    def get_context(self, value: Any, parent_context: dict[str, Any] | None = None) -> dict[str, Any]:
        context = super().get_context(value, parent_context=parent_context)
        page = value["live_page"].specific if value["live_page"] else None
        if page is None or not page.live or page.get_view_restrictions().exists():
            context["coverage"] = None
            return context
        from live.selectors import latest_entries

        context["coverage"] = page
        context["entries"] = latest_entries(page, count=value["count"] or 3)
        return context


class IssueBodyBlock(blocks.StreamBlock):
    paragraph = blocks.RichTextBlock(
        features=["bold", "italic", "link", "ol", "ul"], template="newsletters/blocks/paragraph.html"
    )
    heading = blocks.CharBlock(icon="title", template="newsletters/blocks/heading.html")
    image = IssueImageBlock()
    article_card = ArticleCardBlock()
    live_latest = LiveLatestBlock()
