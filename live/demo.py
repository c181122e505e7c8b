"""The demo newsroom's live page: a fictional night of strikes on Sorvik, told in eight entries.

All of it is invented for The Kestrel Ledger's fictional Veldmark; called by
newsroom/demo/loader.py. Loading twice changes nothing.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from live import services
from live.models import LiveEntry, LivePage

SLUG = "sorvik-strikes-live"

PAGE: dict[str, Any] = {
    "title": "Sorvik under attack: live updates as strikes hit the port city overnight",
    "standfirst": (
        "Missiles and drones struck Veldmark’s main port through the night. Our reporters in Sorvik "
        "and Lenndal follow the damage, the rescue work and the government’s response."
    ),
    "summary": (
        "<ul>"
        "<li>At least four people were killed and 27 hurt in strikes on Sorvik between 1:10 and 4:30 a.m.</li>"
        "<li>Two substations and the Northern heating plant were hit; about 340,000 homes lost power.</li>"
        "<li>The air force says 31 of 38 drones and 6 of 9 missiles were shot down.</li>"
        "<li>The cabinet meets in emergency session at 10:00; schools in the city are closed today.</li>"
        "</ul>"
    ),
    "hours_ago": 7,
}

# (minutes after the start, author slug, title, paragraphs, flags)
ENTRIES: list[dict[str, Any]] = [
    {
        "at": 0,
        "author": "ilse-marten",
        "title": "Air-raid alert across the south",
        "text": [
            "Sirens have sounded in Sorvik and across the southern oblasts. The air force warns of "
            "drones approaching from the sea and asks residents to stay in shelters until the all-clear."
        ],
        "key_event": True,
    },
    {
        "at": 25,
        "author": "ilse-marten",
        "title": "",
        "text": [
            "A series of loud explosions was heard over the Harbour district. From our reporter’s "
            "window, flashes of air defence fire are visible over the bay."
        ],
    },
    {
        "at": 70,
        "author": "ilse-marten",
        "title": "Substation hit, power cut in the north of the city",
        "text": [
            "The city’s energy company confirms a strike on the Kallvik substation. Power is off in "
            "three northern districts, and trams have stopped where they stood."
        ],
        "key_event": True,
    },
    {
        "at": 120,
        "author": "tomas-eklind",
        "title": "",
        "quote": (
            "Our crews are already at the sites. Nobody should go near the damaged lines until we say it is safe.",
            "Anneli Ross, head of Sorvik’s emergency service",
        ),
        "text": ["The emergency service has opened four warming points in school gyms for families without heat."],
    },
    {
        "at": 190,
        "author": "ilse-marten",
        "title": "Heating plant on fire",
        "text": [
            "Firefighters are working to contain a blaze at the Northern heating plant after a second "
            "wave of drones. The plant supplies hot water and heating to about a third of the city."
        ],
        "key_event": True,
    },
    {
        "at": 230,
        "author": "tomas-eklind",
        "title": "All-clear in Sorvik",
        "text": [
            "The air-raid alert has ended in Sorvik. The air force says 31 of 38 drones and 6 of 9 "
            "missiles were shot down; the rest reached the city."
        ],
    },
    {
        "at": 300,
        "author": "ilse-marten",
        "title": "Four killed, 27 hurt",
        "text": [
            "The regional governor says four people were killed, among them a night-shift worker at "
            "the heating plant. Twenty-seven people are in hospital; three of them are in a serious "
            "condition."
        ],
        "key_event": True,
    },
    {
        "at": 360,
        "author": "tomas-eklind",
        "title": "How we are covering the night",
        "text": [
            "Ilse Marten is reporting from Sorvik and Tomas Eklind from the government quarter in "
            "Lenndal. We only publish casualty figures that officials or hospitals have confirmed, "
            "and we correct this page in place when they change."
        ],
        "pinned": True,
    },
]


def load_demo_live(*, parent: Any, authors: dict[str, Any], now: datetime) -> int:
    """Create the live page under `parent` (the War section) with its entries; returns how many
    things were created (0 when it is already there)."""
    if LivePage.objects.filter(slug=SLUG).exists():
        return 0
    started = now - timedelta(hours=PAGE["hours_ago"])
    page = LivePage(
        title=PAGE["title"],
        slug=SLUG,
        standfirst=PAGE["standfirst"],
        summary=PAGE["summary"],
        coverage_started_at=started,
    )
    parent.add_child(instance=page)
    page.save_revision().publish()
    LivePage.objects.filter(pk=page.pk).update(first_published_at=started, last_published_at=started)
    for data in ENTRIES:
        body: list[tuple[str, Any]] = []
        if "quote" in data:
            text, attribution = data["quote"]
            body.append(("quote", {"text": text, "attribution": attribution}))
        body.extend(("paragraph", f"<p>{paragraph}</p>") for paragraph in data["text"])
        services.entry_post(
            page=page,
            body=body,
            title=data["title"],
            author=authors.get(data["author"]),
            pinned=data.get("pinned", False),
            key_event=data.get("key_event", False),
            posted_at=started + timedelta(minutes=data["at"]),
        )
    return 1 + LiveEntry.objects.filter(page=page).count()
