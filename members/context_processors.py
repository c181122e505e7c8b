"""`current_member` and `is_supporter` for templates. Lazy, and only ever True for requests
with a session cookie, which the page cache never serves: anonymous HTML shows the asks."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from django.utils.functional import SimpleLazyObject

from members.auth import get_member


def membership(request: HttpRequest) -> dict[str, Any]:
    member = SimpleLazyObject(lambda: get_member(request))
    return {
        "current_member": member,
        "is_supporter": SimpleLazyObject(lambda: bool(get_member(request) and get_member(request).is_supporter)),  # type: ignore[union-attr]
    }
