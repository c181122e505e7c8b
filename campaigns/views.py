"""Reader-facing endpoints of drives: live progress as JSON and the reader-count beacon."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse, JsonResponse
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET, require_http_methods

from campaigns import reader_counts
from campaigns.selectors import MAX_PAGE_ID, PROGRESS_SECONDS, active_campaign, drive_progress
from lib.client_ip import client_ip


@require_GET
def drive_progress_json(request: HttpRequest) -> JsonResponse:
    """The same answer for everyone. Shared caches may keep it for PROGRESS_SECONDS; a browser
    asks again each time, so a reader who just paid never sees the count go backwards."""
    campaign = active_campaign()
    payload = {"drive": drive_progress(campaign).as_json() if campaign else None}
    response = JsonResponse(payload)
    response["Cache-Control"] = f"public, max-age=0, s-maxage={PROGRESS_SECONDS}"
    return response


@csrf_exempt  # a beacon carries no cookie and changes nothing but an anonymous tally
@require_http_methods(["POST"])
def view_beacon(request: HttpRequest) -> HttpResponse:
    """Count one article view. Always 204: a reader's browser has nothing to do with the answer."""
    raw = request.POST.get("article", "")
    # isascii(): "²".isdigit() is true but int("²") fails; the bound is Wagtail's 32-bit page id.
    if raw.isascii() and raw.isdigit() and len(raw) < 11 and int(raw) <= MAX_PAGE_ID:
        reader_counts.count_view(
            article_id=int(raw),
            ip=client_ip(request),
            user_agent=request.headers.get("User-Agent", "")[:400],
        )
        reader_counts.buffer().maybe_flush()
    response = HttpResponse(status=204)
    response["Cache-Control"] = "no-store"
    return response
