"""Open every link a running site hands out, and fail on any that is dead or points elsewhere.

Two commands, for a site started with `make run` (or `make serve`) and mail going to an SMTP
server this script runs:

    python scripts/check_links.py smtp --port 9325 --store var/check-links/mail
    PORT=9300 EMAIL_HOST=127.0.0.1 EMAIL_PORT=9325 LOCALSTRIPE_PORT=9320 make run
    python scripts/check_links.py check http://127.0.0.1:9300 --store var/check-links/mail \
        --stripe http://127.0.0.1:9320

`smtp` stores every message it accepts as one .eml file (written before it answers 250).
`check` makes the site send mail as a reader would — a newsletter sign-up, a membership
(localstripe's test card), a sign-in link request for that member and a gift — waits for those
messages, then collects every http(s) link from them, from the site and news feeds (RSS and
Atom), the podcast feed and the feeds the home page announces, robots.txt, both sitemaps, and
the canonical, feed (alternate), og:url, og:image and JSON-LD links of the home page and a few
articles. Each link must be on the site's own origin and answer 200,
directly or after redirects that stay on that origin. A progress line per group, then a summary;
the exit status is 1 if any link is dead or foreign (or a mail never came), 0 otherwise.

Only the standard library and aiosmtpd (already a dependency), so it runs from any checkout.
"""

from __future__ import annotations

import argparse
import email
import email.policy
import http.cookiejar
import json
import re
import signal
import sys
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
import uuid
import xml.etree.ElementTree as ET
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

TIMEOUT = 30
TEST_CARD = "4242424242424242"
URL_IN_TEXT = re.compile(r"https?://[^\s<>\"')\]]+")


# --- the SMTP capture ---------------------------------------------------------------------------


class StoreHandler:
    """aiosmtpd handler: each accepted message becomes <store>/<time>-<n>.eml before the 250."""

    def __init__(self, store: Path) -> None:
        self.store = store
        self.count = 0
        self.lock = threading.Lock()

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:
        with self.lock:
            self.count += 1
            name = f"{time.time():.6f}-{self.count}.eml"
        headers = f"X-Envelope-To: {', '.join(envelope.rcpt_tos)}\r\n".encode()
        temporary = self.store / f".{name}.tmp"
        temporary.write_bytes(headers + envelope.original_content)
        temporary.rename(self.store / name)  # a reader never sees half a message
        return "250 Message accepted for delivery"


def run_smtp(host: str, port: int, store: Path) -> int:
    from aiosmtpd.controller import Controller

    store.mkdir(parents=True, exist_ok=True)
    handler = StoreHandler(store)
    controller = Controller(handler, hostname=host, port=port)
    controller.start()
    print(f"SMTP capture on {host}:{port}, storing messages in {store}", flush=True)
    stop = threading.Event()
    signal.signal(signal.SIGTERM, lambda *_: stop.set())
    signal.signal(signal.SIGINT, lambda *_: stop.set())
    stop.wait()
    controller.stop()
    print(f"SMTP capture stopped after {handler.count} messages", flush=True)
    return 0


# --- HTTP without automatic redirects -----------------------------------------------------------


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args: Any, **kwargs: Any) -> None:
        return None


@dataclass
class Answer:
    status: int
    headers: Any
    body: bytes

    def text(self) -> str:
        return self.body.decode("utf-8", "replace")


class Browser:
    """A reader's browser: keeps cookies, sends the site's own Origin on posts."""

    def __init__(self, base: str) -> None:
        self.base = base.rstrip("/")
        self.cookies = http.cookiejar.CookieJar()
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(self.cookies), NoRedirect())

    def request(
        self, url: str, *, data: bytes | None = None, headers: dict[str, str] | None = None, method: str | None = None
    ) -> Answer:
        full = urllib.parse.urljoin(self.base + "/", url)
        request = urllib.request.Request(full, data=data, headers=headers or {}, method=method)  # noqa: S310
        request.add_header("User-Agent", "masthead-check-links/1")
        try:
            with self.opener.open(request, timeout=TIMEOUT) as response:
                return Answer(response.status, response.headers, response.read())
        except urllib.error.HTTPError as error:
            return Answer(error.code, error.headers, error.read())

    def get(self, url: str) -> Answer:
        return self.request(url)

    def post_form(self, url: str, fields: list[tuple[str, str]], *, referer: str) -> Answer:
        return self.request(
            url,
            data=urllib.parse.urlencode(fields).encode(),
            headers={
                "Content-Type": "application/x-www-form-urlencoded",
                "Origin": self.base,
                "Referer": urllib.parse.urljoin(self.base + "/", referer),
            },
        )

    def post_json(self, url: str, body: dict[str, Any]) -> Answer:
        return self.request(
            url,
            data=json.dumps(body).encode(),
            headers={"Content-Type": "application/json", "Origin": self.base, "Referer": self.base + "/"},
        )


def post_json_to(url: str, body: dict[str, Any]) -> dict[str, Any]:
    request = urllib.request.Request(  # noqa: S310 - localstripe on loopback
        url, data=json.dumps(body).encode(), headers={"Content-Type": "application/json"}
    )
    try:
        with urllib.request.urlopen(request, timeout=TIMEOUT) as response:  # noqa: S310
            return dict(json.loads(response.read()))
    except urllib.error.HTTPError as error:
        return dict(json.loads(error.read() or b"{}"))


# --- reading links out of HTML, XML, JSON-LD and mail -------------------------------------------


class PageParser(HTMLParser):
    """Forms (for sign-up), <link>/<meta> tags and JSON-LD blocks of one HTML page."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.links: list[dict[str, str]] = []
        self.metas: list[dict[str, str]] = []
        self.hrefs: list[str] = []
        self.forms: list[dict[str, Any]] = []
        self.json_ld: list[str] = []
        self.url = ""  # where the page was read, for its relative links
        self._in_json_ld = False
        self._buffer: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {name: value or "" for name, value in attrs}
        if tag == "link":
            self.links.append(values)
        elif tag == "meta":
            self.metas.append(values)
        elif tag == "a" and values.get("href"):
            self.hrefs.append(values["href"])
        elif tag == "form":
            self.forms.append({"action": values.get("action", ""), "method": values.get("method", "get"), "inputs": []})
        elif tag in {"input", "button", "select", "textarea"} and self.forms:
            self.forms[-1]["inputs"].append(values)
        elif tag == "script" and values.get("type") == "application/ld+json":
            self._in_json_ld, self._buffer = True, []

    def handle_data(self, data: str) -> None:
        if self._in_json_ld:
            self._buffer.append(data)

    def handle_endtag(self, tag: str) -> None:
        if tag == "script" and self._in_json_ld:
            self._in_json_ld = False
            self.json_ld.append("".join(self._buffer))


def parse_page(html: str, url: str = "") -> PageParser:
    parser = PageParser()
    parser.url = url
    parser.feed(html)
    return parser


def json_ld_urls(value: Any, key: str = "") -> Iterator[str]:
    """Every http(s) string in a JSON-LD document except the vocabulary (@context, @type)."""
    if isinstance(value, dict):
        for name, item in value.items():
            if name not in {"@context", "@type"}:
                yield from json_ld_urls(item, name)
    elif isinstance(value, list):
        for item in value:
            yield from json_ld_urls(item, key)
    elif isinstance(value, str) and value.startswith(("http://", "https://")):
        yield value


def head_urls(page: PageParser) -> Iterator[tuple[str, str]]:
    """(what, url) for canonical, alternate (feeds), og:url, og:image, twitter:image and JSON-LD
    of one page."""
    for link in page.links:
        rel = link.get("rel", "").split()
        if "canonical" in rel and link.get("href"):
            yield "canonical", link["href"]  # must be absolute: a relative one fails as foreign
        elif "alternate" in rel and link.get("href"):
            yield "alternate", urllib.parse.urljoin(page.url, link["href"])
    for meta in page.metas:
        name = meta.get("property") or meta.get("name") or ""
        if name in {"og:url", "og:image", "twitter:image"} and meta.get("content"):
            yield name, meta["content"]
    for block in page.json_ld:
        try:
            document = json.loads(block)
        except ValueError:
            yield "json-ld (unreadable)", "unreadable JSON-LD"
            continue
        for url in json_ld_urls(document):
            yield "json-ld", url


def xml_urls(text: str) -> Iterator[str]:
    """Links in an RSS, Atom, podcast or sitemap document: element text of link/loc/url/comments
    (and guid when it is a permalink), and href/url attributes. Atom ids are names, not links."""
    root = ET.fromstring(text)  # noqa: S314 - our own site's XML
    for element in root.iter():
        local = element.tag.rsplit("}", 1)[-1]
        body = (element.text or "").strip()
        if local in {"link", "loc", "url", "comments"} and body.startswith(("http://", "https://")):
            yield body
        if local == "guid" and element.get("isPermaLink", "true") != "false" and body.startswith("http"):
            yield body
        for attribute in ("href", "url"):
            value = element.get(attribute, "")
            if value.startswith(("http://", "https://")):
                yield value


def item_links(text: str) -> list[str]:
    """The story links of an RSS or Atom feed (each <item>'s <link>, each <entry>'s link href)."""
    root = ET.fromstring(text)  # noqa: S314 - our own site's XML
    links: list[str] = []
    for entry in root.iter():
        local = entry.tag.rsplit("}", 1)[-1]
        for child in entry if local in {"item", "entry"} else []:
            if child.tag.rsplit("}", 1)[-1] == "link":
                links.append((child.text or child.get("href") or "").strip())
    return [link for link in links if link]


def sitemap_children(text: str) -> list[str]:
    """The sitemaps a sitemap index lists."""
    root = ET.fromstring(text)  # noqa: S314 - our own site's XML
    return [
        (child.text or "").strip()
        for entry in root.iter()
        if entry.tag.rsplit("}", 1)[-1] == "sitemap"
        for child in entry
        if child.tag.rsplit("}", 1)[-1] == "loc"
    ]


def mail_urls(message: email.message.EmailMessage) -> Iterator[str]:
    """Links in every text and HTML part and in List-Unsubscribe (mailto: is not a page)."""
    for header in ("List-Unsubscribe",):
        for value in message.get_all(header) or []:
            yield from re.findall(r"<(https?://[^>]+)>", str(value))
    for part in message.walk():
        if part.get_content_maintype() != "text":
            continue
        content = part.get_content()
        if part.get_content_subtype() == "html":
            parsed = parse_page(content)
            # A relative link in a mail opens nothing: yield it as it is, and it fails as foreign.
            yield from (href for href in parsed.hrefs if not href.startswith(("mailto:", "tel:", "#")))
            yield from (u for u in URL_IN_TEXT.findall(re.sub(r"<[^>]+>", " ", content)))
        else:
            yield from (url.rstrip(".,;:") for url in URL_IN_TEXT.findall(content))


# --- checking -----------------------------------------------------------------------------------


@dataclass
class Report:
    base: str
    checked: dict[str, int] = field(default_factory=dict)  # url → final status
    sources: dict[str, set[str]] = field(default_factory=dict)
    problems: list[str] = field(default_factory=list)
    groups: list[tuple[str, int, int]] = field(default_factory=list)
    mails: int = 0

    @property
    def origin(self) -> str:
        parts = urllib.parse.urlsplit(self.base)
        return f"{parts.scheme}://{parts.netloc}"

    def same_origin(self, url: str) -> bool:
        parts = urllib.parse.urlsplit(url)
        return f"{parts.scheme}://{parts.netloc}" == self.origin


def open_link(browser: Browser, report: Report, url: str) -> str | None:
    """None when the link opens a page of this site; otherwise what is wrong with it."""
    if not report.same_origin(url):
        return f"foreign origin (the site is {report.origin})"
    current = url
    for _hop in range(6):
        answer = browser.get(current)
        if answer.status in {301, 302, 303, 307, 308}:
            target = urllib.parse.urljoin(current, answer.headers.get("Location", ""))
            if not report.same_origin(target):
                return f"redirects off the site to {target}"
            current = target
            continue
        report.checked[url] = answer.status
        return None if answer.status == 200 else f"HTTP {answer.status}" + (f" at {current}" if current != url else "")
    return "more than five redirects"


def check_group(browser: Browser, report: Report, name: str, urls: Iterable[str]) -> None:
    unique = list(dict.fromkeys(u.strip() for u in urls if u.strip()))
    bad = 0
    for url in unique:
        report.sources.setdefault(url, set()).add(name)
        if url in report.checked and report.checked[url] == 200:
            continue
        problem = open_link(browser, report, url)
        if problem:
            bad += 1
            report.problems.append(f"{name}: {url}: {problem}")
    report.groups.append((name, len(unique), bad))
    print(f"  {name}: {len(unique)} links, {bad} bad", flush=True)


def fetch(browser: Browser, report: Report, path: str, what: str) -> str | None:
    answer = browser.get(path)
    if answer.status != 200:
        report.problems.append(f"{what}: {path} answered HTTP {answer.status}")
        print(f"  {what}: {path} answered HTTP {answer.status}", flush=True)
        return None
    return answer.text()


# --- making the site send mail ------------------------------------------------------------------


def trigger_newsletter_signup(browser: Browser, address: str) -> str:
    html = browser.get("/newsletters/").text()
    page = parse_page(html)
    form = next((f for f in page.forms if f["action"].rstrip("/").endswith("/newsletters/subscribe")), None)
    if form is None:
        return "no sign-up form on /newsletters/"
    fields: list[tuple[str, str]] = []
    chose = False
    for control in form["inputs"]:
        name, kind = control.get("name", ""), control.get("type", "text")
        if not name:
            continue
        if name == "email":
            fields.append((name, address))
        elif kind == "hidden":
            fields.append((name, control.get("value", "")))
        elif kind == "checkbox" and name == "newsletters" and not chose:
            fields.append((name, control.get("value", "")))  # the first newsletter on the list
            chose = True
        # other text inputs are the honeypot: a person leaves them empty
    answer = browser.post_form(form["action"], fields, referer="/newsletters/")
    return "" if answer.status in {302, 303} else f"sign-up answered HTTP {answer.status}"


def trigger_membership(browser: Browser, stripe: str, address: str) -> str:
    start = browser.post_json(
        "/membership/join/start/",
        {"email": address, "name": "Link Checker", "choice": "membership", "plan": "member", "interval": "month"},
    )
    if start.status != 200:
        return f"join start answered HTTP {start.status}: {start.text()[:200]}"
    started = json.loads(start.body)
    error = confirm_card(stripe, started["client_secret"])
    if error:
        return error
    pay = browser.post_json("/membership/join/pay/", {"checkout": started["checkout"]})
    result = json.loads(pay.body or b"{}")
    return "" if result.get("status") == "succeeded" else f"join pay: {result}"


def trigger_gift(browser: Browser, stripe: str, buyer: str, recipient: str) -> str:
    today = time.strftime("%Y-%m-%d")
    start = browser.post_json(
        "/support/gift/start/",
        {
            "plan": "member",
            "months": "3",
            "buyer_email": buyer,
            "buyer_name": "Link Checker",
            "recipient_name": "Gift Reader",
            "recipient_email": recipient,
            "message": "A check that every link in this mail opens.",
            "delivery": "email",
            "deliver_on": today,
            "source": "direct",
        },
    )
    if start.status != 200:
        return f"gift start answered HTTP {start.status}: {start.text()[:200]}"
    started = json.loads(start.body)
    error = confirm_card(stripe, started["client_secret"])
    if error:
        return error
    pay = browser.post_json("/support/gift/pay/", {"gift": started["gift"]})
    result = json.loads(pay.body or b"{}")
    return "" if result.get("status") == "succeeded" else f"gift pay: {result}"


def confirm_card(stripe: str, client_secret: str) -> str:
    """What Stripe.js does in the browser with the test card, done against localstripe."""
    seti = client_secret.split("_secret_")[0]
    result = post_json_to(
        f"{stripe}/v1/setup_intents/{seti}/confirm",
        {
            "key": "pk_test_localstripe",
            "client_secret": client_secret,
            "payment_method_data": {
                "type": "card",
                "card": {"number": TEST_CARD, "exp_month": "12", "exp_year": "2034", "cvc": "123"},
            },
        },
    )
    return f"localstripe refused the test card: {result['error']}" if result.get("error") else ""


def trigger_sign_in(browser: Browser, address: str) -> str:
    answer = browser.post_form(
        "/membership/sign-in/", [("email", address), ("next", "")], referer="/membership/sign-in/"
    )
    return "" if answer.status in {200, 302, 303} else f"sign-in request answered HTTP {answer.status}"


def wait_for_mail(store: Path, since: float, addresses: set[str], timeout: float) -> dict[str, list[Path]]:
    """Messages stored after `since`, by recipient, once every address has at least one."""
    found: dict[str, list[Path]] = {}
    deadline = time.monotonic() + timeout
    while True:
        found = {}
        for path in sorted(store.glob("*.eml")):
            if float(path.name.split("-")[0]) < since:
                continue
            message = email.message_from_bytes(path.read_bytes(), policy=email.policy.default)
            for rcpt in str(message.get("X-Envelope-To", "")).split(","):
                if rcpt.strip().lower() in addresses:
                    found.setdefault(rcpt.strip().lower(), []).append(path)
        if addresses <= set(found) or time.monotonic() > deadline:
            return found
        time.sleep(2)


# --- the run ------------------------------------------------------------------------------------


def run_check(base: str, store: Path, stripe: str | None, mail_timeout: float, articles: int) -> int:
    started_at = time.time()
    base = base.rstrip("/")
    browser = Browser(base)
    report = Report(base=base)
    run = uuid.uuid4().hex[:8]
    print(f"check-links {time.strftime('%Y-%m-%d %H:%M:%S %Z')} against {base}", flush=True)

    # 1. Mail. Fresh addresses each run, so per-address limits never hold a mail back.
    wanted: dict[str, str] = {
        f"check-{run}-news@example.com": "newsletter sign-up confirmation",
    }
    errors = {"newsletter sign-up": trigger_newsletter_signup(browser, f"check-{run}-news@example.com")}
    if stripe:
        member = f"check-{run}-member@example.com"
        errors["membership"] = trigger_membership(Browser(base), stripe, member)
        # A different browser: the one that joined is signed in already.
        errors["sign-in link"] = trigger_sign_in(Browser(base), member) if not errors["membership"] else "no member"
        wanted[member] = "membership receipt and sign-in link"
        buyer, recipient = f"check-{run}-buyer@example.com", f"check-{run}-gift@example.com"
        errors["gift"] = trigger_gift(Browser(base), stripe, buyer, recipient)
        wanted[buyer] = "gift receipt"
        wanted[recipient] = "gift delivery"
    else:
        print("  (no --stripe: no membership, sign-in link or gift mail this run)", flush=True)
    for what, error in errors.items():
        if error:
            report.problems.append(f"mail trigger {what}: {error}")
            print(f"  mail trigger {what}: {error}", flush=True)
    found = wait_for_mail(store, started_at, set(wanted), mail_timeout)
    for address, what in wanted.items():
        if address not in found:
            report.problems.append(f"mail: no {what} reached {address} within {mail_timeout:.0f} s")
    if stripe and len(found.get(f"check-{run}-member@example.com", [])) < 2:
        # The receipt comes at once; give the sign-in link its own wait.
        time.sleep(5)
        found = wait_for_mail(store, started_at, set(wanted), 1)
    messages = sorted({path for paths in found.values() for path in paths})
    report.mails = len(messages)
    mail_links: list[str] = []
    for path in messages:
        message = email.message_from_bytes(path.read_bytes(), policy=email.policy.default)
        links = list(mail_urls(message))  # type: ignore[arg-type]
        print(f"  mail {message['Subject']!r} to {message['X-Envelope-To']}: {len(set(links))} links", flush=True)
        mail_links += links
    member_mail = found.get(f"check-{run}-member@example.com", [])
    if stripe and not any("/membership/sign-in/" in path.read_text("utf-8", "replace") for path in member_mail):
        report.problems.append("mail: no sign-in link reached the new member")
    check_group(browser, report, "emails", mail_links)

    # 2. Feeds: the ones the home page announces, the site feeds and the podcast.
    health = browser.get("/healthz")
    print(f"  server: /healthz answered HTTP {health.status}", flush=True)
    if health.status != 200:
        report.problems.append(f"/healthz answered HTTP {health.status}")
    home = fetch(browser, report, "/", "home page")
    home_page = parse_page(home or "")
    feeds = [
        link["href"]
        for link in home_page.links
        if "alternate" in link.get("rel", "").split() and "xml" in link.get("type", "")
    ]
    site_feeds = ["/feeds/rss/", "/feeds/atom/", "/feeds/news/rss/", "/feeds/news/atom/", "/podcast.xml"]
    feed_paths = list(dict.fromkeys([*feeds, *site_feeds]))
    article_urls: list[str] = []
    for path in feed_paths:
        text = fetch(browser, report, path, "feed")
        if text is None:
            continue
        urls = list(xml_urls(text))
        check_group(browser, report, f"feed {urllib.parse.urlsplit(path).path}", urls)
        if not article_urls:
            article_urls = item_links(text)

    # 3. robots.txt and both sitemaps (the index and every sitemap it lists).
    robots = fetch(browser, report, "/robots.txt", "robots.txt") or ""
    check_group(browser, report, "robots.txt", re.findall(r"(?im)^sitemap:\s*(\S+)", robots))
    index = fetch(browser, report, "/sitemap.xml", "sitemap index")
    if index is not None:
        children = sitemap_children(index)
        check_group(browser, report, "sitemap index", children)
        for child in children:
            text = fetch(browser, report, child, "sitemap")
            if text is not None:
                check_group(browser, report, f"sitemap {urllib.parse.urlsplit(child).path}", xml_urls(text))
    news = fetch(browser, report, "/sitemap-news.xml", "news sitemap")
    if news is not None:
        check_group(browser, report, "sitemap /sitemap-news.xml", xml_urls(news))

    # 4. Canonical, og: and JSON-LD of the home page and a few articles.
    pages = ["/", *dict.fromkeys(article_urls).keys()][: articles + 1]
    for url in pages:
        text = fetch(browser, report, url, "page")
        if text is None:
            continue
        found_urls = list(head_urls(parse_page(text, urllib.parse.urljoin(base + "/", url))))
        if not any(what == "canonical" for what, _ in found_urls):
            report.problems.append(f"page {url}: no canonical link")
        check_group(browser, report, f"page {urllib.parse.urlsplit(url).path} head", (u for _, u in found_urls))

    bad = len(report.problems)
    seconds = time.time() - started_at
    print(
        f"check-links summary: {len(report.checked)} distinct links opened in {len(report.groups)} groups, "
        f"{report.mails} mails read, {bad} problems, {seconds:.0f} s",
        flush=True,
    )
    for problem in report.problems:
        print(f"  PROBLEM {problem}", flush=True)
    return 1 if bad else 0


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    commands = parser.add_subparsers(dest="command", required=True)
    smtp = commands.add_parser("smtp", help="run the SMTP capture that stores every message")
    smtp.add_argument("--host", default="127.0.0.1")
    smtp.add_argument("--port", type=int, required=True)
    smtp.add_argument("--store", type=Path, required=True)
    check = commands.add_parser("check", help="make the site send mail, then open every link")
    check.add_argument("base", help="the running site, e.g. http://127.0.0.1:9300")
    check.add_argument("--store", type=Path, required=True, help="the SMTP capture's folder")
    check.add_argument("--stripe", help="localstripe's URL, for the membership, sign-in and gift mails")
    check.add_argument("--mail-timeout", type=float, default=120)
    check.add_argument("--articles", type=int, default=4, help="articles whose head tags are checked")
    check.add_argument("--repeat", type=int, default=1, help="run the whole check this many times")
    check.add_argument("--interval", type=float, default=600, help="seconds from one run's start to the next")
    args = parser.parse_args(argv)
    if args.command == "smtp":
        return run_smtp(args.host, args.port, args.store)
    return repeat(args)


def repeat(args: argparse.Namespace) -> int:
    """The check `repeat` times, `interval` apart (a site that must keep serving for an hour)."""
    first = time.monotonic()
    failed = 0
    for number in range(1, args.repeat + 1):
        print(
            f"== run {number} of {args.repeat}, {(time.monotonic() - first) / 60:.1f} min after the first", flush=True
        )
        failed += run_check(args.base, args.store, args.stripe, args.mail_timeout, args.articles)
        if number < args.repeat:
            time.sleep(max(0.0, first + number * args.interval - time.monotonic()))
    if args.repeat > 1:
        print(f"== {args.repeat - failed} of {args.repeat} runs clean over {(time.monotonic() - first) / 60:.1f} min")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
