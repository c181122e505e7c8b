"""Screenshots of the reader pages at desktop (1280 px) and phone (390 px) widths.

Uses the demo database under var/ (made as `make run` makes it) and Debian's chromium through
Playwright. Output: screenshots/<page>-<width>.png
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from pathlib import Path

from playwright.sync_api import sync_playwright

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from lib.browser import CHROMIUM, CHROMIUM_ARGS

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "screenshots"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def main() -> int:
    env = {**os.environ, "DEBUG": "1", "DJANGO_SETTINGS_MODULE": "config.settings"}
    manage = [sys.executable, "manage.py"]
    subprocess.run([*manage, "migrate", "--no-input", "-v0"], cwd=ROOT, env=env, check=True)
    subprocess.run([*manage, "load_demo", "--first-start", "-v0"], cwd=ROOT, env=env, check=True)
    paths = {"home": "/"}
    extra = sys.argv[1:]
    port = free_port()
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
        for _ in range(100):
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
            browser.close()
    finally:
        server.terminate()
        server.wait(timeout=10)
    return 0


if __name__ == "__main__":
    sys.exit(main())
