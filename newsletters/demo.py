"""The demo newsroom's newsletters (newsroom/demo/content.py NEWSLETTERS). Idempotent."""

from __future__ import annotations

from typing import Any

from newsletters.models import Newsletter


def load_demo_newsletters(newsletters: list[dict[str, Any]], *, sender_domain: str = "kestrelledger.example") -> int:
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
