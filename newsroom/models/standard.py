"""Plain pages such as About us, Contact and the corrections policy, linked from the footer."""

from __future__ import annotations

from wagtail.admin.panels import FieldPanel
from wagtail.fields import RichTextField
from wagtail.models import Page
from wagtail.search import index

from newsroom.models.privacy import RestrictionsFromGeneration


class StandardPage(RestrictionsFromGeneration, Page):
    body = RichTextField(features=["h2", "h3", "bold", "italic", "link", "ol", "ul"])

    parent_page_types = ["newsroom.HomePage", "newsroom.StandardPage"]
    content_panels = [*Page.content_panels, FieldPanel("body")]
    search_fields = [*Page.search_fields, index.SearchField("body")]

    class Meta:
        verbose_name = "standard page"
