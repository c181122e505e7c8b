"""`current_member` and `is_supporter` for templates. Lazy; without a session cookie both are
empty, so anonymous HTML shows the asks. While the page cache renders the shared copy for a kind
of signed-in reader (members/reader_kind.py), they come from that kind alone: `current_member`
is then a `SharedMember` with no name, and the page holds nothing about any one person."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from django.utils.functional import SimpleLazyObject

from members.auth import get_member
from members.reader_kind import SUPPORTER, SharedMember, shared_kind


def membership(request: HttpRequest) -> dict[str, Any]:
    kind = shared_kind(request)
    if kind is not None:
        return {"current_member": SharedMember(), "is_supporter": kind == SUPPORTER}
    member = SimpleLazyObject(lambda: get_member(request))
    return {
        "current_member": member,
        "is_supporter": SimpleLazyObject(lambda: bool(get_member(request) and get_member(request).is_supporter)),  # type: ignore[union-attr]
    }
