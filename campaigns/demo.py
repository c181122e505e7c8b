"""The demo newsroom's membership drive, so `make run` shows the banner and appeal at once."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from campaigns.models import Campaign


def load_demo_drive(copy: dict[str, Any], *, now: datetime) -> int:
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
