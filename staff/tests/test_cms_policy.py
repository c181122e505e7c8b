"""Signed-in staff's CMS pages allow the inline scripts Wagtail's widgets start with; the sign-in
steps, reader pages and everyone not yet past every step keep the strict policy."""

from __future__ import annotations

import pytest
from django_otp.plugins.otp_totp.models import TOTPDevice

pytestmark = pytest.mark.django_db

INLINE = "'unsafe-inline'"


def _script_src(response) -> str:  # type: ignore[no-untyped-def]
    parts = [part.strip() for part in response["Content-Security-Policy"].split(";")]
    (script_src,) = [part for part in parts if part.startswith("script-src ")]
    return script_src


def test_the_article_editor_of_a_signed_in_reporter_allows_wagtails_inline_scripts(client, roles, newsroom):
    client.force_login(roles["reporter"])
    section = newsroom.sections["politics"]
    response = client.get(f"/cms/pages/add/newsroom/articlepage/{section.pk}/")
    assert response.status_code == 200
    assert "new PageChooser(" in response.content.decode()  # why: Wagtail's author chooser
    assert _script_src(response).startswith("script-src 'self'")
    assert INLINE in _script_src(response)
    assert "object-src 'none'" in response["Content-Security-Policy"]
    assert INLINE in _script_src(client.get("/cms/pages/"))


def test_the_sign_in_page_and_reader_pages_keep_the_strict_policy(client, roles, newsroom):
    assert INLINE not in _script_src(client.get("/cms/login/"))
    client.force_login(roles["editor"])
    article = newsroom.add_article("Harbour strike ends")
    assert INLINE not in _script_src(client.get(article.url))  # staff reading the site
    assert INLINE not in _script_src(client.get("/search/?q=harbour"))


def test_staff_who_still_owe_their_code_keep_the_strict_policy(client, roles):
    TOTPDevice.objects.create(user=roles["editor"], name="Authenticator app", confirmed=True)
    client.force_login(roles["editor"])  # the password step only
    verify = client.get("/cms/", follow=True)
    assert verify.redirect_chain and "/cms/two-step/" in verify.redirect_chain[-1][0]
    assert INLINE not in _script_src(verify)


def test_a_readers_account_gets_no_cms_policy(client, roles):
    from django.contrib.auth import get_user_model

    reader = get_user_model().objects.create_user("reader", "reader@example.com", "pw")
    client.force_login(reader)
    assert INLINE not in _script_src(client.get("/cms/"))
