"""The demo newsroom's newsletters (NEWSLETTERS below), loaded by the demo orchestrator (demo/). Idempotent."""

from __future__ import annotations

from typing import Any

from newsletters.models import Newsletter

# The demo newsroom's newsletters (its text is the demo's, like newsroom/demo/content.py).
NEWSLETTERS = [
    {
        "slug": "morning-ledger",
        "name": "The Morning Ledger",
        "description": (
            "The five things to know about Veldmark before your day begins, in a briefing you can read in four minutes."
        ),
        "host": "Tomas Eklind",
        "cadence": "Weekdays at 7:00",
        "sender_name": "Tomas Eklind at The Kestrel Ledger",
    },
    {
        "slug": "explaining-veldmark",
        "name": "Explaining Veldmark with Jonah Aberle",
        "description": (
            "One question about the war, the state or the economy each week, answered "
            "properly, with the documents and the numbers behind it."
        ),
        "host": "Jonah Aberle",
        "cadence": "Thursdays at 12:00",
        "sender_name": "Jonah Aberle at The Kestrel Ledger",
    },
    {
        "slug": "margins",
        "name": "Margins",
        "description": (
            "A weekly letter about the books, films, music and stubborn small venues that "
            "keep Veldmark’s cultural life going."
        ),
        "host": "Petra Solvang",
        "cadence": "Fridays at 16:00",
        "sender_name": "Petra Solvang at The Kestrel Ledger",
    },
]


def load_demo_newsletters(
    newsletters: list[dict[str, Any]] = NEWSLETTERS, *, sender_domain: str = "kestrelledger.example"
) -> int:
    """Create the newsletters that are missing (by slug); returns how many were created."""
    created = 0
    for position, data in enumerate(newsletters):
        _newsletter, was_created = Newsletter.objects.get_or_create(
            slug=data["slug"],
            defaults={
                "name": data["name"],
                "description": data["description"],
                "host": data.get("host", ""),
                "cadence": data.get("cadence", ""),
                "sender_name": data.get("sender_name", data["name"]),
                "sender_address": f"{data['slug']}@{sender_domain}",
                "reply_to": f"letters@{sender_domain}",
                "sort_order": position,
            },
        )
        created += was_created
    return created
