"""Pagination that never fails on a reader's odd ?page= value."""

from __future__ import annotations

from typing import Any

from django.core.paginator import Page as PaginatorPage
from django.core.paginator import Paginator
from django.http import HttpRequest


def paginate(request: HttpRequest, items: Any, *, per_page: int) -> PaginatorPage:
    """The page of `items` asked for by ?page=; the first page for nonsense, the last for too big.

    `get_page` already clamps, and we also cap the digits so a huge number costs nothing.
    """
    raw = request.GET.get("page", "1")[:9]
    return Paginator(items, per_page).get_page(raw)
