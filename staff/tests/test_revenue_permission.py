"""Only staff with `campaigns.view_revenue` see the revenue dashboard and its menu item."""

from __future__ import annotations

import pytest
from django.test import RequestFactory
from wagtail.admin.menu import admin_menu

pytestmark = pytest.mark.django_db

DASHBOARD_URL = "/cms/revenue/"
REFUSED = "Sorry, you do not have permission to access this area."


def _menu_labels(user) -> set[str]:  # type: ignore[no-untyped-def]
    request = RequestFactory().get("/cms/")
    request.user = user
    return {item.label for item in admin_menu.menu_items_for_request(request)}


def test_a_reporter_is_refused_the_dashboard_and_has_no_menu_item(client, roles):
    client.force_login(roles["reporter"])
    response = client.get(DASHBOARD_URL)
    # Wagtail's admin answers a refusal with its dashboard and a message (403 for scripts).
    assert response.status_code == 302
    assert response["Location"] == "/cms/"
    assert REFUSED in client.get("/cms/").content.decode()
    assert client.get(DASHBOARD_URL, HTTP_X_REQUESTED_WITH="XMLHttpRequest").status_code == 403
    assert "Revenue" not in _menu_labels(roles["reporter"])


@pytest.mark.parametrize("role", ["audience", "admin"])
def test_the_audience_team_and_administrators_see_it(client, roles, role):
    client.force_login(roles[role])
    response = client.get(DASHBOARD_URL)
    assert response.status_code == 200
    assert "New members, donations and gifts per day" in response.content.decode()
    assert "Revenue" in _menu_labels(roles[role])
