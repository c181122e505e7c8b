"""In a real browser at desktop and phone widths: the gift form looks like the join page (its
sections, fields and plans styled, nothing wider than its card), and the join page's custom
amount box stays inside its card.

Set MASTHEAD_SCREENSHOTS=<directory> to keep a full-page screenshot of each page and width.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

WIDTHS = (1280, 390)


@pytest.fixture
def browser() -> Iterator[Any]:
    from playwright.sync_api import sync_playwright

    from tests.support.browser import CHROMIUM, CHROMIUM_ARGS

    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield launched
        launched.close()


def _open(browser: Any, url: str, width: int, name: str) -> Any:
    context = browser.new_context(viewport={"width": width, "height": 900})
    tab = context.new_page()
    tab.set_default_timeout(90_000)  # two cores shared with other runs
    tab.goto(url, wait_until="networkidle")
    keep = os.environ.get("MASTHEAD_SCREENSHOTS")
    if keep:
        Path(keep).mkdir(parents=True, exist_ok=True)
        tab.screenshot(path=str(Path(keep) / f"{name}-{width}.png"), full_page=True)
    return tab


def _inside(inner: dict[str, float], outer: dict[str, float], slack: float = 0.5) -> bool:
    return (
        inner["x"] >= outer["x"] - slack
        and inner["x"] + inner["width"] <= outer["x"] + outer["width"] + slack
        and inner["width"] > 0
    )


@pytest.mark.parametrize("width", WIDTHS)
def test_the_join_pages_amount_box_fits_its_card(browser, live_server, stripe_settings, newsroom, width):
    tab = _open(browser, live_server.url + "/membership/join/", width, "join")
    box = tab.locator("#join-amount").bounding_box()
    card = tab.locator(".member-plan", has=tab.locator("#join-amount")).bounding_box()
    assert box is not None and card is not None
    padding = float(
        tab.locator(".member-plan", has=tab.locator("#join-amount")).evaluate(
            "el => parseFloat(getComputedStyle(el).paddingRight)"
        )
    )
    assert box["x"] + box["width"] <= card["x"] + card["width"] - padding + 0.5, (box, card)
    tab.context.close()


@pytest.mark.parametrize("width", WIDTHS)
def test_the_gift_form_is_laid_out_like_the_join_page(browser, live_server, stripe_settings, newsroom, width):
    tab = _open(browser, live_server.url + "/support/gift/", width, "gift")
    form = tab.locator("#gift-form")
    style = form.locator(".gift-section").first.evaluate(
        "el => { const s = getComputedStyle(el); return [s.display, s.borderLeftStyle, s.borderTopStyle]; }"
    )
    # Sections are the join page's grid with a rule above, not the browser's boxed fieldsets.
    assert style == ["grid", "none", "solid"]
    for field in ("#gift-recipient-name", "#gift-recipient-email", "#gift-deliver-on", "#gift-message"):
        padding = tab.locator(field).evaluate("el => getComputedStyle(el).paddingLeft")
        assert padding == "12px", (field, padding)  # the join form's inputs
    assert tab.locator(".gift-delivery label").first.evaluate("el => getComputedStyle(el).fontWeight") == "400"
    page_box = tab.locator(".gift-page").bounding_box()
    for selector in (".member-plan", ".gift-section", "#gift-message", "#card-element", ".member-button"):
        for n in range(tab.locator(selector).count()):
            element = tab.locator(selector).nth(n).bounding_box()
            assert element is not None and _inside(element, page_box), (selector, n, element, page_box)
    for n in range(tab.locator(".member-plan").count()):
        card = tab.locator(".member-plan").nth(n)
        for label in range(card.locator("label").count()):
            assert _inside(card.locator("label").nth(label).bounding_box(), card.bounding_box())
    assert tab.evaluate("document.documentElement.scrollWidth") <= width
    tab.context.close()
