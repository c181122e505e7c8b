"""Authors: the people whose bylines appear on stories, each with a page of their work."""

from __future__ import annotations

from typing import Any

from django.db import models
from django.http import HttpRequest
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, InlinePanel
from wagtail.fields import RichTextField
from wagtail.models import Orderable, Page
from wagtail.search import index

from newsroom.models.privacy import RestrictionsFromGeneration
from newsroom.paginate import paginate


class AuthorIndexPage(RestrictionsFromGeneration, Page):
    """/authors/: everyone who writes for the newsroom."""

    intro = models.TextField(blank=True)

    parent_page_types = ["newsroom.HomePage"]
    subpage_types = ["newsroom.AuthorPage"]
    max_count = 1
    content_panels = [*Page.content_panels, FieldPanel("intro")]

    def get_context(self, request: HttpRequest, *args: Any, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context(request, *args, **kwargs)
        context["authors"] = AuthorPage.objects.child_of(self).live().select_related("photo").order_by("title")
        return context


class AuthorPage(RestrictionsFromGeneration, Page):
    """One person; the page title is their name."""

    role = models.CharField(max_length=120, blank=True, help_text="e.g. Senior correspondent")
    photo = models.ForeignKey("wagtailimages.Image", null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    bio = RichTextField(features=["bold", "italic", "link"], blank=True)

    parent_page_types = ["newsroom.AuthorIndexPage"]
    subpage_types: list[str] = []

    content_panels = [
        *Page.content_panels,
        FieldPanel("role"),
        FieldPanel("photo"),
        FieldPanel("bio"),
        InlinePanel("links", label="Links"),
    ]
    search_fields = [*Page.search_fields, index.SearchField("role"), index.SearchField("bio")]

    class Meta:
        verbose_name = "author"

    @property
    def name(self) -> str:
        return self.title

    def get_context(self, request: HttpRequest, *args: Any, **kwargs: Any) -> dict[str, Any]:
        from .articles import ArticlePage

        context = super().get_context(request, *args, **kwargs)
        from newsroom.selectors import attach_sections, exclude_private

        stories = exclude_private(ArticlePage.objects.live().filter(article_authors__author=self))
        stories = stories.order_by("-first_published_at")

        page_obj = paginate(request, ArticlePage.with_card_data(stories), per_page=12)
        page_obj.object_list = attach_sections(list(page_obj.object_list))
        context["page_obj"] = page_obj
        return context


class AuthorLink(Orderable):
    author = ParentalKey(AuthorPage, on_delete=models.CASCADE, related_name="links")
    label = models.CharField(max_length=60, help_text="e.g. Email, Mastodon, Website")
    url = models.CharField(max_length=300, help_text="A web address or mailto: link.")

    panels = [FieldPanel("label"), FieldPanel("url")]
