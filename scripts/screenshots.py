"""Screenshots of the reader pages at desktop (1280 px) and phone (390 px) widths, and of the CMS
pages a reporter and an editor use at 1280 px.

Uses the demo database under var/ (made as `make run` makes it) and Debian's chromium through
Playwright. The CMS part signs in as the demo reporter and editor (README's table) and writes a
story, submits it, reviews it and makes a newsletter issue, so it runs on a copy of the SQLite
database (var/ stays as it was). Output: screenshots/<page>-<width>.png and
screenshots/cms-<step>-1280.png. SCREENSHOT_PORT chooses the server's port (else a free one).
"""

from __future__ import annotations

import os
import re
import shutil
import socket
import sqlite3
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from playwright.sync_api import Browser, expect, sync_playwright

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from tests.support.browser import CHROMIUM, CHROMIUM_ARGS

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "screenshots"


from lib.ports import free_port  # noqa: E402

# The demo's staff (README); with DEBUG on no group must use two-step sign-in.
REPORTER = ("reporter", "masthead-reporter")
EDITOR = ("editor", "masthead-editor")
HEADLINE = "Harbour pilots call off their strike"
TIMEOUT = 60_000


def _sign_in(browser: Browser, base: str, account: tuple[str, str]):  # type: ignore[no-untyped-def]
    context = browser.new_context(viewport={"width": 1280, "height": 1400}, device_scale_factor=1)
    tab = context.new_page()
    tab.set_default_timeout(TIMEOUT)
    tab.goto(base + "/cms/login/")
    tab.get_by_label("Username").fill(account[0])
    tab.get_by_label("Password").fill(account[1])
    tab.get_by_role("button", name="Sign in").click()
    tab.wait_for_url(base + "/cms/")
    return context, tab


# Typing scrolls Wagtail's panels sideways into view; a screenshot starts at the left edge.
UNSCROLL = "document.querySelectorAll('*').forEach(e => { if (e.scrollLeft) e.scrollLeft = 0; })"


def _shot(tab, name: str, *, full_page: bool = False) -> None:  # type: ignore[no-untyped-def]
    """The CMS scrolls inside its own panes, so a tall viewport, not Playwright's full page."""
    target = OUT / f"cms-{name}-1280.png"
    tab.evaluate(UNSCROLL)
    tab.screenshot(path=str(target), full_page=full_page)
    print(f"  {target.relative_to(ROOT)}")


def cms_screenshots(browser: Browser, base: str, section_id: int) -> None:
    """A reporter writes and submits a story; an editor reviews it and makes a newsletter issue."""
    context, tab = _sign_in(browser, base, REPORTER)
    tab.goto(f"{base}/cms/pages/add/newsroom/articlepage/{section_id}/")
    tab.fill("#id_title", HEADLINE)
    tab.fill("#id_standfirst", "Ships can enter the harbour again after pilots and the port agreed on night pay.")
    expect(tab.locator("#id_slug")).to_have_value("harbour-pilots-call-off-their-strike", timeout=TIMEOUT)
    tab.locator("#id_article_authors-0-author-chooser .chooser__choose-button").click()
    tab.locator(".modal td.title a, .modal a[data-chooser-modal-choice]").first.click()
    tab.locator("#id_article_authors-0-author-title").wait_for()
    body = tab.locator("#panel-child-content-body-section")
    body.get_by_role("button", name="Insert a block").first.click()
    tab.get_by_role("option", name="Paragraph").first.click()
    editor = body.locator("[contenteditable=true]").first
    editor.click()
    editor.type("The harbour master said the first tanker would dock before dawn on Thursday.")
    # Draftail copies what was typed into the form a moment later; saving at once saved an
    # empty paragraph, which Submit then refused.
    tab.wait_for_timeout(1500)
    tab.get_by_role("button", name="Save draft").click()
    try:
        tab.wait_for_url(re.compile(r".*/cms/pages/\d+/edit/$"))  # created: now its edit page
    except Exception:
        _shot(tab, "failed-save")
        raise
    edit_url = tab.url
    _shot(tab, "new-article")
    tab.get_by_role("button", name="More actions").click()
    submit = tab.get_by_role("button", name="Submit to Reporter submits, editor approves")
    expect(submit).to_be_visible()
    tab.wait_for_timeout(400)  # the menu's opening transition, so the shot is not mid-fade
    _shot(tab, "submit-for-moderation")
    with tab.expect_navigation():
        submit.click()
    _shot(tab, "submitted")
    context.close()

    context, tab = _sign_in(browser, base, EDITOR)
    tab.get_by_text(HEADLINE).first.wait_for()  # the dashboard's "Awaiting your review"
    _shot(tab, "editor-dashboard")
    tab.goto(edit_url)
    tab.get_by_role("button", name="More actions").click()
    expect(tab.get_by_role("button", name="Approve and publish")).to_be_visible()
    tab.wait_for_timeout(400)
    _shot(tab, "editor-review")

    tab.goto(base + "/cms/newsletters/from-article/")
    tab.get_by_role("button", name="Make a draft issue").click()
    send = tab.url
    tab.get_by_text("A draft issue was made from the article").wait_for()
    _shot(tab, "newsletter-send")
    issue_id = send.rstrip("/").split("/")[-2]
    tab.goto(f"{base}/cms/snippets/newsletters/issue/edit/{issue_id}/")
    expect(tab.get_by_role("link", name="Send, test or follow progress")).to_be_visible()
    _shot(tab, "newsletter-issue")
    context.close()


def _copy_of_the_demo(env: dict[str, str], scratch: Path) -> dict[str, str]:
    """The environment of a server on a copy of the SQLite demo (the CMS screenshots write to it)."""
    if env.get("DATABASE_URL"):
        return env  # another database: its owner asked for it
    copy = scratch / "masthead.sqlite3"
    with sqlite3.connect(ROOT / "var" / "masthead.sqlite3") as source, sqlite3.connect(copy) as target:
        source.backup(target)
    return {**env, "DATABASE_URL": f"sqlite:///{copy}", "CACHE_DIR": str(scratch / "cache")}


def main() -> int:
    env = {**os.environ, "DEBUG": "1", "DJANGO_SETTINGS_MODULE": "config.settings"}
    manage = [sys.executable, "manage.py"]
    subprocess.run([*manage, "migrate", "--no-input", "-v0"], cwd=ROOT, env=env, check=True)
    subprocess.run([*manage, "load_demo", "--first-start", "-v0"], cwd=ROOT, env=env, check=True)
    scratch = Path(tempfile.mkdtemp(prefix="masthead-screenshots-"))
    env = _copy_of_the_demo(env, scratch)
    section_id = int(
        subprocess.run(
            [
                *manage,
                "shell",
                "-v0",
                "-c",
                "from newsroom.models import SectionPage;"
                "print(SectionPage.objects.live().order_by('path').values_list('pk', flat=True)[1])",
            ],
            cwd=ROOT,
            env=env,
            check=True,
            capture_output=True,
            text=True,
        ).stdout.split()[-1]
    )
    paths = {"home": "/"}
    extra = sys.argv[1:]
    port = int(os.environ.get("SCREENSHOT_PORT") or free_port())
    server = subprocess.Popen(
        [*manage, "runserver", f"127.0.0.1:{port}", "--noreload"],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    OUT.mkdir(exist_ok=True)
    try:
        base = f"http://127.0.0.1:{port}"
        for _ in range(600):  # up to a minute: a loaded machine starts Django slowly
            try:
                socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
                break
            except OSError:
                time.sleep(0.1)
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            page = browser.new_page()
            page.goto(base + "/")
            lead = page.locator(".card--lead .card__title a").first.get_attribute("href")
            paths.update({"article": lead or "/", "news-feed": "/news-feed/"})
            page.goto(base + (lead or "/"))
            paths["tag"] = page.locator(".tag-list a").first.get_attribute("href") or "/"
            # The demo's live coverage (live/demo.py) hangs under the War section.
            paths["live"] = "/war/sorvik-strikes-live/"
            for n, path in enumerate(extra):
                paths[f"extra-{n}"] = path
            for width in (1280, 390):
                context = browser.new_context(viewport={"width": width, "height": 900}, device_scale_factor=1)
                tab = context.new_page()
                for name, path in paths.items():
                    tab.goto(base + path, wait_until="networkidle")
                    target = OUT / f"{name}-{width}.png"
                    tab.screenshot(path=str(target), full_page=True)
                    print(f"  {target.relative_to(ROOT)}")
                context.close()
            cms_screenshots(browser, base, section_id)
            browser.close()
    finally:
        server.terminate()
        server.wait(timeout=10)
        shutil.rmtree(scratch, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
