"""The fields a consumer of the content API needs that are not plain model columns.

Each is a read-only DRF field given the whole page (`source="*"`), so the models stay free of
API concerns and the audio app's part is asked only here.
"""

from __future__ import annotations

from typing import Any

from django.apps import apps
from rest_framework.fields import Field

from lib.site_url import absolute_url

# Renditions every consumer gets for a hero or author image: (name, Wagtail filter spec).
RENDITIONS = (("thumbnail", "fill-400x225"), ("medium", "width-800"), ("large", "width-1600"))


def image_data(image: Any, *, alt: str = "") -> dict[str, Any] | None:
    if image is None:
        return None
    renditions = {}
    for name, spec in RENDITIONS:
        rendition = image.get_rendition(spec)
        renditions[name] = {"url": absolute_url(rendition.url), "width": rendition.width, "height": rendition.height}
    return {"id": image.pk, "title": image.title, "alt": alt, "renditions": renditions}


class AuthorsField(Field):
    def __init__(self, **kwargs: Any) -> None:
        super().__init__(source="*", read_only=True, **kwargs)

    def to_representation(self, page: Any) -> list[dict[str, Any]]:
        return [
            {"id": author.pk, "name": author.title, "role": author.role, "html_url": absolute_url(author.url)}
            for author in page.authors
        ]


class SectionField(Field):
    def __init__(self, **kwargs: Any) -> None:
        super().__init__(source="*", read_only=True, **kwargs)

    def to_representation(self, page: Any) -> dict[str, Any] | None:
        from newsroom.selectors import public_story

        section = public_story(page.section)  # a draft or restricted section is not named
        if section is None:
            return None
        return {"id": section.pk, "title": section.title, "slug": section.slug}


class TagsField(Field):
    def __init__(self, **kwargs: Any) -> None:
        super().__init__(source="*", read_only=True, **kwargs)

    def to_representation(self, page: Any) -> list[dict[str, str]]:
        return [{"name": tag.name, "slug": tag.slug} for tag in page.tags.all()]


class BodyHTMLField(Field):
    """The body as the site renders it (each block's own template), for consumers that show HTML."""

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(source="*", read_only=True, **kwargs)

    def to_representation(self, page: Any) -> str:
        return str(page.body)


class HeroImageField(Field):
    def __init__(self, **kwargs: Any) -> None:
        super().__init__(source="*", read_only=True, **kwargs)

    def to_representation(self, page: Any) -> dict[str, Any] | None:
        data = image_data(page.hero_image, alt=page.hero_alt_text)
        if data is not None:
            data.update(caption=page.hero_caption, credit=page.hero_credit)
        return data


class PhotoField(Field):
    def __init__(self, **kwargs: Any) -> None:
        super().__init__(source="*", read_only=True, **kwargs)

    def to_representation(self, page: Any) -> dict[str, Any] | None:
        return image_data(page.photo, alt=f"Portrait of {page.title}")


class AudioField(Field):
    """The narration's MP3 when it is ready (and the story public), else null."""

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(source="*", read_only=True, **kwargs)

    def to_representation(self, page: Any) -> dict[str, Any] | None:
        if not apps.is_installed("audio"):
            return None
        from audio.selectors import narration_for_player

        narration = narration_for_player(page)
        if narration is None:
            return None
        return {
            "url": absolute_url(narration.audio_url),
            "duration_seconds": round(narration.duration_seconds, 1),
            "size_bytes": narration.size_bytes,
            "mime_type": "audio/mpeg",
        }


class CorrectionsField(Field):
    """Corrections and updates, oldest first, as the article page's log shows them."""

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(source="*", read_only=True, **kwargs)

    def to_representation(self, page: Any) -> list[dict[str, Any]]:
        return [
            {"kind": update.kind, "happened_at": update.happened_at.isoformat(), "note": update.note}
            for update in page.update_log
        ]


class LinkedArticleField(Field):
    def __init__(self, **kwargs: Any) -> None:
        super().__init__(source="*", read_only=True, **kwargs)

    def to_representation(self, item: Any) -> dict[str, Any] | None:
        from newsroom.selectors import public_story

        story = public_story(item.article) if item.article_id else None
        if story is None:
            return None
        return {"id": story.pk, "title": story.title, "html_url": absolute_url(story.url)}


class SummaryHTMLField(Field):
    """A live page's "What we know" box as the site renders it (links expanded)."""

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(source="*", read_only=True, **kwargs)

    def to_representation(self, page: Any) -> str:
        from wagtail.rich_text import expand_db_html

        return expand_db_html(page.summary or "")


class LiveEntriesField(Field):
    """A live page's newest entries (LIVE_ENTRIES of them), pinned ones first, as the page shows
    them; each with its permalink. Older entries are on the page itself."""

    LIVE_ENTRIES = 50

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(source="*", read_only=True, **kwargs)

    def to_representation(self, page: Any) -> list[dict[str, Any]]:
        from live.selectors import entries_in_order, pinned_entries

        entries = [*pinned_entries(page), *entries_in_order(page)[: self.LIVE_ENTRIES]]
        page_address = absolute_url(page.url)
        return [
            {
                "id": entry.pk,
                "posted_at": entry.posted_at.isoformat(),
                "updated_at": entry.updated_at.isoformat(),
                "title": entry.title,
                "body": entry.body.get_prep_value(),
                "body_html": str(entry.body),
                "author": ({"id": entry.author.pk, "name": entry.author.title} if entry.author is not None else None),
                "pinned": entry.pinned,
                "key_event": entry.key_event,
                "html_url": f"{page_address}#{entry.anchor}",
            }
            for entry in entries
        ]
