"""One same-origin check for the cookie-less POST endpoints (lib/same_origin.py)."""

from __future__ import annotations

import pytest
from django.test import RequestFactory

from lib.same_origin import same_origin


def _post(**headers: str):  # type: ignore[no-untyped-def]
    return RequestFactory().post("/x/", **{f"HTTP_{k.upper()}": v for k, v in headers.items()})


def test_a_post_from_this_site_passes(settings):
    settings.SITE_URL = "https://news.example"
    assert same_origin(_post(origin="http://testserver"))
    assert same_origin(_post(origin="https://news.example"))
    assert same_origin(_post(referer="http://testserver/politics/story/"))


def test_other_sites_null_and_no_headers_are_refused(settings):
    assert not same_origin(_post(origin="https://evil.example"))
    assert not same_origin(_post(origin="null"))
    assert not same_origin(_post(referer="https://evil.example/page"))
    assert not same_origin(_post())


def test_trusted_origins_pass(settings):
    settings.CSRF_TRUSTED_ORIGINS = ["https://www.news.example"]
    assert same_origin(_post(origin="https://www.news.example"))


@pytest.mark.django_db
def test_a_newsletter_sign_up_with_neither_origin_nor_referer_is_refused(client, newsroom):
    response = client.post("/newsletters/subscribe/", {"email": "forged@example.com"})
    assert response.status_code == 403  # newsletters' own check let it through
    assert "only accept sign-ups made on our own pages" in response.content.decode()
