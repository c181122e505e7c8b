"""The content API's OpenAPI 3.1 description, served at /api/v2/openapi.json.

Written out rather than generated: Wagtail's view sets build their serializers per request, so
no generator sees the fields; this file is the contract, and the suite runs schemathesis
against it (content_api/tests/test_schemathesis.py), so it cannot drift from what is served.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.http import HttpRequest, JsonResponse

from lib.site_url import site_url


def _nullable(schema: dict[str, Any]) -> dict[str, Any]:
    return {"anyOf": [schema, {"type": "null"}]}


STRING = {"type": "string"}
INTEGER = {"type": "integer"}
DATETIME = {"type": "string", "format": "date-time"}
URL = {"type": "string", "format": "uri"}

RENDITION = {
    "type": "object",
    "required": ["url", "width", "height"],
    "properties": {"url": URL, "width": INTEGER, "height": INTEGER},
}
IMAGE = {
    "type": "object",
    "required": ["id", "alt", "renditions"],
    "properties": {
        "id": INTEGER,
        "title": STRING,
        "alt": STRING,
        "caption": STRING,
        "credit": STRING,
        "renditions": {"type": "object", "additionalProperties": RENDITION},
    },
}
META = {
    "type": "object",
    "required": ["type", "detail_url"],
    "properties": {
        "type": STRING,
        "detail_url": URL,
        "html_url": _nullable(URL),
        "slug": STRING,
        "first_published_at": _nullable(DATETIME),
        "last_published_at": _nullable(DATETIME),
    },
}


def _page(properties: dict[str, Any]) -> dict[str, Any]:
    return {
        "type": "object",
        # Nothing is required: `fields=_` asks for items without even an id.
        "properties": {"id": INTEGER, "meta": META, "title": STRING, **properties},
    }


ARTICLE = _page(
    {
        "standfirst": STRING,
        "authors": {
            "type": "array",
            "items": {
                "type": "object",
                "required": ["id", "name"],
                "properties": {"id": INTEGER, "name": STRING, "role": STRING, "html_url": URL},
            },
        },
        "section": _nullable({"type": "object", "properties": {"id": INTEGER, "title": STRING, "slug": STRING}}),
        "tags": {"type": "array", "items": {"type": "object", "properties": {"name": STRING, "slug": STRING}}},
        "hero_image": _nullable(IMAGE),
        "body": {
            "type": "array",
            "description": "Wagtail StreamField blocks: {type, value, id}.",
            "items": {"type": "object", "required": ["type", "value"]},
        },
        "body_html": STRING,
        "audio": _nullable(
            {
                "type": "object",
                "required": ["url", "duration_seconds"],
                "properties": {"url": URL, "duration_seconds": {"type": "number"}, "mime_type": STRING},
            }
        ),
        "corrections": {
            "type": "array",
            "items": {
                "type": "object",
                "properties": {"kind": {"enum": ["update", "correction"]}, "happened_at": DATETIME, "note": STRING},
            },
        },
        "reading_minutes": INTEGER,
        "word_count": INTEGER,
    }
)
NEWS_ITEM = _page(
    {
        "summary": STRING,
        "article": _nullable({"type": "object", "properties": {"id": INTEGER, "title": STRING, "html_url": URL}}),
    }
)
LIVE_ENTRY = {
    "type": "object",
    "required": ["id", "posted_at", "updated_at", "pinned", "key_event", "html_url"],
    "properties": {
        "id": INTEGER,
        "posted_at": DATETIME,
        "updated_at": DATETIME,
        "title": STRING,
        "body": {
            "type": "array",
            "description": "Wagtail StreamField blocks: {type, value, id} (paragraph, quote, image, embed).",
            "items": {"type": "object", "required": ["type", "value"]},
        },
        "body_html": STRING,
        "author": _nullable({"type": "object", "properties": {"id": INTEGER, "name": STRING}}),
        "pinned": {"type": "boolean"},
        "key_event": {"type": "boolean"},
        "html_url": URL,
    },
}
LIVE_PAGE = _page(
    {
        "standfirst": STRING,
        "status": {"enum": ["live", "ended"]},
        "coverage_started_at": DATETIME,
        "coverage_ended_at": _nullable(DATETIME),
        "summary_html": STRING,
        "section": _nullable({"type": "object", "properties": {"id": INTEGER, "title": STRING, "slug": STRING}}),
        "entries": {
            "type": "array",
            "description": "The newest 50 entries, pinned ones first.",
            "items": LIVE_ENTRY,
        },
    }
)
AUTHOR = _page({"role": STRING, "photo": _nullable(IMAGE)})
SECTION = _page({"description": STRING})
IMAGE_ITEM = {
    "type": "object",
    "properties": {"id": INTEGER, "title": STRING, "width": INTEGER, "height": INTEGER, "meta": {"type": "object"}},
}
ERROR = {"type": "object", "required": ["message"], "properties": {"message": STRING}}


def _listing(item: dict[str, Any]) -> dict[str, Any]:
    return {
        "type": "object",
        "required": ["meta", "items"],
        "properties": {
            "meta": {"type": "object", "required": ["total_count"], "properties": {"total_count": INTEGER}},
            "items": {"type": "array", "items": item},
        },
    }


def _parameters(fields: list[str], orderable: list[str], extra: list[dict[str, Any]]) -> list[dict[str, Any]]:
    limit_max = getattr(settings, "WAGTAILAPI_LIMIT_MAX", 50)
    return [
        {
            "name": "limit",
            "in": "query",
            "description": f"Items per answer, at most {limit_max} (20 if not given).",
            "schema": {"type": "integer", "minimum": 0, "maximum": limit_max},
        },
        {"name": "offset", "in": "query", "schema": {"type": "integer", "minimum": 0, "maximum": 10**9}},
        {
            "name": "fields",
            "in": "query",
            "description": "A field to add to each item, `*` for all of them, `_` for none but id and meta. "
            "Several may be given separated by commas.",
            "schema": {"enum": ["*", "_", *fields]},
        },
        {
            "name": "order",
            "in": "query",
            "description": "A field to order by, `-` in front for descending (default: newest first).",
            "schema": {"enum": [f"{sign}{name}" for name in orderable for sign in ("", "-")]},
        },
        *extra,
    ]


PAGE_ORDER = ["id", "title", "first_published_at", "last_published_at"]


UPDATED_SINCE = {
    "name": "updated_since",
    "in": "query",
    "description": "Only pages published or republished at or after this moment (with its offset).",
    "schema": DATETIME,
}


def _json(schema: dict[str, Any]) -> dict[str, Any]:
    return {"application/json": {"schema": schema}}


def _endpoint(
    name: str, item: dict[str, Any], summary: str, extra: list[dict[str, Any]], *, orderable: list[str] = PAGE_ORDER
) -> dict[str, Any]:
    fields = sorted(set(item["properties"]) - {"id", "meta"})
    errors = {
        "400": {"description": "A parameter is not understood; the message says which.", "content": _json(ERROR)},
        "429": {"description": "Too many requests from this address; see Retry-After.", "content": _json(ERROR)},
    }
    return {
        f"/api/v2/{name}/": {
            "get": {
                "summary": summary,
                "operationId": f"list_{name}",
                "parameters": _parameters(fields, orderable, extra),
                "responses": {"200": {"description": "A page of items.", "content": _json(_listing(item))}, **errors},
            }
        },
        f"/api/v2/{name}/{{id}}/": {
            "get": {
                "summary": f"One of {name} by id.",
                "operationId": f"get_{name}",
                "parameters": [{"name": "id", "in": "path", "required": True, "schema": INTEGER}],
                "responses": {
                    "200": {"description": "The item.", "content": _json(item)},
                    "404": {"description": "No public item has this id.", "content": _json(ERROR)},
                    "429": errors["429"],
                },
            }
        },
    }


def description() -> dict[str, Any]:
    article_filters = [
        {"name": "section", "in": "query", "description": "A section's id or slug.", "schema": STRING},
        {
            "name": "author",
            "in": "query",
            "description": "An author's id.",
            "schema": {"type": "integer", "minimum": 1, "maximum": 10**15},
        },
        {"name": "tag", "in": "query", "description": "A tag's slug.", "schema": STRING},
        UPDATED_SINCE,
    ]
    paths: dict[str, Any] = {}
    paths |= _endpoint("articles", ARTICLE, "Published, public articles, newest first.", article_filters)
    paths |= _endpoint("news", NEWS_ITEM, "News-feed items, newest first.", [UPDATED_SINCE])
    paths |= _endpoint(
        "live", LIVE_PAGE, "Live coverage pages with their newest entries, newest first.", [UPDATED_SINCE]
    )
    paths |= _endpoint("authors", AUTHOR, "The newsroom's journalists.", [UPDATED_SINCE])
    paths |= _endpoint("sections", SECTION, "Sections, in menu order.", [UPDATED_SINCE])
    paths |= _endpoint("images", IMAGE_ITEM, "Images.", [], orderable=["id", "title"])
    return {
        "openapi": "3.1.0",
        "info": {
            "title": "Masthead content API",
            "version": "2",
            "description": "Read-only JSON of the newsroom's published, public content (docs/api.md). "
            "`search=words` also works on every page endpoint, but not together with `order`.",
        },
        "servers": [{"url": site_url()}],
        "paths": paths,
    }


def openapi_view(request: HttpRequest) -> JsonResponse:
    return JsonResponse(description())
