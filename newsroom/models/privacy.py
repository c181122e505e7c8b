"""Wagtail's view-restriction check for reader pages, answered from the page-cache generation.

Wagtail checks every page it serves for view restrictions (passwords, sign-in, groups) with two
queries: the page's ancestors, then their restrictions. Reader pages already know which pages
are private: `newsroom.selectors.private_paths()` is read once per page-cache generation, and
the generation is bumped whenever a restriction is saved or deleted (newsroom/signal_handlers.py),
before and after the transaction commits. So a page the reader router found
(`HomePage.route`) is asked that instead, and only a page that is, or may be, private gets
Wagtail's own check:

- a page on or under a restricted path;
- an alias, or a page under one (an alias shares its source's restrictions, which its own path
  does not show); alias pages are listed per generation too, and making one bumps it.

Pages loaded any other way (the CMS, audio, the content API) keep Wagtail's database check.
"""

from __future__ import annotations

from typing import Any

from wagtail.models import PageViewRestriction

# Set by HomePage.route on the page it found for a reader request.
ROUTED_ATTR = "_routed_for_reader"


class RestrictionsFromGeneration:
    """Mixed into every reader page model, before Wagtail's Page."""

    def get_view_restrictions(self) -> Any:
        if getattr(self, ROUTED_ATTR, False):
            from newsroom.selectors import may_be_restricted

            if not may_be_restricted(self):
                return PageViewRestriction.objects.none()
        return super().get_view_restrictions()  # type: ignore[misc]
