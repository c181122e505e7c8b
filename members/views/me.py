"""`/membership/me.json`: the few per-person words a cached page leaves out.

Cached pages are shared by every reader of a kind (members/reader_kind.py), so they never hold a
name; `members/static/members/me.js` asks this endpoint and fills the page's
`data-member-fill` slots. Never cached anywhere (`private, no-store`); reading the member here
also refreshes the browser's `mh_kind` cookie (ReaderKindMiddleware).
"""

from __future__ import annotations

from django.http import HttpRequest, JsonResponse
from django.views.decorators.http import require_safe

from members.auth import get_member


@require_safe
def me_json(request: HttpRequest) -> JsonResponse:
    member = get_member(request)
    body = {
        "signed_in": member is not None,
        "name": member.name if member else "",
        "supporter": bool(member and member.is_supporter),
    }
    response = JsonResponse(body)
    response["Cache-Control"] = "private, no-store"
    return response
