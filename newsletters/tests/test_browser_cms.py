"""The newsletter issue editor and its send page in a real browser at 1280 px: screenshots
(kept under screenshots/cms-newsletter-*.png for review) and the layout checks they led to."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from django.contrib.auth import get_user_model

from newsletters.tests.conftest import add_confirmed, make_issue

os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
SHOTS = Path(__file__).resolve().parents[2] / "screenshots"


def _overlap(a: dict, b: dict) -> bool:  # type: ignore[type-arg]
    return not (
        a["x"] + a["width"] <= b["x"]
        or b["x"] + b["width"] <= a["x"]
        or a["y"] + a["height"] <= b["y"]
        or b["y"] + b["height"] <= a["y"]
    )


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_the_issue_editor_and_send_page_at_1280_px(live_server, page, newsroom, sink, morning):
    from playwright.sync_api import expect

    add_confirmed(morning, 3)
    issue = make_issue(morning)
    get_user_model().objects.create_superuser("admin", "admin@example.com", "pw")
    page.set_default_timeout(60_000)
    page.goto(live_server.url + "/cms/login/")
    page.get_by_label("Username").fill("admin")
    page.get_by_label("Password").fill("pw")
    page.get_by_role("button", name="Sign in").click()
    expect(page.get_by_text("The Test Ledger").first).to_be_visible()
    SHOTS.mkdir(exist_ok=True)

    page.goto(f"{live_server.url}/cms/snippets/newsletters/issue/edit/{issue.pk}/")
    send = page.get_by_role("link", name="Send, test or follow progress")
    expect(send).to_be_visible()
    page.screenshot(path=str(SHOTS / "cms-newsletter-issue-1280.png"), full_page=True)
    assert not page.locator("img[src*='gravatar']").count()

    send.click()
    picker = page.get_by_label("Send at (date and time in Europe/Berlin)")
    expect(picker).to_be_visible()
    button = page.get_by_role("button", name="Save schedule")
    assert not _overlap(picker.bounding_box(), button.bounding_box())
    # The native picker opens below the field; the button sits on its own line beneath it.
    assert button.bounding_box()["y"] >= picker.bounding_box()["y"] + picker.bounding_box()["height"]
    page.screenshot(path=str(SHOTS / "cms-newsletter-send-1280.png"), full_page=True)
