"""The edge (deploy/nginx.conf, run by Debian's nginx in front of the live server) follows the app's
rule for signed-in readers: one copy per kind of reader (members/reader_kind.py), staff and
unproven sessions straight through, a supporter never sees an ask and an anonymous reader always
does, and a forged kind never gets its answer kept for the real kind."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import time
import urllib.request
from datetime import timedelta
from pathlib import Path

import pytest
from django.contrib.sessions.backends.db import SessionStore
from django.utils import timezone

from members import reader_kind
from members.auth import SESSION_KEY
from members.models import Member, Membership

ROOT = Path(__file__).resolve().parents[1]
PURGE_MODULE = Path("/usr/lib/nginx/modules/ngx_http_cache_purge_module.so")
# Served from the micro-cache (nginx's $upstream_cache_status), whatever the age of the copy.
FROM_EDGE = {"HIT", "STALE", "UPDATING", "EXPIRED", "REVALIDATED"}

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(shutil.which("nginx") is None or not PURGE_MODULE.exists(), reason="needs Debian's nginx"),
]


def _free_port() -> int:
    if wanted := os.environ.get("EDGE_TEST_PORT"):
        return int(wanted)
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@pytest.fixture
def edge(live_server, tmp_path):
    """nginx with deploy/nginx.conf, its CHANGE lines pointed at the live server and tmp_path."""
    app_port = live_server.url.rsplit(":", 1)[1]
    port = _free_port()
    for sub in ("cache", "temp", "static", "media"):
        (tmp_path / sub).mkdir()
    site = (ROOT / "deploy" / "nginx.conf").read_text()
    for old, new in {
        "server 127.0.0.1:8000;": f"server 127.0.0.1:{app_port};",
        "/var/cache/nginx/masthead": str(tmp_path / "cache"),
        "listen 80;": f"listen 127.0.0.1:{port};",
        "server_name news.example;": "server_name 127.0.0.1;",
        "/srv/masthead/var/static/": f"{tmp_path / 'static'}/",
        "/srv/masthead/var/media/": f"{tmp_path / 'media'}/",
    }.items():
        assert old in site, old
        site = site.replace(old, new)
    (tmp_path / "site.conf").write_text(site)
    temp = tmp_path / "temp"
    # Run as root (CI, this machine), nginx's workers would switch to www-data, who cannot enter
    # pytest's private temporary folder.
    user = "user root;" if os.geteuid() == 0 else ""
    (tmp_path / "nginx.conf").write_text(
        f"""load_module {PURGE_MODULE};
{user}
worker_processes 1;
daemon off;
pid {tmp_path / "nginx.pid"};
error_log {tmp_path / "error.log"} warn;
events {{ worker_connections 256; }}
http {{
    access_log off;
    client_body_temp_path {temp}/body;
    proxy_temp_path {temp}/proxy;
    fastcgi_temp_path {temp}/fastcgi;
    uwsgi_temp_path {temp}/uwsgi;
    scgi_temp_path {temp}/scgi;
    include {tmp_path / "site.conf"};
}}
"""
    )
    process = subprocess.Popen(["nginx", "-c", str(tmp_path / "nginx.conf"), "-p", str(tmp_path)])
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 15
        while True:
            try:
                socket.create_connection(("127.0.0.1", port), timeout=1).close()
                break
            except OSError:
                assert process.poll() is None, (tmp_path / "error.log").read_text()
                assert time.monotonic() < deadline, "nginx did not start"
                time.sleep(0.1)
        yield url
    finally:
        process.terminate()
        process.wait(timeout=10)


def _get(url: str, cookies: dict[str, str] | None = None) -> tuple[str, str, str]:
    """(body, X-Edge-Cache, X-Page-Cache) of a GET through the edge."""
    headers = {"Cookie": "; ".join(f"{name}={value}" for name, value in cookies.items())} if cookies else {}
    with urllib.request.urlopen(urllib.request.Request(url, headers=headers), timeout=30) as response:  # noqa: S310
        state = response.headers.get("X-Edge-Cache", ""), response.headers.get("X-Page-Cache", "")
        return response.read().decode(), *state


def _session_cookies(member: Member) -> dict[str, str]:
    """What a browser holds after signing in: a real session and the kind bound to it."""
    session = SessionStore()
    session[SESSION_KEY] = member.pk
    session.save()
    kind = reader_kind.SUPPORTER if member.is_supporter else reader_kind.MEMBER
    value = reader_kind.make_value(kind, session.session_key, expires=int(time.time()) + 3600)
    return {"sessionid": session.session_key, reader_kind.COOKIE_NAME: value}


def test_the_edge_keeps_one_copy_per_kind_and_never_shows_a_supporter_an_ask(edge, newsroom):
    article = newsroom.add_article("Ferry timetable restored")
    until = timezone.now() + timedelta(days=30)
    mira = Member.objects.create(email="mira@example.com", name="Mira Holt", access_until=until)
    Membership.objects.create(member=mira, status="active", access_until=until)
    supporter = _session_cookies(mira)
    member = _session_cookies(Member.objects.create(email="free@example.com", name="Free Reader"))
    url = edge + article.url

    # A forged supporter kind (no valid signature) asks first: the app renders from that
    # (unknown) session, privately, so the edge keeps nothing under the supporter key.
    forged = {"sessionid": "made-up", reader_kind.COOKIE_NAME: f"supporter:{int(time.time()) + 600}:{'0' * 32}"}
    body, _edge, app = _get(url, forged)
    assert app == "bypass" and 'data-membership="ask"' in body

    for _ in range(2):
        body, edge_state, _app = _get(url, supporter)
        assert 'data-membership="ask"' not in body and 'data-membership="thanks"' in body
        assert "Mira" not in body
        body, _edge, _app = _get(url)
        assert 'data-membership="ask"' in body and "Sign in" in body
        body, _edge, _app = _get(url, member)
        assert 'data-membership="ask"' in body and "Your account" in body and "Free Reader" not in body
    # The last supporter request came from one of the two caches, the edge's when quick enough.
    body, edge_state, app_state = _get(url, supporter)
    assert edge_state in FROM_EDGE or app_state == "hit", (edge_state, app_state)

    # A session without a kind (staff, or one not issued yet) is never answered from the edge.
    staff = {"sessionid": "staff-session"}
    for _ in range(2):
        body, edge_state, app_state = _get(url, staff)
        assert edge_state == "BYPASS" and app_state == "bypass"
    # An anonymous reader's copy is stored and served from the edge.
    _get(url)
    _body, edge_state, _app = _get(url)
    assert edge_state in FROM_EDGE | {"MISS"}  # MISS only when the machine took over a second
