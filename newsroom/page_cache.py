"""The reader page cache: whole anonymous responses kept in Django's cache, served with no queries.

How it works (docs/architecture.md, "Reach and speed"):

- A GET or HEAD without a session cookie, to a cacheable view (any Wagtail page, and views
  marked with `reader_cacheable`), is looked up under a key made of host, path and the
  `page`/`q` query parameters. A hit is answered before any view, session or database work.
- A signed-in member is looked up the same way under the key plus their *kind* (member,
  supporter), proven by a signed cookie bound to their session without reading it
  (`PAGE_CACHE_READER_KIND`, members/reader_kind.py). A kind's copy is rendered from a copy of
  the request with no cookies at all, so it cannot hold anything about one person; a page that
  turns out not to be shareable is rendered from the reader's own session instead. Any other
  session (staff, an unproven kind) bypasses the cache.
- Every stored copy carries the *generation* it was rendered in. Anything a reader page shows
  changing (a publish, unpublish, move or delete of a page, editors' picks, newsroom settings,
  an image, or another app calling `purge_pages_showing`) bumps the generation, so every copy
  stops being served at once. One publish re-renders every page once, which is cheap next to
  working out which of hundreds of pages show a headline, a feed item or the picks rail.
- When a copy is out of date, one request re-renders it while concurrent requests for the same
  page get the old copy marked uncacheable for proxies (no stampede of renders during a spike).
- A response is stored only if it is a 200 that set no cookie and did not touch the session
  or the CSRF token (those add `Vary: Cookie`), so per-reader HTML can never enter the cache.
"""

from __future__ import annotations

import contextvars
import logging
import time
from collections.abc import Callable, Iterable
from typing import Any
from urllib.parse import urlencode

from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import DisallowedHost
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.utils.cache import patch_cache_control

logger = logging.getLogger(__name__)

GENERATION_KEY = "page-cache:generation"
# Query parameters that change what a reader page shows (p: sitemap pages); any other parameter (except known
# tracking tags, which are ignored) makes the request bypass the cache rather than risk
# answering it with the wrong copy.
KEYED_PARAMETERS = ("page", "q", "p")
IGNORED_PARAMETER_PREFIXES = ("utm_", "fbclid", "gclid", "mc_", "ref")
# Longest query value that is part of a key; longer ones are not cached (search shortens them).
MAX_KEYED_VALUE = 200
# Cacheable Wagtail pages are served by this URL name (wagtail.urls).
WAGTAIL_SERVE = "wagtail_serve"


def _setting(name: str, default: Any) -> Any:
    return getattr(settings, name, default)


# --- generation: one number that every stored copy is checked against --------------------------


# The generation a reader request was rendered for, set by the middleware while the view runs:
# every generation-keyed read of one render (site chrome, private paths, kept fragments) uses the
# same number without asking the shared cache again, and they all describe one state of the site.
_rendering_for: contextvars.ContextVar[int | None] = contextvars.ContextVar("page_cache_generation", default=None)


def current_generation() -> int:
    rendering = _rendering_for.get()
    if rendering is not None:
        return rendering
    generation = cache.get(GENERATION_KEY)
    if generation is None:
        # Missing (first start, or evicted): start from the clock so an old number never returns.
        cache.add(GENERATION_KEY, time.time_ns(), timeout=None)
        generation = cache.get(GENERATION_KEY)
    return int(generation)


def _bump_generation() -> None:
    # A blind write of a fresh number, not an increment: the file cache of a single host has
    # no atomic increment, and two processes that read N and both wrote N + 1 could leave a
    # render made in between looking current. A fresh clock value differs from every number
    # a render could have read before this write, whichever process writes last.
    cache.set(GENERATION_KEY, time.time_ns(), timeout=None)


def invalidate_reader_pages(*, reason: str) -> None:
    """Make every cached reader page stale now and again once the current transaction commits.

    The bump after commit matters: a reader request arriving between the first bump and the
    commit would otherwise re-render the old content and keep it under the new generation.
    Idempotent and cheap (one cache write); safe to call from signals, services and tasks.
    """
    _bump_generation()
    transaction.on_commit(_bump_generation)
    logger.info("page cache invalidated", extra={"reason": reason})


def purge_pages_showing(*things: Any, reason: str = "") -> None:
    """Every reader page that shows any of `things` (pages, snippets, anything) is re-rendered.

    This is the one call other apps make when something they put on a reader page changes,
    e.g. narration finishing for an article: `purge_pages_showing(article, reason="narration")`.
    Today it invalidates all cached pages (see the module docstring for why); pages among
    `things` are also purged from the edge proxy when frontend-cache purging is configured.
    """
    invalidate_reader_pages(reason=reason or ", ".join(type(thing).__name__ for thing in things))
    from wagtail.models import Page

    pages = [thing for thing in things if isinstance(thing, Page)]
    if pages:
        transaction.on_commit(lambda: purge_from_edge(pages))


def purge_from_edge(pages: Iterable[Any]) -> None:
    """Ask the edge proxy (deploy/nginx) to drop the pages, their sections, home and the feeds.

    Wagtail's frontend-cache app already purges a page that is published; this adds the pages
    that obviously show it. Does nothing unless WAGTAILFRONTENDCACHE is configured.
    """
    if not _setting("WAGTAILFRONTENDCACHE", None):
        return
    from wagtail.contrib.frontend_cache.utils import PurgeBatch

    batch = PurgeBatch()
    for page in pages:
        batch.add_page(page)
        parent = page.get_parent()
        if parent is not None and parent.depth > 1:
            batch.add_page(parent)
        site = page.get_site()
        if site is not None:
            root = site.root_url
            batch.add_urls([f"{root}/", f"{root}/feeds/rss/", f"{root}/feeds/atom/", f"{root}/sitemap-news.xml"])
    try:
        batch.purge()
    except Exception:  # an unreachable proxy must never break publishing
        logger.exception("frontend cache purge failed")


# --- which requests and responses take part ---------------------------------------------------


def reader_cacheable(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """Mark a view's anonymous responses as shareable: same HTML for every reader, no CSRF."""

    def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        response = view(request, *args, **kwargs)
        response.reader_cacheable = True  # type: ignore[attr-defined]
        return response

    wrapped.__name__ = getattr(view, "__name__", "view")
    wrapped.__doc__ = view.__doc__
    return wrapped


def same_for_everyone(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """For a view whose answer never depends on who asks (a feed): a GET's answer is kept for
    the generation under its host and path (newsroom/kept.py), whatever cookies the request
    carries. The page cache answers anonymous requests anyway; this spares the render for a
    browser that carries a session (a signed-in reader clicking the feed link, staff). Requests
    with a query string are rendered, so made-up queries cannot fill the cache."""

    def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if request.method not in ("GET", "HEAD") or request.GET:
            return view(request, *args, **kwargs)
        from newsroom import kept

        try:
            host = request.get_host()
        except DisallowedHost:
            return view(request, *args, **kwargs)
        key = f"everyone:{current_generation()}:{host}{request.path}"
        stored = kept.get(key)
        if stored is None:
            response = view(request, *args, **kwargs)
            if response.status_code != 200 or response.streaming or response.cookies:
                return response
            stored = (list(response.items()), response.content)
            kept.set(key, stored)
        headers, content = stored
        response = HttpResponse(content)
        for name, value in headers:
            response[name] = value
        return response

    wrapped.__name__ = getattr(view, "__name__", "view")
    wrapped.__doc__ = view.__doc__
    return wrapped


def reader_kind(request: HttpRequest) -> str | None:
    """ "" for an anonymous reader, a kind of signed-in reader ("member", "supporter") proven
    without reading the session, or None: a session the cache must not serve (staff, a kind
    that is missing, forged, expired or belongs to another session)."""
    if settings.SESSION_COOKIE_NAME not in request.COOKIES:
        return ""
    path = _setting("PAGE_CACHE_READER_KIND", None)
    if not path:
        return None
    from django.utils.module_loading import import_string

    return import_string(path)(request)  # type: ignore[no-any-return]


def cache_key_for(request: HttpRequest) -> str | None:
    """host + path + the page/q parameters (+ the reader kind of a signed-in reader), or None
    when the request must not use the cache."""
    if request.method not in ("GET", "HEAD"):
        return None
    kind = reader_kind(request)
    if kind is None:
        return None
    path = request.path
    if _excluded(path):
        return None
    keyed: list[tuple[str, str]] = []
    for name, values in request.GET.lists():
        if name in KEYED_PARAMETERS:
            if len(values) != 1 or len(values[0]) > MAX_KEYED_VALUE:
                return None
            keyed.append((name, values[0]))
        elif not name.startswith(IGNORED_PARAMETER_PREFIXES):
            return None
    try:
        host = request.get_host()
    except DisallowedHost:
        return None
    query = urlencode(sorted(keyed))
    # Anonymous copies keep the plain key; each kind of signed-in reader has its own copy.
    return f"page-cache:{host}{path}?{query}" + (f"#{kind}" if kind else "")


def _excluded(path: str) -> bool:
    return any(path.startswith(prefix) for prefix in _setting("PAGE_CACHE_EXCLUDED_PATHS", ()))


def _storable(request: HttpRequest, response: HttpResponse) -> bool:
    if response.status_code != 200 or response.streaming or response.cookies:
        return False
    if not (getattr(response, "reader_cacheable", False) or _resolved_name(request) == WAGTAIL_SERVE):
        return False
    if "cookie" in response.get("Vary", "").lower():
        return False  # the view used the session or a CSRF token: the HTML is per reader
    control = response.get("Cache-Control", "").lower()
    return not any(word in control for word in ("private", "no-store", "no-cache", "max-age=0"))


def _resolved_name(request: HttpRequest) -> str | None:
    match = getattr(request, "resolver_match", None)
    return match.url_name if match is not None else None


def _public_cache_control(response: HttpResponse) -> None:
    patch_cache_control(
        response,
        public=True,
        max_age=0,
        s_maxage=_setting("PAGE_CACHE_S_MAXAGE", 60),
        stale_while_revalidate=_setting("PAGE_CACHE_STALE_WHILE_REVALIDATE", 30),
    )


def _private_cache_control(response: HttpResponse) -> None:
    if "Cache-Control" not in response:
        patch_cache_control(response, private=True, no_store=True)


# Set on the copy of a request that renders the shared variant for a kind of signed-in reader.
SHARED_KIND_ATTR = "_page_cache_shared_kind"


def shared_reader_kind(request: HttpRequest) -> str | None:
    """The kind of reader ("member", "supporter") whose shared copy this request renders, or None."""
    return getattr(request, SHARED_KIND_ATTR, None)


def _shared_variant_request(request: HttpRequest, kind: str) -> HttpRequest:
    """A copy of the request with no cookies at all, marked with the reader kind.

    With no session and no CSRF cookie nothing about the person can reach the HTML: templates
    see only the kind (members' context processor), and a view that touches the session or a
    CSRF token makes the response unstorable, exactly as for an anonymous reader. The reader's
    own request stays untouched for a fallback render from their session.
    """
    import copy

    shared = copy.copy(request)
    shared.COOKIES = {}
    shared.META = {name: value for name, value in request.META.items() if name != "HTTP_COOKIE"}
    setattr(shared, SHARED_KIND_ATTR, kind)
    return shared


class PageCacheMiddleware:
    """Serve and store anonymous reader pages.

    It sits before the session, CSRF and auth middleware: a hit skips them all, and on the way
    out it sees the `Vary: Cookie` they add when a view used the session or a CSRF token.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        key = cache_key_for(request) if _setting("PAGE_CACHE_ENABLED", True) else None
        if key is None:
            return self._bypass(request)
        found = cache.get_many([GENERATION_KEY, key])
        generation = found.get(GENERATION_KEY)
        if generation is None:
            generation = current_generation()
        entry = found.get(key)
        if entry is not None and entry[0] == generation:
            return self._replay(request, entry, state="hit")
        lock_key = f"{key}:rendering"
        if entry is not None and not cache.add(lock_key, 1, timeout=10):
            # Someone is re-rendering this page right now; the previous copy is a moment old.
            response = self._replay(request, entry, state="stale")
            response["Cache-Control"] = "no-cache"
            return response
        try:
            return self._render_and_store(request, key, generation)
        finally:
            if entry is not None:
                cache.delete(lock_key)

    def _bypass(self, request: HttpRequest) -> HttpResponse:
        if _excluded(request.path) or request.method not in ("GET", "HEAD"):
            response = self.get_response(request)
        else:
            from newsroom.site_chrome import prime_request

            generation = current_generation()
            prime_request(request, generation)
            response = self._view(request, generation)
        if request.method in ("GET", "HEAD") and response.status_code < 500:
            _private_cache_control(response)
        response["X-Page-Cache"] = "bypass"
        return response

    def _render_and_store(self, request: HttpRequest, key: str, generation: int) -> HttpResponse:
        from newsroom.site_chrome import prime_request

        kind = reader_kind(request)
        original = request
        if kind:
            request = _shared_variant_request(request, kind)
        prime_request(request, generation)
        response = self._view(request, generation)
        if kind and not _storable(request, response):
            # Not a shareable page after all (a private page whose password this session gave,
            # a redirect, a form): answer it from the reader's own session, as before.
            return self._bypass(original)
        if request.method == "GET" and _storable(request, response):
            if kind:
                # Shared by readers of this kind here and at our edge (deploy/nginx.conf keys on
                # the kind and checks this header), never by a CDN or browser cache in between.
                response["Cache-Control"] = "private, max-age=0"
                response["X-Reader-Kind"] = kind
            else:
                _public_cache_control(response)
            headers = [(name, value) for name, value in response.items() if name.lower() not in ("x-page-cache",)]
            cache.set(
                key,
                (generation, response.status_code, headers, response.content),
                timeout=_setting("PAGE_CACHE_TIMEOUT", 300),
            )
            response["X-Page-Cache"] = "miss"
        else:
            _private_cache_control(response)
            response["X-Page-Cache"] = "bypass"
        return response

    def _view(self, request: HttpRequest, generation: int) -> HttpResponse:
        token = _rendering_for.set(generation)
        try:
            return self.get_response(request)
        finally:
            _rendering_for.reset(token)

    @staticmethod
    def _replay(
        request: HttpRequest, entry: tuple[int, int, list[tuple[str, str]], bytes], *, state: str
    ) -> HttpResponse:
        _generation, status, headers, content = entry
        response = HttpResponse(b"" if request.method == "HEAD" else content, status=status)
        for name, value in headers:
            response[name] = value
        if request.method == "HEAD":
            response["Content-Length"] = str(len(content))
        response["X-Page-Cache"] = state
        return response
