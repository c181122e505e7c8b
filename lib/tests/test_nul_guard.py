"""A NUL byte anywhere in an address is answered plainly on SQLite and PostgreSQL alike."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "path",
    [
        "/politics%00/",  # a section (Wagtail's page lookup)
        "/%00",  # the redirect middleware looks every 404 up in its table
        "/tags/war%00/",
        "/feeds/tag/war%00/rss/",
        "/politics/%00some-story/",
    ],
)
def test_a_nul_in_the_path_is_the_sites_404_page(client, newsroom, path):
    response = client.get(path)
    assert response.status_code == 404
    assert b"<html" in response.content.lower()


@pytest.mark.parametrize(
    ("path", "status"),
    [("/search/?q=war%00", 200), ("/politics/?page=1%00", 200), ("/?x=%00", 200)],
)
def test_a_nul_in_a_query_is_answered_by_the_view_never_a_500(client, newsroom, path, status):
    assert client.get(path).status_code == status


def test_json_clients_get_the_message_as_json(client, newsroom):
    import json

    response = client.get("/api/v2/articles/?tag=a%00b")
    assert response.status_code == 400
    assert json.loads(response.content)["message"]


def test_addresses_without_a_nul_are_untouched(client, newsroom):
    assert client.get("/search/?q=war%2500").status_code == 200  # an escaped percent sign is not a NUL
    assert client.get("/politics/").status_code == 200
