"""In Chromium: a reporter adds an entry in the CMS while a reader has the live page open in
another browser; the reader is offered it within 10 seconds without reloading, the pinned entry
stays on top, and axe finds nothing serious on the reader's page."""

from __future__ import annotations

import time

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from playwright.sync_api import expect

from live import services
from live.models import LiveEntry
from staff.roles import REPORTERS, roles_apply
from tests.support.axe import serious_violations
from tests.support.newsroom import paragraphs

TIMEOUT = 60_000  # a shared two-core machine; waits, never sleeps
WATCH_CSP = (
    "window.__csp = []; document.addEventListener('securitypolicyviolation',"
    " e => window.__csp.push(e.violatedDirective + ' ' + (e.blockedURI || e.sample)));"
)


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_a_reader_sees_a_reporters_new_entry_within_ten_seconds(live_server, newsroom, live_page, browser):
    roles_apply()
    reporter = get_user_model().objects.create_user("reporter", "reporter@example.com", "pw")
    reporter.groups.add(Group.objects.get(name=REPORTERS))
    pinned = services.entry_post(page=live_page, body=paragraphs("How we cover tonight."), pinned=True)
    services.entry_post(page=live_page, body=paragraphs("Sirens in the south."), key_event=True, title="Sirens")

    reader_context = browser.new_context(viewport={"width": 1280, "height": 900})
    reader = reader_context.new_page()
    reader.set_default_timeout(TIMEOUT)
    reader.add_init_script(WATCH_CSP)
    reader.goto(f"{live_server.url}{live_page.url}")
    expect(reader.locator("[data-live-pinned] [data-entry]").first).to_have_attribute("data-entry", str(pinned.pk))
    reader.evaluate("window.__loaded = true")  # gone if the page ever reloads

    cms_context = browser.new_context(viewport={"width": 1280, "height": 900})
    cms = cms_context.new_page()
    cms.set_default_timeout(TIMEOUT)
    cms.goto(f"{live_server.url}/cms/login/")
    cms.fill("#id_username", "reporter")
    cms.fill("#id_password", "pw")
    cms.click("button[type=submit]")
    cms.wait_for_url(f"{live_server.url}/cms/")
    # The live page's edit screen links here ("Add entry"), with the page filled in.
    cms.goto(f"{live_server.url}/cms/snippets/live/liveentry/add/?live_page={live_page.pk}")
    cms.fill("#id_title", "Bridge to the old town closed")
    cms.get_by_role("button", name="Insert a block").first.click()
    cms.get_by_role("option", name="Paragraph").first.click()
    editor = cms.locator("[contenteditable=true]").first
    editor.click()
    editor.type("Police have closed the Harbour bridge in both directions.")
    cms.get_by_role("button", name="Save").first.click()
    cms.locator(".messages .success").wait_for()
    saved_at = time.monotonic()
    (entry,) = LiveEntry.objects.filter(title="Bridge to the old town closed")
    assert entry.page_id == live_page.pk and entry.revisions.count() >= 1

    # The reader is offered the entry within 10 s, without a reload, and it is announced politely.
    button = reader.locator("[data-live-show]")
    expect(button).to_be_visible(timeout=10_000)
    assert time.monotonic() - saved_at <= 10
    expect(button).to_have_text("Show 1 new update")
    expect(reader.locator("[data-live-announcer]")).to_have_text("1 new update")
    assert reader.locator("[data-live-announcer]").get_attribute("aria-live") == "polite"
    assert reader.locator(f"#entry-{entry.pk}").count() == 0  # held back: the text being read never moves
    button.focus()
    reader.keyboard.press("Enter")  # keyboard reachable
    expect(reader.locator(f"#entry-{entry.pk}")).to_be_visible()
    expect(reader.locator(f"#entry-{entry.pk}")).to_be_focused()
    assert reader.evaluate("window.__loaded") is True
    ids = reader.locator("[data-entry]").evaluate_all("els => els.map(e => e.getAttribute('data-entry'))")
    assert ids[:2] == [str(pinned.pk), str(entry.pk)]  # the pinned entry stays on top

    assert reader.evaluate("window.__csp") == []
    assert serious_violations(reader) == []
    reader_context.close()
    cms_context.close()
