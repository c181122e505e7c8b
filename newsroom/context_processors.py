"""What every reader page's header and footer need: sections, about pages, editors' picks.

They come from the cached site chrome (newsroom/site_chrome.py), so a render reads them from
the database once per publish rather than on every request.
"""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from django.utils.functional import SimpleLazyObject


def newsroom(request: HttpRequest) -> dict[str, Any]:
    from newsroom.site_chrome import chrome_for

    return {
        "navigation": SimpleLazyObject(lambda: chrome_for(request).navigation),
        "editors_picks": SimpleLazyObject(lambda: chrome_for(request).editors_picks),
        "live_now": SimpleLazyObject(lambda: chrome_for(request).live_now),
    }
