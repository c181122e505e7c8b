"""`{% reader_fragment "name" vary… %}…{% endreader_fragment %}`: keep a piece of a reader page's
HTML for the rest of the page-cache generation.

An uncached render (a new generation, a staff member, a page the cache cannot keep) spends most
of its time in templates; the heavy pieces (an article's header, hero, body and update log, the
rails, the home page's story grids) are the same for every reader until something is published,
so they are rendered once per generation and reused. The key is the page-cache generation
(newsroom/page_cache.py), the name and the vary values, e.g. the page id and its live revision id:
a new revision changes the key, and anything a page shows changing (a publish, an image, editors'
picks, narration) bumps the generation, so a kept piece can never outlive what it shows.

Put nothing inside that depends on the reader (asks, the account link, CSRF tokens): a piece is
shared by every reader of the page. A vary value of None (no live revision), a preview and a
request without a generation render the piece afresh and keep nothing.
"""

from __future__ import annotations

import hashlib
from typing import Any

from django import template

from newsroom import kept

register = template.Library()
GENERATION_ATTR = "_page_cache_generation"


class ReaderFragmentNode(template.Node):
    def __init__(self, nodelist: template.NodeList, name: template.base.FilterExpression, vary: list[Any]) -> None:
        self.nodelist = nodelist
        self.name = name
        self.vary = vary

    def render(self, context: template.Context) -> str:
        request = context.get("request")
        generation = getattr(request, GENERATION_ATTR, None) if request is not None else None
        values = [value.resolve(context) for value in self.vary]
        unkeyed = any(value is None or value == "" for value in values)
        if generation is None or getattr(request, "is_preview", False) or unkeyed:
            return self.nodelist.render(context)
        digest = hashlib.sha256(repr((self.name.resolve(context), values)).encode()).hexdigest()[:32]
        key = f"fragment:{generation}:{digest}"
        html = kept.get(key)
        if html is None:
            html = self.nodelist.render(context)
            kept.set(key, html)
        return html


@register.tag
def reader_fragment(parser: template.base.Parser, token: template.base.Token) -> ReaderFragmentNode:
    bits = token.split_contents()
    if len(bits) < 2:
        raise template.TemplateSyntaxError("reader_fragment needs a name")
    nodelist = parser.parse(("endreader_fragment",))
    parser.delete_first_token()
    vary = [parser.compile_filter(bit) for bit in bits[2:]]
    return ReaderFragmentNode(nodelist, parser.compile_filter(bits[1]), vary)
