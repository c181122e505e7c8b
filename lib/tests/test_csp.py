"""Every response carries the Content-Security-Policy; reader pages have no inline script, so
the policy needs no nonce and the page cache still serves one copy to everyone."""

from __future__ import annotations

import re

import pytest

pytestmark = pytest.mark.django_db

INLINE_SCRIPT = re.compile(r"<script(?![^>]*\bsrc=)(?![^>]*application/(?:ld\+)?json)[^>]*>", re.I)
INLINE_HANDLER = re.compile(r"\son(?:click|load|submit|change|error)=", re.I)


def _policy(response) -> dict[str, str]:  # type: ignore[no-untyped-def]
    header = response["Content-Security-Policy"]
    return {part.split()[0]: part.strip() for part in header.split(";") if part.strip()}


def test_reader_pages_carry_the_policy_and_stay_cacheable(client, newsroom):
    from campaigns.tests.conftest import make_drive

    make_drive()  # the banner used to carry an inline script
    article = newsroom.add_article("Harbour strike ends")
    for url in ("/", article.url, "/membership/join/", "/support/gift/"):
        response = client.get(url)
        assert response.status_code == 200, url
        html = response.content.decode()
        assert not INLINE_SCRIPT.search(html), (url, INLINE_SCRIPT.search(html))
        assert not INLINE_HANDLER.search(html), url
        policy = _policy(response)
        assert policy["script-src"] == "script-src 'self' https://js.stripe.com"
        assert policy["object-src"] == "object-src 'none'"
        assert policy["frame-ancestors"] == "frame-ancestors 'self'"
        assert "https://hooks.stripe.com" in policy["frame-src"]
        assert "nonce" not in response["Content-Security-Policy"]
    first, second = client.get("/"), client.get("/")
    assert second["X-Page-Cache"] == "hit"
    assert second["Content-Security-Policy"] == first["Content-Security-Policy"]


def test_the_cms_carries_the_policy(client, editor):
    client.force_login(editor)
    response = client.get("/cms/")
    assert "script-src 'self'" in response["Content-Security-Policy"]
