"""/tags/<slug>/: the stories carrying one tag, newest first, in the section pages' look.

Not a page in Wagtail's tree: tags are taggit rows an editor types on the Promote tab, so the
page exists for as long as one live, public story carries the tag (otherwise a 404, which is
also what a tag used only on private stories answers: its name is not shown anywhere public).
"""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from taggit.models import Tag
from wagtail.models import Site

from lib.site_url import absolute_url, page_url
from newsroom.models import NewsroomSettings
from newsroom.page_cache import reader_cacheable
from newsroom.paginate import paginate
from newsroom.selectors import attach_sections, tag_stories

PER_PAGE = 12  # as a section page


@reader_cacheable
def tag_page(request: HttpRequest, slug: str) -> HttpResponse:
    site = Site.find_for_request(request)
    # A NUL in the slug never gets here (lib/nul_guard.py).
    tag = Tag.objects.filter(slug=slug[:100]).first() if site is not None else None
    if site is None or tag is None:
        return _no_such_tag(request)
    page_obj = paginate(request, tag_stories(site, tag), per_page=PER_PAGE)
    if not page_obj.paginator.count:
        return _no_such_tag(request)
    attach_sections(page_obj.object_list)  # type: ignore[arg-type]
    name = NewsroomSettings.for_request(request).name
    url = reverse("tag", args=[tag.slug])
    feeds = {
        "title": f"{name}: {tag.name}",
        "rss": reverse("feeds:tag-rss", args=[tag.slug]),
        "atom": reverse("feeds:tag-atom", args=[tag.slug]),
    }
    context: dict[str, Any] = {
        "tag": tag,
        "page_obj": page_obj,
        "tag_feed": feeds,
        # What {% reader_head %} prints for a view that is not a Wagtail page.
        "head_title": tag.name,
        "head_description": f"Stories about {tag.name} from {name}, newest first.",
        "head_canonical": absolute_url(url if page_obj.number == 1 else f"{url}?page={page_obj.number}"),
        "head_feeds": [feeds],
        "head_breadcrumbs": [(site.root_page.title, page_url(site.root_page, request)), (tag.name, absolute_url(url))],
    }
    return render(request, "newsroom/tag_page.html", context)


def _no_such_tag(request: HttpRequest) -> HttpResponse:
    """The site's 404 page, saying what to try instead."""
    context = {
        "error_heading": "No stories with this tag",
        "error_text": "Nothing we have published carries this tag; it may have been renamed or removed. "
        "Search for the topic, or start from the front page.",
    }
    return render(request, "404.html", context, status=404)
