"""The content API's endpoints: Wagtail's API v2 view sets, one per kind of content.

Only live, public pages of the default site (never drafts, never privacy-restricted pages or
what is below them): Wagtail's own base queryset (`public().live()`) does that. The fields are
declared here, not on the models, so the API's shape is read in one place.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any, ClassVar

from django.core.exceptions import ValidationError as DjangoValidationError
from django.db import DataError
from django.db.models import Q, QuerySet
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.utils.dateparse import parse_datetime
from rest_framework.permissions import AllowAny
from rest_framework.renderers import JSONRenderer
from wagtail.api import APIField
from wagtail.api.v2.utils import BadRequestError
from wagtail.api.v2.views import BaseAPIViewSet, PagesAPIViewSet
from wagtail.images.api.v2.views import ImagesAPIViewSet
from wagtail.models import Page, Site

from content_api import fields, guard
from live.models import LivePage
from newsroom.models import ArticlePage, AuthorPage, NewsFeedItemPage, SectionPage

FILTERABLE = frozenset({"id", "slug", "title", "first_published_at", "last_published_at"})
MAX_ID = 2**63 - 1
MAX_OFFSET = 10**9


def _number(value: str) -> bool:
    # str.isdigit() is true for "²", which int() refuses.
    return value.isascii() and value.isdigit()


def _refused_parameters(request: HttpRequest) -> str | None:
    """Parameters no endpoint takes, checked for every view (Wagtail checks only listings)."""
    for name in ("type", "site"):
        if name in request.GET:
            return f"query parameter is not an operation or a recognised field: {name}"
    if any("\x00" in value for values in request.GET.lists() for value in values[1]) or "\x00" in request.path:
        return "Parameters may not contain NUL characters."
    return None


class GuardedMixin:
    """Rate limit, then the shared cache, then Wagtail's view; JSON only (no browsable HTML)."""

    renderer_classes: ClassVar[list[Any]] = [JSONRenderer]
    # Nobody is signed in to the API: not by the session cookie, not by HTTP Basic (which would
    # skip the second factor). Every answer is what an anonymous reader may see, so one stored
    # answer can serve everyone.
    authentication_classes: ClassVar[list[Any]] = []
    permission_classes: ClassVar[list[Any]] = [AllowAny]
    request: Any

    def dispatch(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        refused = guard.too_many(request)
        if refused is not None:
            return refused
        if int(kwargs.get("pk", 0)) > MAX_ID:
            # No row has such an id, and the database would refuse to compare with it.
            return JsonResponse({"message": "No public item has this id."}, status=404)
        problem = _refused_parameters(request)
        if problem is not None:
            return JsonResponse({"message": problem}, status=400)
        if request.method not in ("GET", "HEAD"):
            return super().dispatch(request, *args, **kwargs)  # type: ignore[misc]
        body = guard.cached(request)
        if body is not None:
            return guard.answer_from(request, body)
        response = super().dispatch(request, *args, **kwargs)  # type: ignore[misc]
        if hasattr(response, "render"):
            response.render()
        if response.status_code != 200:
            return response
        guard.store(request, response.content)
        return guard.answer_from(request, response.content)

    def handle_exception(self, exc: Exception) -> Any:
        # A value the database or a field cannot use (a date filter given "x", a 20-digit id in a
        # foreign-key filter, `find?id=abc`) is the caller's mistake, not a server error.
        if isinstance(exc, ValueError | OverflowError | DjangoValidationError | DataError):
            exc = BadRequestError(
                "A parameter has a value this endpoint cannot use; check it against /api/v2/openapi.json."
            )
        return super().handle_exception(exc)  # type: ignore[misc]

    def check_query_parameters(self, queryset: QuerySet[Any]) -> None:
        if self.request.GET.get("order", None) == "":
            raise BadRequestError("order needs a field name, e.g. order=-first_published_at.")
        offset = self.request.GET.get("offset", "0")
        if _number(offset) and int(offset) > MAX_OFFSET:
            # Beyond any listing, and beyond what the database can compare with.
            raise BadRequestError(f"offset must be at most {MAX_OFFSET}.")
        if self.request.GET.get("fields", None) == "":
            raise BadRequestError("fields needs a field name, `*` for all or `_` for none, e.g. fields=body_html.")
        super().check_query_parameters(queryset)  # type: ignore[misc]


class ContentPagesViewSet(GuardedMixin, PagesAPIViewSet):
    """A page type's endpoint: Wagtail's filters (fields, order, search, limit/offset) plus ours."""

    api_fields: ClassVar[list[APIField]] = []
    own_filters: ClassVar[frozenset[str]] = frozenset({"updated_since"})
    # "type" would let a caller ask this endpoint for another page type; each type has its own.
    known_query_parameters = PagesAPIViewSet.known_query_parameters.difference({"type", "site"}).union(
        {"updated_since"}
    )
    meta_fields = [*PagesAPIViewSet.meta_fields, "last_published_at"]
    listing_default_fields = [*PagesAPIViewSet.listing_default_fields, "last_published_at"]

    @classmethod
    def get_body_fields(cls, model: Any) -> list[Any]:
        return cls._convert_api_fields(cls.body_fields + list(cls.api_fields))

    @classmethod
    def get_available_fields(cls, model: Any, db_fields_only: bool = False) -> list[str]:
        fields = super().get_available_fields(model, db_fields_only=db_fields_only)
        if not db_fields_only:
            return fields
        # The columns that may be filtered (?slug=…) or ordered by; every other column of the
        # page tables is neither (a date column given "x" was a server error).
        return [name for name in fields if name in FILTERABLE]

    def get_base_queryset(self) -> QuerySet[Any]:
        # Wagtail's own base queryset lets a restricted page through for whoever passes the
        # restriction (a signed-in reader, a group member, the session that typed a password).
        # The API's answers are shared, so they are what an anonymous reader may see: live,
        # public pages of this site, whoever asks.
        site = Site.find_for_request(self.request)
        if site is None:
            return Page.objects.none()
        return Page.objects.live().public().descendant_of(site.root_page, inclusive=True)

    def get_queryset(self) -> QuerySet[Any]:
        queryset = super().get_queryset()
        since = self.request.GET.get("updated_since")
        if since is not None:
            moment = _datetime_or_error(since)
            queryset = queryset.filter(last_published_at__gte=moment)
        if "order" not in self.request.GET:
            queryset = queryset.order_by("-first_published_at", "-pk")
        return queryset


def _datetime_or_error(value: str) -> datetime:
    try:
        moment = parse_datetime(value)
    except ValueError:
        moment = None
    if moment is None or moment.tzinfo is None:
        raise BadRequestError("updated_since must be a date and time with its offset, e.g. 2026-12-01T08:00:00+00:00.")
    # In UTC: PostgreSQL refuses offsets beyond ±15:59, which ISO 8601 allows.
    try:
        return moment.astimezone(UTC)
    except OverflowError:
        raise BadRequestError("updated_since is out of range; give a year between 1 and 9999.") from None


class ArticlesViewSet(ContentPagesViewSet):
    name = "articles"
    model = ArticlePage
    known_query_parameters = ContentPagesViewSet.known_query_parameters.union({"section", "author", "tag"})
    api_fields: ClassVar[list[APIField]] = [
        APIField("standfirst"),
        APIField("authors", serializer=fields.AuthorsField()),
        APIField("section", serializer=fields.SectionField()),
        APIField("tags", serializer=fields.TagsField()),
        APIField("hero_image", serializer=fields.HeroImageField()),
        APIField("body"),
        APIField("body_html", serializer=fields.BodyHTMLField()),
        APIField("audio", serializer=fields.AudioField()),
        APIField("corrections", serializer=fields.CorrectionsField()),
        APIField("reading_minutes"),
        APIField("word_count"),
    ]
    listing_default_fields = [*ContentPagesViewSet.listing_default_fields, "standfirst", "authors", "section"]

    def get_queryset(self) -> QuerySet[Any]:
        queryset = super().get_queryset()
        params = self.request.GET
        if "section" in params:
            section = _section(params["section"])
            queryset = queryset.filter(path__startswith=section.path) if section else queryset.none()
        if "author" in params:
            author = params["author"]
            if not _number(author) or not 1 <= int(author) <= 10**15:
                raise BadRequestError("author must be an author's id (a whole number), e.g. author=12.")
            queryset = queryset.filter(article_authors__author_id=int(author))
        if "tag" in params:
            queryset = queryset.filter(tags__slug=params["tag"].strip().lower())
        return queryset.distinct() if "author" in params or "tag" in params else queryset


def _section(value: str) -> SectionPage | None:
    found = SectionPage.objects.live().public()
    if _number(value) and len(value) <= 18:
        return found.filter(Q(pk=int(value)) | Q(slug=value)).first()
    return found.filter(slug=value).first()


class NewsFeedViewSet(ContentPagesViewSet):
    name = "news"
    model = NewsFeedItemPage
    api_fields: ClassVar[list[APIField]] = [
        APIField("summary"),
        APIField("article", serializer=fields.LinkedArticleField()),
    ]
    listing_default_fields = [*ContentPagesViewSet.listing_default_fields, "summary", "article"]


class LivePagesViewSet(ContentPagesViewSet):
    """Live coverage (live/): the page's fields and its newest entries, pinned first."""

    name = "live"
    model = LivePage
    api_fields: ClassVar[list[APIField]] = [
        APIField("standfirst"),
        APIField("status"),
        APIField("coverage_started_at"),
        APIField("coverage_ended_at"),
        APIField("summary_html", serializer=fields.SummaryHTMLField()),
        APIField("section", serializer=fields.SectionField()),
        APIField("entries", serializer=fields.LiveEntriesField()),
    ]
    listing_default_fields = [*ContentPagesViewSet.listing_default_fields, "standfirst", "status"]


class AuthorsViewSet(ContentPagesViewSet):
    name = "authors"
    model = AuthorPage
    api_fields: ClassVar[list[APIField]] = [
        APIField("role"),
        APIField("photo", serializer=fields.PhotoField()),
    ]
    listing_default_fields = [*ContentPagesViewSet.listing_default_fields, "role"]

    def get_queryset(self) -> QuerySet[Any]:
        queryset = super().get_queryset()
        return queryset.order_by("title", "pk") if "order" not in self.request.GET else queryset


class SectionsViewSet(ContentPagesViewSet):
    name = "sections"
    model = SectionPage
    api_fields: ClassVar[list[APIField]] = [APIField("description")]
    listing_default_fields = [*ContentPagesViewSet.listing_default_fields, "description"]

    def get_queryset(self) -> QuerySet[Any]:
        queryset = super().get_queryset()
        return queryset.order_by("path") if "order" not in self.request.GET else queryset


class ImagesViewSet(GuardedMixin, ImagesAPIViewSet):
    """The pictures public stories and journalists' pages show, not the whole library.

    Images uploaded for drafts, embargoed or restricted stories stay out, and no original file
    (download_url) is offered: it may carry the camera's location. Renditions are in the
    articles' and authors' answers."""

    name = "images"
    body_fields = [*BaseAPIViewSet.body_fields, "title", "width", "height"]
    meta_fields = [*BaseAPIViewSet.meta_fields, "tags"]
    listing_default_fields = [*BaseAPIViewSet.listing_default_fields, "title", "tags"]

    def get_queryset(self) -> QuerySet[Any]:
        from newsroom.selectors import exclude_private

        public = Page.objects.live().public()
        hero = exclude_private(ArticlePage.objects.filter(pk__in=public.values("pk"))).values("hero_image_id")
        photo = exclude_private(AuthorPage.objects.filter(pk__in=public.values("pk"))).values("photo_id")
        return super().get_queryset().filter(Q(pk__in=hero) | Q(pk__in=photo))
