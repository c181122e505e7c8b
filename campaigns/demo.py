"""The demo newsroom's membership drive, so `make run` shows the banner and appeal at once."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from campaigns.models import Campaign

# The demo newsroom's membership drive copy (its text is the demo's, like newsroom/demo/content.py).
MEMBERSHIP_COPY = {
    "appeal_heading": "Keep the Ledger independent",
    "appeal_body": (
        "The Kestrel Ledger has no owner, no investors and no paywall. Everything we "
        "publish, from the trenches of Ostmark to the budget committee in Arnhalt, is paid "
        "for by readers who have decided that this reporting should exist and should be "
        "free for everyone. If you can, become a member: a few krona a month keeps a "
        "reporter on the road and a story out in the open."
    ),
    "drive_name": "Third birthday drive",
    "drive_banner": (
        "We turn three this month, and we would like to celebrate with 1,000 new members before the year is out."
    ),
    "drive_goal_members": 1000,
    "supporters_line": "Three years. Hundreds of thousands of readers. Funded by members.",
}


def load_demo_drive(copy: dict[str, Any] = MEMBERSHIP_COPY, *, now: datetime) -> int:
    """Create the demo drive unless a drive of that name exists; returns how many were made."""
    if Campaign.objects.filter(name=copy["drive_name"]).exists():
        return 0
    goal = copy["drive_goal_members"]
    Campaign.objects.create(
        name=copy["drive_name"],
        goal_kind=Campaign.GoalKind.MEMBERS,
        goal=goal,
        starts_at=now - timedelta(days=10),
        ends_at=now + timedelta(days=36),
        banner_text=copy["drive_banner"],
        goal_text=f"Goal: {goal:,} new members for our third birthday",
        appeal_heading=copy["appeal_heading"],
        appeal_text=copy["appeal_body"],
    )
    return 1
