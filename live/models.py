"""Live coverage: a live page that grows by the minute, and the entries reporters add to it.

An entry is its own row (a snippet with revisions), not a block in the page's StreamField: a
reporter adds or corrects one without republishing the page, several reporters work on
different entries at once without overwriting each other, and each entry keeps its own history
and log. Entries are shown as soon as they are saved (a live blog has no drafts); the page
itself is published once, like any other, and its summary box and status are edited there.
"""

from __future__ import annotations

from datetime import datetime
from functools import cached_property
from typing import Any

from django.db import models
from django.http import HttpRequest
from django.utils import timezone
from django.utils.html import format_html
from wagtail.admin.panels import FieldPanel, MultiFieldPanel, Panel, TitleFieldPanel
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page, RevisionMixin
from wagtail.search import index

from live.blocks import LiveEntryBodyBlock
from newsroom.models.articles import AuthorChooser
from newsroom.models.privacy import RestrictionsFromGeneration

# Entries per page of the stream; older ones are on ?page=2, 3 … (permalinks find the right one).
ENTRIES_PER_PAGE = 30


class EntriesPanel(Panel):
    """Links from the live page's edit screen to its entries: add one, or see them all."""

    class BoundPanel(Panel.BoundPanel):
        def render_html(self, parent_context: Any = None) -> str:
            page = self.instance
            if not page or not page.pk:
                return format_html("<p>{}</p>", "Save the live page once; then reporters can add entries to it.")
            from django.urls import reverse

            listing = reverse("wagtailsnippets_live_liveentry:list") + f"?page={page.pk}"
            add = reverse("wagtailsnippets_live_liveentry:add") + f"?live_page={page.pk}"
            return format_html(
                '<p><a class="button" href="{}">Add entry</a> <a class="button button-secondary" href="{}">'
                "All entries of this page</a></p><p>{}</p>",
                add,
                listing,
                "Each entry is saved on its own and appears on the page within seconds; "
                "the page itself needs publishing only for the headline, summary and status.",
            )


class LivePage(RestrictionsFromGeneration, Page):
    """Live coverage of one running story. The page title is its headline."""

    class Status(models.TextChoices):
        LIVE = "live", "Live"
        ENDED = "ended", "Ended"

    standfirst = models.TextField(help_text="One or two sentences under the headline that say what is happening.")
    status = models.CharField(
        max_length=8,
        choices=Status.choices,
        default=Status.LIVE,
        help_text="Live while reporters are adding entries; Ended when coverage stops (readers stop polling).",
    )
    summary = RichTextField(
        features=["bold", "italic", "link", "ul", "ol"],
        blank=True,
        help_text="“What we know”: the state of the story in a few points, kept current. Narration reads this box.",
    )
    coverage_started_at = models.DateTimeField(default=timezone.now, help_text="When live coverage began.")
    coverage_ended_at = models.DateTimeField(null=True, blank=True, help_text="When it ended; empty while live.")
    hero_image = models.ForeignKey(
        "wagtailimages.Image", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    hero_alt = models.CharField(
        max_length=300, blank=True, help_text="Describe the picture for readers who cannot see it."
    )

    parent_page_types = ["newsroom.SectionPage", "newsroom.HomePage"]
    subpage_types: list[str] = []

    content_panels = [
        TitleFieldPanel("title", heading="Headline", placeholder="Headline*"),
        FieldPanel("standfirst"),
        MultiFieldPanel(
            [FieldPanel("status"), FieldPanel("coverage_started_at"), FieldPanel("coverage_ended_at")],
            heading="Coverage",
        ),
        FieldPanel("summary", heading="What we know"),
        MultiFieldPanel([FieldPanel("hero_image"), FieldPanel("hero_alt")], heading="Picture (optional)"),
        EntriesPanel(heading="Entries"),
    ]

    search_fields = [
        *Page.search_fields,
        index.SearchField("standfirst", boost=2),
        index.SearchField("summary"),
        index.FilterField("first_published_at"),
    ]

    class Meta:
        verbose_name = "live page"

    # Read by newsroom's head and feeds, which do not import this app.
    is_live_coverage = True

    def live_blog_posting(self, request: HttpRequest) -> dict[str, Any]:
        from live.structured_data import live_blog_posting

        return live_blog_posting(self, request)

    @property
    def is_live(self) -> bool:
        return self.status == self.Status.LIVE

    @property
    def section(self) -> Page | None:
        """The section it is filed under, or None when it hangs off the home page."""
        from newsroom.models import SectionPage

        parent = self.get_parent()
        return parent if parent is not None and isinstance(parent.specific_deferred, SectionPage) else None

    @property
    def excerpt(self) -> str:
        return self.standfirst

    @property
    def hero_alt_text(self) -> str:
        image = self.hero_image
        return self.hero_alt or ((getattr(image, "description", "") or image.title) if image else "")

    @cached_property
    def authors(self) -> list[Any]:
        """The journalists who wrote entries, in the order they first did (bylines, feeds, JSON-LD)."""
        from newsroom.models import AuthorPage

        ids = list(
            self.entries.exclude(author=None).order_by("posted_at").values_list("author_id", flat=True).distinct()
        )
        found = {author.pk: author for author in AuthorPage.objects.live().filter(pk__in=ids)}
        seen: list[Any] = []
        for pk in ids:
            if pk in found and found[pk] not in seen:
                seen.append(found[pk])
        return seen

    @property
    def last_entry_at(self) -> datetime | None:
        return self.entries.aggregate(latest=models.Max("updated_at"))["latest"]

    def get_context(self, request: HttpRequest, *args: Any, **kwargs: Any) -> dict[str, Any]:
        from live.selectors import live_page_view
        from newsroom.models.articles import _user_can_edit
        from newsroom.site_chrome import chrome_for

        context = super().get_context(request, *args, **kwargs)
        context.update(live_page_view(self, request))
        context["news_feed_items"] = chrome_for(request).news_feed_items[:6]
        context["can_edit"] = _user_can_edit(request, self)
        return context


class LiveEntry(RevisionMixin, models.Model):
    """One entry of a live page: a time, an optional title, a body, its author, and two flags."""

    page = models.ForeignKey(LivePage, on_delete=models.CASCADE, related_name="entries", verbose_name="live page")
    posted_at = models.DateTimeField(
        default=timezone.now, db_index=True, help_text="The time printed on the entry; entries are shown newest first."
    )
    title = models.CharField(max_length=200, blank=True, help_text="Optional: a few words in bold above the entry.")
    body = StreamField(LiveEntryBodyBlock())
    author = models.ForeignKey(
        "newsroom.AuthorPage", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    pinned = models.BooleanField(default=False, help_text="Keep this entry at the top of the page.")
    key_event = models.BooleanField(default=False, help_text="List this entry under “Key events”.")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True, help_text="Changes when the entry is corrected.")

    panels = [
        FieldPanel("page"),
        FieldPanel("posted_at"),
        FieldPanel("title"),
        FieldPanel("body"),
        FieldPanel("author", widget=AuthorChooser),
        MultiFieldPanel([FieldPanel("pinned"), FieldPanel("key_event")], heading="Placement"),
    ]

    class Meta:
        verbose_name = "live entry"
        verbose_name_plural = "live entries"
        indexes = [models.Index(fields=["page", "-posted_at"], name="live_entry_page_posted")]

    def __str__(self) -> str:
        label = self.title or timezone.localtime(self.posted_at).strftime("%H:%M")
        return f"{label} ({self.page.title})" if self.page_id else label

    @property
    def was_corrected(self) -> bool:
        """Changed after it was first saved (a minute's grace for typos fixed straight away)."""
        return (self.updated_at - self.created_at).total_seconds() > 60

    @property
    def anchor(self) -> str:
        return f"entry-{self.pk}"

    @property
    def headline(self) -> str:
        """The entry's title, or its first words: what the key-events list and feeds show."""
        if self.title:
            return self.title
        from live.selectors import entry_plain_text

        words = entry_plain_text(self).split()
        return " ".join(words[:14]) + ("…" if len(words) > 14 else "")
