"""What a drive counts, read from the payments and members apps.

The one place that knows how the members and payments models record a new paid membership,
a gift and a refund; everything else in campaigns asks these functions.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime


@dataclass(frozen=True)
class Tally:
    new_members: int  # new paid memberships plus gifts bought, net of refunds
    amount_minor: int  # money received in the period, net of refunds, in cents


def drive_tally(starts_at: datetime, ends_at: datetime) -> Tally:
    """New supporters and money in [starts_at, ends_at). Two aggregate queries at most."""
    # Wired to members/payments models once they land (issue 6); until then nothing is counted.
    return Tally(new_members=0, amount_minor=0)


def supporter_count() -> int:
    """Everyone supporting the newsroom now: paying members and holders of an unexpired gift."""
    return 0


def is_supporter(user) -> bool:
    """A signed-in person who pays or holds a gift now: they never see an ask."""
    return False


@dataclass(frozen=True)
class DayCounts:
    new_members: int = 0
    donations: int = 0
    gifts: int = 0
    cancellations: int = 0
    lapses: int = 0
    amount_minor: int = 0


def daily_counts(starts_at: datetime, ends_at: datetime) -> dict[date, DayCounts]:
    """Per day (site time zone) in [starts_at, ends_at): a few GROUP BY queries, no per-row work."""
    return {}


def conversions_by_placement(starts_at: datetime, ends_at: datetime) -> list[tuple[str, int]]:
    """Memberships, donations and gifts started in the period, per placement, largest first."""
    return []


def conversions_by_article(starts_at: datetime, ends_at: datetime, *, limit: int = 10) -> list[tuple[int, int]]:
    """(article id, conversions) for the articles that brought in most supporters."""
    return []


def monthly_recurring_revenue_minor() -> int:
    """What active recurring memberships bring in a month (yearly plans count a twelfth)."""
    return 0
