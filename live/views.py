"""Reader endpoints of live coverage: the polling answer and entry permalinks.

`updates.json` is the same for every reader of a page: no session, no cookie, no per-reader
parameter. It is answered from the cache (a 304 when the reader's ETag is current, which costs
two cache reads), carries `s-maxage` so nginx and CDNs answer most polls themselves, and is built
from the database once per change of the page.
"""

from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect, JsonResponse
from django.views.decorators.http import require_GET

from live import selectors
from live.models import LiveEntry

MAX_ID = 2**31 - 1  # Wagtail's page ids and our entry ids fit; larger ones name no row


def _cache_headers(response: HttpResponse, etag: str) -> HttpResponse:
    response["ETag"] = etag
    # Browsers revalidate every poll (max-age=0, cheap 304s); shared caches keep it for one poll.
    response["Cache-Control"] = (
        f"public, max-age=0, s-maxage={selectors.POLL_SECONDS}, stale-while-revalidate={selectors.POLL_SECONDS}"
    )
    return response


@require_GET
def updates_json(request: HttpRequest, page_id: int) -> HttpResponse:
    """The live page's newest entries, pinned ones, key events and summary, as JSON."""
    if page_id > MAX_ID:
        return JsonResponse({"message": "There is no live page with this number."}, status=404)
    etag = selectors.current_etag(page_id)
    if etag in [tag.strip() for tag in request.headers.get("If-None-Match", "").split(",")]:
        return _cache_headers(HttpResponse(status=304), etag)
    answer = selectors.updates_answer(page_id, request)
    if answer is None:
        missing = JsonResponse({"message": "There is no live page with this number."}, status=404)
        missing["Cache-Control"] = f"public, max-age=0, s-maxage={selectors.POLL_SECONDS}"
        return missing
    response = _cache_headers(HttpResponse(answer.body, content_type="application/json"), answer.etag)
    if answer.stale:
        response["Cache-Control"] = "no-cache"  # a moment old; the next poll gets the new one
    return response


@require_GET
def entry_permalink(request: HttpRequest, entry_id: int) -> HttpResponse:
    """/live-coverage/entry/<id>/ opens the live page at that entry, on the stream page showing it."""
    if entry_id > MAX_ID:
        raise Http404("There is no such entry.")
    entry = LiveEntry.objects.select_related("page").filter(pk=entry_id).first()
    if entry is None or not entry.page.live or entry.page.get_view_restrictions().exists():
        raise Http404("There is no such entry; it may have been removed.")
    return HttpResponseRedirect(entry_url(entry))


def entry_url(entry: LiveEntry) -> str:
    """The live page's address with the stream page and anchor that show the entry."""
    number = selectors.stream_page_of(entry)
    query = f"?page={number}" if number > 1 else ""
    return f"{entry.page.url}{query}#{entry.anchor}"
