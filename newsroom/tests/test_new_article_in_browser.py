"""A reporter's first story saves on the first try: the slug follows the headline (Wagtail's w-sync),
and Wagtail's widgets (author chooser, inline panels) start under the CMS's Content-Security-Policy."""

from __future__ import annotations

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from playwright.sync_api import expect

from newsroom.models import ArticlePage
from staff.roles import REPORTERS, roles_apply

TIMEOUT = 60_000  # a shared two-core machine; waits, never sleeps

# Collects what the Content-Security-Policy blocked, before any page script runs.
WATCH_CSP = (
    "window.__csp = []; document.addEventListener('securitypolicyviolation',"
    " e => window.__csp.push(e.violatedDirective + ' ' + (e.blockedURI || e.sample)));"
)


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_a_new_article_with_headline_standfirst_author_and_a_paragraph_saves_first_time(live_server, newsroom, page):
    newsroom.add_author("Ada Lind")
    roles_apply()
    reporter = get_user_model().objects.create_user("reporter", "reporter@example.com", "pw")
    reporter.groups.add(Group.objects.get(name=REPORTERS))
    section = newsroom.sections["politics"]
    page.set_default_timeout(TIMEOUT)
    page.add_init_script(WATCH_CSP)

    page.goto(f"{live_server.url}/cms/login/")
    page.fill("#id_username", "reporter")
    page.fill("#id_password", "pw")
    page.click("button[type=submit]")
    page.wait_for_url(f"{live_server.url}/cms/")

    page.goto(f"{live_server.url}/cms/pages/add/newsroom/articlepage/{section.pk}/")
    page.fill("#id_title", "Harbour transformers hum again")
    page.fill("#id_standfirst", "The substation at the old quay is back after a week of repairs.")
    # The slug on the Promote tab is filled from the headline when the headline field is left.
    # Wagtail debounces the sync by 100 ms, so this waits for the value (and fails if it never comes).
    expect(page.locator("#id_slug")).to_have_value("harbour-transformers-hum-again", timeout=10_000)

    # Wagtail starts the author chooser with an inline script: the CMS's policy must allow it.
    page.locator("#id_article_authors-0-author-chooser .chooser__choose-button").click()
    modal = page.locator(".modal.fade.in, .modal[aria-hidden=false], .modal").first
    modal.locator("input[name=q]").fill("Ada")
    modal.get_by_role("link", name="Ada Lind").first.click()
    page.locator("#id_article_authors-0-author-title").get_by_text("Ada Lind").wait_for()

    body = page.locator("#panel-child-content-body-section")
    body.get_by_role("button", name="Insert a block").first.click()
    page.get_by_role("option", name="Paragraph").first.click()
    editor = body.locator("[contenteditable=true]").first
    editor.click()
    editor.type("Lights came back on along the quay on Tuesday night.")

    assert page.evaluate("window.__csp") == []  # nothing of the editor's was blocked
    page.get_by_role("button", name="Save draft").click()
    # The add form does not autosave (staff/page_create.py): this click creates the one draft.
    page.locator(".messages .success").wait_for()
    assert not page.locator(".messages .error").count()

    (story,) = ArticlePage.objects.filter(title="Harbour transformers hum again")
    assert story.slug == "harbour-transformers-hum-again"
    assert [a.author.title for a in story.article_authors.all()] == ["Ada Lind"]
    assert ArticlePage.objects.filter(slug=story.slug).count() == 1
    # What was typed is in the saved draft: Save draft, clicked straight after typing, loses nothing.
    saved = story.get_latest_revision_as_object()
    assert [block.block_type for block in saved.body] == ["paragraph"]
    assert "Lights came back on along the quay on Tuesday night." in str(saved.body[0].value)
