"""Plain-text rendering of an issue body, for the text/plain part of every issue email."""

from __future__ import annotations

import re
from typing import Any

from django import template
from django.utils.html import strip_tags

from newsletters.rendering import absolute

register = template.Library()

_LINK = re.compile(r'<a [^>]*href="([^"]+)"[^>]*>(.*?)</a>', re.S)


def _rich_text(markup: str) -> str:
    from wagtail.rich_text import expand_db_html

    html = expand_db_html(markup)
    html = _LINK.sub(lambda m: f"{m.group(2)} ({absolute(m.group(1))})", html)
    html = re.sub(r"</p>\s*|<br\s*/?>", "\n\n", html)
    html = re.sub(r"<li>", "* ", html)
    return re.sub(r"\n{3,}", "\n\n", strip_tags(html)).strip()


@register.filter
def make_rule(length: int) -> str:
    return "=" * int(length)


@register.filter
def stream_text(body: Any) -> str:
    parts = []
    for block in body:
        if block.block_type == "paragraph":
            parts.append(_rich_text(block.value.source))
        elif block.block_type == "heading":
            parts.append(f"{block.value}\n{'-' * len(block.value)}")
        elif block.block_type == "image":
            caption = block.value.get("caption") or ""
            parts.append(f"[Picture{': ' + caption if caption else ''}]")
        elif block.block_type == "article_card":
            story = block.value["article"]
            if story is not None:
                story = story.specific
                blurb = block.value.get("blurb") or getattr(story, "standfirst", "")
                parts.append(f"{story.title}\n{blurb}\nRead the story: {absolute(story.url)}")
        elif block.block_type == "live_latest":
            parts.append(_live_latest_text(block))
    return "\n\n".join(part for part in parts if part)


def _live_latest_text(block: Any) -> str:
    from django.urls import reverse

    context = block.block.get_context(block.value)
    coverage = context.get("coverage")
    if coverage is None:
        return ""
    lines = [f"LIVE: {coverage.title}"]
    from newsroom.templatetags.newsroom_tags import feed_time

    for entry in context["entries"]:
        lines.append(
            f"* {feed_time(entry.posted_at)} {entry.headline} ({absolute(reverse('live:entry', args=[entry.pk]))})"
        )
    lines.append(f"Follow the live page: {absolute(coverage.url)}")
    return "\n".join(lines)
