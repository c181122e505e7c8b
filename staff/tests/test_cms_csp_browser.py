"""In Chromium, as an administrator: the main CMS screens open without a single
Content-Security-Policy violation or script error (issue 10: Wagtail's own inline scripts were
blocked), and the widgets started without inline scripts still work (lib/wagtail_csp.py)."""

from __future__ import annotations

import re

import pytest
from wagtail.documents import get_document_model

from staff.tests.conftest import PASSWORD
from staff.tests.test_second_factor_browser import WATCH_CSP
from tests.support.newsroom import make_image, paragraphs

WATCH_CSP_DETAIL = (
    "window.__cspDetail = []; document.addEventListener('securitypolicyviolation',"
    " e => window.__cspDetail.push([e.violatedDirective, e.blockedURI, e.sourceFile, e.lineNumber,"
    " e.sample].join(' | ')));"
)


def _screens(newsroom) -> tuple[list[str], int]:
    article = newsroom.add_article("Harbour board meets in public", body=paragraphs("The board met on Monday."))
    image = make_image()
    document = get_document_model().objects.create(title="Budget 2026", file="documents/budget.pdf")
    home = newsroom.home
    return [
        "/cms/",
        "/cms/pages/",
        f"/cms/pages/{home.pk}/",
        f"/cms/pages/{article.pk}/edit/",
        f"/cms/pages/{article.pk}/history/",
        f"/cms/pages/{newsroom.sections['politics'].pk}/add_subpage/",
        "/cms/pages/search/?q=harbour",
        "/cms/snippets/",
        "/cms/images/",
        f"/cms/images/{image.pk}/",
        "/cms/images/multiple/add/",
        "/cms/documents/",
        f"/cms/documents/edit/{document.pk}/",
        "/cms/reports/locked/",
        "/cms/reports/site-history/",
        "/cms/reports/workflow/",
        "/cms/reports/aging-pages/",
        "/cms/users/",
        "/cms/groups/",
        "/cms/sites/",
        "/cms/workflows/list/",
        "/cms/collections/",
        "/cms/redirects/",
        "/cms/account/",
        "/cms/revenue/",
        "/cms/narration/",
        f"/cms/narration/article/{article.pk}/",
        "/cms/two-step/",
        "/cms/members-import/",
    ], article.pk


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_the_main_cms_screens_trip_no_content_security_policy(live_server, roles, newsroom, page):
    page.set_default_timeout(60_000)
    page.add_init_script(WATCH_CSP)
    page.add_init_script(WATCH_CSP_DETAIL)
    screens, article_id = _screens(newsroom)
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.goto(live_server.url + "/cms/login/")
    page.get_by_label("Username").fill("admin")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url("**/cms/")
    # Every menu entry too, read from the sidebar's own data, so a new screen is covered.
    props = page.locator("#wagtail-sidebar-props").text_content() or ""
    for url in re.findall(r'"(/cms/[^"?#]*)"', props):
        if "logout" not in url and url not in screens:
            screens.append(url)
    violations: dict[str, list[str]] = {}
    for url in screens:
        response = page.goto(live_server.url + url)
        assert response is not None and response.ok, (url, response and response.status)
        page.wait_for_load_state("networkidle")
        found = page.evaluate("window.__cspDetail || []")
        if found:
            violations[url] = found
    assert violations == {}
    assert errors == []
    assert len(screens) >= 35  # the sidebar's screens were found too

    # The started widgets work: an inline panel adds a form (whose date picker starts), and a
    # page chooser opens its dialog.
    page.goto(f"{live_server.url}/cms/pages/{article_id}/edit/")
    started = page.locator("[data-masthead-started]").count()
    assert started >= 3
    page.locator("#id_updates-ADD").click()
    page.wait_for_function(f"document.querySelectorAll('[data-masthead-started]').length > {started}")
    page.goto(live_server.url + "/cms/settings/newsroom/editorspicks/")
    page.locator("#id_picks-ADD").click()  # a new form, whose chooser starts as it is inserted
    page.get_by_role("button", name="Choose a page").last.click()
    page.get_by_role("dialog").get_by_text("Choose Article").wait_for()
    assert page.evaluate("window.__cspDetail || []") == []
    assert errors == []
