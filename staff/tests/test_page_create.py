"""A new page is created by its author's own first save, never by autosave; existing pages autosave."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.django_db


def test_the_add_page_form_does_not_autosave_and_the_edit_form_does(client, roles, newsroom):
    client.force_login(roles["reporter"])
    section = newsroom.sections["politics"]
    add = client.get(f"/cms/pages/add/newsroom/articlepage/{section.pk}/")
    assert add.status_code == 200
    html = add.content.decode()
    assert 'id="id_title"' in html
    assert "data-w-autosave-interval-value" not in html  # the form's autosave controller is off
    story = newsroom.add_article("Harbour strike ends")
    client.force_login(roles["editor"])
    assert "data-w-autosave-interval-value" in client.get(f"/cms/pages/{story.pk}/edit/").content.decode()


def test_the_add_page_form_still_needs_cms_access(client, newsroom):
    section = newsroom.sections["politics"]
    response = client.get(f"/cms/pages/add/newsroom/articlepage/{section.pk}/")
    assert response.status_code == 302 and "/cms/login/" in response["Location"]
