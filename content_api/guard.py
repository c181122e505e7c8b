"""What every content API answer goes through: a per-client rate limit, then a shared cache.

A cached answer is keyed by the page-cache generation (newsroom/page_cache.py), so a publish,
unpublish or privacy change anywhere stops every stored answer at once, exactly as for reader
pages. Answers carry an ETag: a client that sends it back gets a 304 without a body.
"""

from __future__ import annotations

import hashlib
from typing import Any
from urllib.parse import urlencode

from django.conf import settings
from django.core.cache import BaseCache, caches
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.utils.cache import patch_cache_control, patch_vary_headers

from lib import rate_limits
from lib.client_ip import client_network
from newsroom.page_cache import current_generation

WINDOW_SECONDS = 60
# Answers live apart from reader-page copies (settings.CACHES), so a client walking many
# distinct queries within its limit culls other answers, never the pages readers are served.
CACHE_ALIAS = "content-api"


def _cache() -> BaseCache:
    return caches[CACHE_ALIAS] if CACHE_ALIAS in settings.CACHES else caches["default"]


def _limit() -> int:
    return int(getattr(settings, "CONTENT_API_RATE_LIMIT_PER_MINUTE", 300))


def too_many(request: HttpRequest) -> HttpResponse | None:
    """A 429 when this client (address, IPv6 by /64) asked more than the limit this minute."""
    if rate_limits.hit("content-api", client_network(request), limit=_limit(), window_seconds=WINDOW_SECONDS):
        return None
    wait = rate_limits.seconds_left(WINDOW_SECONDS)
    response = JsonResponse(
        {
            "message": f"Too many requests: at most {_limit()} a minute from one address. "
            f"Try again in {wait} seconds, or ask the newsroom for a higher limit."
        },
        status=429,
    )
    response["Retry-After"] = str(wait)
    return response


def cache_key(request: HttpRequest) -> str:
    # The host picks the site (and so the page tree) an answer comes from.
    query = urlencode(sorted(request.GET.items()))
    digest = hashlib.sha256(f"{request.get_host()}{request.path}?{query}".encode()).hexdigest()
    return f"content-api:{current_generation()}:{digest}"


def _etag(body: bytes) -> str:
    return '"' + hashlib.sha256(body).hexdigest()[:32] + '"'


def answer_from(request: HttpRequest, body: bytes, status: int = 200) -> HttpResponse:
    etag = _etag(body)
    if status == 200 and etag in [tag.strip() for tag in request.headers.get("If-None-Match", "").split(",")]:
        response = HttpResponse(status=304)
    else:
        response = HttpResponse(body, status=status, content_type="application/json")
    response["ETag"] = etag
    patch_cache_control(
        response,
        public=True,
        max_age=getattr(settings, "CONTENT_API_MAX_AGE", 30),
        s_maxage=getattr(settings, "PAGE_CACHE_S_MAXAGE", 60),
    )
    patch_vary_headers(response, ["Origin"])
    return response


def cached(request: HttpRequest) -> bytes | None:
    value: Any = _cache().get(cache_key(request))
    return value if isinstance(value, bytes) else None


def store(request: HttpRequest, body: bytes) -> None:
    if "search" in request.GET or request.GET.get("order") == "random":
        return  # free text and random orders would fill the cache with answers asked once
    _cache().set(cache_key(request), body)  # the alias's TIMEOUT (CONTENT_API_CACHE_SECONDS)
