"""Accessibility scans with axe-core (shipped inside the axe-playwright-python package)."""

from __future__ import annotations

from typing import Any

SERIOUS = {"serious", "critical"}


def serious_violations(page: Any) -> list[dict[str, Any]]:
    """axe-core's serious and critical violations on the page, as plain dicts."""
    from axe_playwright_python.sync_playwright import Axe

    results = Axe().run(page)
    return [
        {"id": v["id"], "impact": v["impact"], "help": v["help"], "nodes": [n["target"] for n in v["nodes"]][:5]}
        for v in results.response["violations"]
        if v.get("impact") in SERIOUS
    ]
