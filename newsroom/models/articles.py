"""Articles: the stories the newsroom publishes, with bylines, a hero image and an update log."""

from __future__ import annotations

from datetime import datetime
from functools import cached_property
from typing import Any

from django.db import models
from django.db.models import Prefetch, QuerySet
from django.http import HttpRequest
from django.utils import timezone
from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey
from taggit.models import TaggedItemBase
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel, TitleFieldPanel
from wagtail.admin.widgets import AdminPageChooser
from wagtail.fields import StreamField
from wagtail.models import Orderable, Page
from wagtail.search import index

from newsroom.block_text import stream_plain_texts
from newsroom.blocks import ArticleBodyBlock
from newsroom.models.privacy import RestrictionsFromGeneration
from newsroom.reading import count_words, reading_minutes


class AuthorChooser(AdminPageChooser):
    """Wagtail's page chooser limited to journalists, saying so ("Choose an author", not
    "Choose a page (Author)")."""

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(target_models=["newsroom.AuthorPage"], **kwargs)
        self.choose_one_text = "Choose an author"
        self.choose_another_text = "Choose another author"


class ArticleTag(TaggedItemBase):
    content_object = ParentalKey("newsroom.ArticlePage", on_delete=models.CASCADE, related_name="tagged_items")


class ArticlePage(RestrictionsFromGeneration, Page):
    """A story. The page title is the headline; the parent section is the story's section."""

    standfirst = models.TextField(help_text="One or two sentences under the headline that say what the story is.")
    hero_image = models.ForeignKey(
        "wagtailimages.Image", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    hero_caption = models.CharField(max_length=400, blank=True)
    hero_credit = models.CharField(max_length=200, blank=True, help_text="Photographer and agency.")
    hero_alt = models.CharField(
        max_length=300,
        blank=True,
        help_text="Describe the picture for readers who cannot see it. Defaults to the image's description.",
    )
    body = StreamField(ArticleBodyBlock())
    tags = ClusterTaggableManager(through=ArticleTag, blank=True)
    narration_enabled = models.BooleanField(
        default=True, help_text="Read this story aloud with the newsroom's AI voice."
    )

    parent_page_types = ["newsroom.SectionPage"]
    subpage_types: list[str] = []

    content_panels = [
        # TitleFieldPanel, not FieldPanel: it carries Wagtail's title→slug sync (w-sync), so a new
        # story gets its slug from the headline and saves on the first try.
        TitleFieldPanel("title", heading="Headline", placeholder="Headline*"),
        FieldPanel("standfirst"),
        # `label` names one child ("Author 1", "Add author"), `heading` the whole panel.
        InlinePanel("article_authors", heading="Authors", label="Author", min_num=1),
        MultiFieldPanel(
            [
                FieldPanel("hero_image", heading="Picture"),
                FieldPanel("hero_caption", heading="Caption"),
                FieldPanel("hero_credit", heading="Credit"),
                FieldPanel("hero_alt", heading="Alt text"),
            ],
            heading="Hero image",
        ),
        FieldPanel("body"),
        InlinePanel("updates", heading="Updates and corrections", label="Update or correction"),
    ]
    promote_panels = [*Page.promote_panels, FieldPanel("tags"), FieldPanel("narration_enabled")]

    search_fields = [
        *Page.search_fields,
        index.SearchField("standfirst", boost=2),
        index.SearchField("body"),
        index.RelatedFields("tags", [index.SearchField("name")]),
        index.FilterField("first_published_at"),
    ]

    class Meta:
        verbose_name = "article"

    # --- what the page shows ------------------------------------------------------------------

    @property
    def headline(self) -> str:
        return self.title

    @property
    def published_at(self) -> datetime | None:
        return self.first_published_at

    @cached_property
    def authors(self) -> list[Any]:
        links = self.article_authors.all()
        if not getattr(self, "_prefetched_objects_cache", {}).get("article_authors"):
            # A page fetched by Wagtail's router has nothing prefetched: one query for both tables.
            links = links.select_related("author")
        return [link.author for link in links if link.author is not None]

    @cached_property
    def word_count(self) -> int:
        return count_words(stream_plain_texts(self.body))

    @property
    def reading_minutes(self) -> int:
        return reading_minutes(self.word_count)

    @cached_property
    def update_log(self) -> list[ArticleUpdate]:
        """Updates and corrections, newest first, as printed under the story."""
        return sorted(self.updates.all(), key=lambda update: update.happened_at, reverse=True)

    @property
    def last_updated_at(self) -> datetime | None:
        log = self.update_log
        return log[0].happened_at if log else None

    @property
    def corrections(self) -> list[ArticleUpdate]:
        return [update for update in self.update_log if update.kind == ArticleUpdate.Kind.CORRECTION]

    @property
    def section(self) -> Page | None:
        return self.get_parent()

    @property
    def hero_alt_text(self) -> str:
        if self.hero_alt:
            return self.hero_alt
        image = self.hero_image
        return (getattr(image, "description", "") or image.title) if image else ""

    @property
    def excerpt(self) -> str:
        return self.standfirst

    @classmethod
    def with_card_data(cls, queryset: QuerySet[ArticlePage]) -> QuerySet[ArticlePage]:
        """Everything a story card shows, fetched in a fixed number of queries."""
        return (
            queryset.defer_streamfields()  # type: ignore[attr-defined]
            .select_related("hero_image")
            .prefetch_related(
                Prefetch(
                    "article_authors",
                    queryset=ArticleAuthor.objects.select_related("author").order_by("sort_order"),
                ),
                "hero_image__renditions",
            )
        )

    def get_context(self, request: HttpRequest, *args: Any, **kwargs: Any) -> dict[str, Any]:
        from newsroom.site_chrome import chrome_for

        context = super().get_context(request, *args, **kwargs)
        context["news_feed_items"] = chrome_for(request).news_feed_items[:6]
        context["can_edit"] = _user_can_edit(request, self)
        return context


def _user_can_edit(request: HttpRequest, page: Page) -> bool:
    """Only signed-in staff with edit rights see "Edit post"; a reader's request is never asked."""
    if "sessionid" not in request.COOKIES:
        return False
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated or not user.has_perm("wagtailadmin.access_admin"):
        return False
    return page.permissions_for_user(user).can_edit()


class ArticleAuthor(Orderable):
    article = ParentalKey(ArticlePage, on_delete=models.CASCADE, related_name="article_authors")
    author = models.ForeignKey("newsroom.AuthorPage", on_delete=models.CASCADE, related_name="+")

    panels = [FieldPanel("author", widget=AuthorChooser)]  # the class: built once the models are ready


class ArticleUpdate(Orderable):
    """A dated note under a story: new facts (update) or a fixed mistake (correction)."""

    class Kind(models.TextChoices):
        UPDATE = "update", "Update"
        CORRECTION = "correction", "Correction"

    article = ParentalKey(ArticlePage, on_delete=models.CASCADE, related_name="updates")
    kind = models.CharField(max_length=12, choices=Kind.choices, default=Kind.UPDATE)
    happened_at = models.DateTimeField(default=timezone.now, help_text="When the story was changed.")
    note = models.TextField(help_text="What changed, in a sentence or two.")

    panels = [FieldPanel("kind"), FieldPanel("happened_at"), FieldPanel("note")]

    class Meta(Orderable.Meta):
        verbose_name = "update or correction"
