"""The link checker (scripts/check_links.py) itself: it must catch dead and foreign links, and
its SMTP capture must store what it accepts. Real servers on loopback, no Django."""

from __future__ import annotations

import email
import email.policy
import importlib.util
import smtplib
import sys
import threading
import time
from collections.abc import Iterator
from email.message import EmailMessage
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from newsletters.dev_mailbox import free_port

ROOT = Path(__file__).resolve().parents[2]
_spec = importlib.util.spec_from_file_location("masthead_check_links", ROOT / "scripts" / "check_links.py")
assert _spec is not None and _spec.loader is not None
check_links = importlib.util.module_from_spec(_spec)
sys.modules["masthead_check_links"] = check_links  # dataclasses look their module up
_spec.loader.exec_module(check_links)


class Site(BaseHTTPRequestHandler):
    def do_GET(self) -> None:
        routes = {
            "/": (200, {}),
            "/moved": (302, {"Location": "/"}),
            "/away": (302, {"Location": "https://elsewhere.example/"}),
        }
        status, headers = routes.get(self.path, (404, {}))
        self.send_response(status)
        for name, value in headers.items():
            self.send_header(name, value)
        self.send_header("Content-Length", "0")
        self.end_headers()

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture
def site() -> Iterator[str]:
    server = ThreadingHTTPServer(("127.0.0.1", 0), Site)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()


def test_a_link_opens_only_if_it_is_on_the_site_and_ends_in_a_200(site):
    browser = check_links.Browser(site)
    report = check_links.Report(base=site)
    assert check_links.open_link(browser, report, f"{site}/") is None
    assert check_links.open_link(browser, report, f"{site}/moved") is None
    assert check_links.open_link(browser, report, f"{site}/gone") == "HTTP 404"
    assert "redirects off the site" in check_links.open_link(browser, report, f"{site}/away")
    assert "foreign origin" in check_links.open_link(browser, report, "http://localhost/")
    assert "foreign origin" in check_links.open_link(browser, report, "/relative/in/a/mail")


def test_links_are_read_from_mail_feeds_and_json_ld_but_not_names_or_vocabulary():
    message = EmailMessage()
    message["List-Unsubscribe"] = "<mailto:u@example.com>, <http://127.0.0.1:1/unsubscribe/x/>"
    message.set_content("Confirm: http://127.0.0.1:1/confirm/abc/.")
    message.add_alternative('<a href="http://127.0.0.1:1/a/">a</a> <a href="/relative/">b</a>', subtype="html")
    assert set(check_links.mail_urls(message)) == {
        "http://127.0.0.1:1/unsubscribe/x/",
        "http://127.0.0.1:1/confirm/abc/",
        "http://127.0.0.1:1/a/",
        "/relative/",
    }
    rss = (
        "<rss><channel><link>http://s/</link><item><link>http://s/story/</link>"
        '<guid isPermaLink="false">story-1</guid><enclosure url="http://s/a.mp3"/></item></channel></rss>'
    )
    assert set(check_links.xml_urls(rss)) == {"http://s/", "http://s/story/", "http://s/a.mp3"}
    assert check_links.item_links(rss) == ["http://s/story/"]
    page = check_links.parse_page(
        '<link rel="canonical" href="http://s/x/"><meta property="og:url" content="http://s/x/">'
        '<script type="application/ld+json">{"@context": "https://schema.org", "url": "http://s/x/",'
        ' "image": ["http://s/i.jpg"]}</script>',
        "http://s/x/",
    )
    assert sorted(url for _, url in check_links.head_urls(page)) == [
        "http://s/i.jpg",
        "http://s/x/",
        "http://s/x/",
        "http://s/x/",
    ]


def test_the_smtp_capture_stores_each_message_before_it_answers(tmp_path):
    from aiosmtpd.controller import Controller

    port = free_port()
    controller = Controller(check_links.StoreHandler(tmp_path), hostname="127.0.0.1", port=port)
    controller.start()
    try:
        message = EmailMessage()
        message["From"], message["To"], message["Subject"] = "a@example.com", "b@example.com", "Hello"
        message.set_content("http://127.0.0.1:1/x/")
        with smtplib.SMTP("127.0.0.1", port, timeout=10) as client:
            client.send_message(message)
        stored = list(tmp_path.glob("*.eml"))  # no waiting: written before the 250
    finally:
        controller.stop()
    assert len(stored) == 1
    saved = email.message_from_bytes(stored[0].read_bytes(), policy=email.policy.default)
    assert (saved["Subject"], saved["X-Envelope-To"]) == ("Hello", "b@example.com")
    found = check_links.wait_for_mail(tmp_path, time.time() - 60, {"b@example.com"}, timeout=1)
    assert list(found) == ["b@example.com"]
