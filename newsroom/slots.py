"""Named places on the reader pages that other apps fill: the newsroom's templates load nothing
of theirs.

A template marks a slot with `{% load slots %}{% slot "article_end" %}` (or `{% slot "name" as
html %}` to wrap it only when something fills it). Apps fill slots from their `wagtail_hooks.py`,
as the JSON-LD is extended through the `newsroom_news_article` hook:

    from newsroom import slots

    slots.include("article_audio", "audio/article_audio.html")

    @slots.fragment("article_end", order=20, group="ask")
    def drive_appeal(context):
        return slots.render("campaigns/appeal_slot.html", context)

Fragments render with the page's own template context (page, request, settings, …), in `order`
(lower first). Within a `group` only the first fragment that renders something is shown: that is
how a drive's appeal takes the place of the generic membership ask. A slot nobody fills renders
nothing, so an app left out of INSTALLED_APPS leaves its slots empty.

Each fragment is a Wagtail hook named `newsroom_slot_<slot>`; `hooks.register` works too.

A fragment registered with `kept=True` promises that what it renders depends only on the page,
the kind of reader (anonymous, or the page cache's shared member and supporter variants) and
things that bump the page-cache generation. When every fragment of a slot promises that, the
slot's HTML is kept for the generation, per page revision and kind (newsroom/kept.py), like a
`{% reader_fragment %}`. `kept` may instead be a function of the context that returns what else
the HTML depends on (a drive's progress, say), which becomes part of the key. A render for a
signed-in reader that is not a shared variant (a member's own session, staff) keeps nothing.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Hashable
from typing import Any

from django.conf import settings
from django.template import Context
from django.template.loader import get_template
from django.utils.safestring import SafeString, mark_safe
from wagtail import hooks

# Every slot the reader templates have, and where it is.
SLOTS = {
    "head": "base.html, in <head> after the sharing tags: an app's stylesheets",
    "head_feeds": "newsroom/includes/reader_head.html, after the site's feed links: more <link rel=alternate>",
    "banner": "base.html, above the header (pages may empty it with {% block banner %})",
    "header_account": "includes/header.html, the last entry of the section navigation",
    "footer_signup": "includes/footer.html, above the footer's columns",
    "footer_links": "includes/footer.html, the end of the footer's section list (<li> items)",
    "article_audio": "newsroom/article_page.html, under the hero image",
    "article_end": "newsroom/article_page.html, after the tags at the end of the story",
    "home": "newsroom/home_page.html, between the top stories and the section blocks",
}

Fragment = Callable[[Context], str]
Kept = bool | Callable[[Context], Hashable]


def hook_name(slot: str) -> str:
    if slot not in SLOTS:
        raise ValueError(f"There is no reader-page slot {slot!r}; the slots are {', '.join(SLOTS)}.")
    return f"newsroom_slot_{slot}"


def fragment(
    slot: str, *, order: int = 0, group: str | None = None, kept: Kept = False
) -> Callable[[Fragment], Fragment]:
    """Register the decorated function (template context → HTML) as a fragment of `slot`."""

    def register(function: Fragment) -> Fragment:
        function.slot_group = group  # type: ignore[attr-defined]
        function.slot_kept = kept  # type: ignore[attr-defined]
        hooks.register(hook_name(slot), function, order=order)
        return function

    return register


def include(slot: str, template_name: str, *, order: int = 0, group: str | None = None, kept: Kept = False) -> Fragment:
    """Fill `slot` with a template rendered in the page's context, as `{% include %}` would."""

    def render_include(context: Context) -> str:
        return render(template_name, context)

    render_include.__name__ = f"include_{template_name}"
    return fragment(slot, order=order, group=group, kept=kept)(render_include)


def render(template_name: str, context: Context) -> str:
    """A template rendered with the page's own context (an `{% include %}` from a slot)."""
    template: Any = get_template(template_name)
    return str(template.template.render(context))


def render_slot(slot: str, context: Context) -> SafeString:
    functions = hooks.get_hooks(hook_name(slot))
    key = _kept_key(slot, functions, context)
    if key is not None:
        from newsroom import kept

        html = kept.get(key)
        if html is None:
            html = _render_fragments(functions, context)
            kept.set(key, str(html))
        return mark_safe(html)
    return _render_fragments(functions, context)


def _reader_kind(request: Any) -> str | None:
    """The kind of reader a render is for, when it shows nothing of one person: a shared variant's
    kind, or "anonymous" for a request without a session. Else None."""
    from newsroom.page_cache import shared_reader_kind

    kind = shared_reader_kind(request)
    if kind is not None:
        return kind
    return None if request.COOKIES.get(settings.SESSION_COOKIE_NAME) else "anonymous"


def _kept_key(slot: str, functions: list[Any], context: Context) -> str | None:
    from newsroom.templatetags.reader_fragments import GENERATION_ATTR

    request = context.get("request")
    page = context.get("page")
    if request is None or page is None or getattr(page, "pk", None) is None:
        return None
    generation = getattr(request, GENERATION_ATTR, None)
    if generation is None or getattr(request, "is_preview", False):
        return None
    if not functions or not all(getattr(function, "slot_kept", False) for function in functions):
        return None
    kind = _reader_kind(request)
    if kind is None:
        return None
    extra = [function.slot_kept(context) for function in functions if callable(function.slot_kept)]
    described = repr((slot, request.path, page.pk, getattr(page, "live_revision_id", None), kind, extra))
    return f"slot:{generation}:{hashlib.sha256(described.encode()).hexdigest()[:32]}"


def _render_fragments(functions: list[Any], context: Context) -> SafeString:
    filled: set[str] = set()
    pieces: list[str] = []
    for function in functions:
        group = getattr(function, "slot_group", None)
        if group is not None and group in filled:
            continue
        html = function(context)
        if html and html.strip():
            pieces.append(html.strip())
            if group is not None:
                filled.add(group)
    return mark_safe("\n".join(pieces))
