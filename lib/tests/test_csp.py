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


READER_POLICY = (
    "script-src 'self' https://js.stripe.com; frame-src 'self' https://js.stripe.com https://hooks.stripe.com; "
    "object-src 'none'; base-uri 'self'; frame-ancestors 'self'"
)
# The CMS adds exactly one thing: the no-op handler Wagtail's image cropper sets (lib/csp.py).
CMS_POLICY = READER_POLICY + "; script-src-attr 'unsafe-hashes' 'sha256-i+qr4lq34KgNHiW62lWi9aInEBwiEOrfCzaNPCvkqD8='"


def test_the_reader_policy_is_exactly_the_strict_one(client, newsroom):
    article = newsroom.add_article("Harbour strike ends")
    for url in ("/", article.url, "/membership/join/", "/support/gift/", "/membership/sign-in/", "/no-such-page/"):
        assert client.get(url)["Content-Security-Policy"] == READER_POLICY, url


def test_the_cms_policy_is_the_reader_policy_plus_one_hashed_handler(client, editor):
    client.force_login(editor)
    for url in ("/cms/", "/cms/pages/", "/cms/login/"):
        response = client.get(url)
        assert response["Content-Security-Policy"] == CMS_POLICY, url
        assert "unsafe-inline" not in response["Content-Security-Policy"]


def test_wagtails_widgets_and_panels_render_without_inline_scripts(admin_client, newsroom):
    """Choosers, date pickers and inline panels start from data (lib/wagtail_csp.py)."""
    article = newsroom.add_article("Harbour strike ends")
    pages = {
        f"/cms/pages/{article.pk}/edit/": ('data-masthead-init="InlinePanel"', 'data-masthead-init="chooser"'),
        "/cms/pages/": ('data-masthead-init="initDateChooser"',),
        "/cms/settings/newsroom/editorspicks/": ('data-constructor="PageChooser"',),
    }
    for url, starters in pages.items():
        response = admin_client.get(url, follow=True)
        assert response.status_code == 200, url
        html = response.content.decode()
        assert not INLINE_SCRIPT.search(html), (url, html[INLINE_SCRIPT.search(html).start() :][:300])
        for starter in starters:
            assert starter in html, (url, starter)
        assert "lib/wagtail_csp" in html
