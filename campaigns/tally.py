"""What a drive counts, read from the members app's rows and our gifts.

The one place that knows how members records a new paid membership, a donation and a refund
(members.models); everything else in campaigns asks these functions. Every function is a
fixed number of aggregate queries, whatever the number of rows.

- A **new member** is a membership of kind "tier" whose access began in the period, unless
  a payment of it was refunded in full.
- A **gift** counts when it was bought or redeemed in the period, unless it was voided.
- **Money** is what succeeded in the period, minus what went back.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import date, datetime

from django.db.models import Count, Exists, F, OuterRef, Q, QuerySet, Sum
from django.db.models.functions import TruncDate
from django.http import HttpRequest
from django.utils import timezone


@dataclass(frozen=True)
class Tally:
    new_members: int  # new paid memberships plus gifts, net of refunds
    amount_minor: int  # money received in the period, net of refunds, in cents


def _new_memberships(starts_at: datetime, ends_at: datetime) -> QuerySet:
    from members.models import Membership, Payment

    refunded = Payment.objects.filter(
        membership=OuterRef("pk"), amount_refunded__gt=0, amount_refunded__gte=F("amount")
    )
    return Membership.objects.filter(
        kind=Membership.Kind.TIER, started_at__gte=starts_at, started_at__lt=ends_at
    ).exclude(Exists(refunded))


def _new_membership_count(starts_at: datetime, ends_at: datetime) -> int:
    """The same number as _new_memberships().count(), as two index-only counts: everything
    that began in the period, minus the (rare) memberships with a fully refunded payment."""
    from members.models import Membership, Payment

    began = Membership.objects.filter(kind=Membership.Kind.TIER, started_at__gte=starts_at, started_at__lt=ends_at)
    refunded = Payment.objects.filter(amount_refunded__gt=0, amount_refunded__gte=F("amount")).values("membership_id")
    return began.count() - began.filter(pk__in=refunded).count()


def _gifts_counted(starts_at: datetime, ends_at: datetime) -> QuerySet:
    from campaigns.models import GiftMembership

    return GiftMembership.objects.exclude(
        status__in=[GiftMembership.Status.PENDING, GiftMembership.Status.VOIDED]
    ).filter(Q(paid_at__gte=starts_at, paid_at__lt=ends_at) | Q(redeemed_at__gte=starts_at, redeemed_at__lt=ends_at))


def _money(starts_at: datetime, ends_at: datetime) -> QuerySet:
    from members.models import Payment

    # Unmatched refund records are never "succeeded", so the status filter leaves them out.
    return Payment.objects.filter(status=Payment.Status.SUCCEEDED, paid_at__gte=starts_at, paid_at__lt=ends_at)


def drive_tally(starts_at: datetime, ends_at: datetime, *, members: bool = True, money: bool = True) -> Tally:
    """New supporters and/or money in [starts_at, ends_at): at most three aggregate queries."""
    new_members = amount = 0
    if members:
        new_members = _new_membership_count(starts_at, ends_at) + _gifts_counted(starts_at, ends_at).count()
    if money:
        amount = _money(starts_at, ends_at).aggregate(total=Sum(F("amount") - F("amount_refunded")))["total"] or 0
    return Tally(new_members=new_members, amount_minor=amount)


def supporter_count() -> int:
    """Everyone supporting the newsroom now: paying members and holders of an unexpired gift."""
    from members.selectors import supporter_count as members_supporter_count

    return members_supporter_count()


def is_supporter(request: HttpRequest) -> bool:
    """A signed-in member who pays or holds a gift now: they never see an ask. Never true
    for a request without a session cookie, so anonymous cached pages always carry the asks;
    in the page cache's supporter copy, true (members/reader_kind.py)."""
    from members.selectors import is_supporter as members_is_supporter

    return members_is_supporter(request)


@dataclass(frozen=True)
class DayCounts:
    new_members: int = 0
    donations: int = 0
    gifts: int = 0
    cancellations: int = 0
    lapses: int = 0
    amount_minor: int = 0


def _per_day(queryset: QuerySet, field: str, value=None) -> dict[date, int]:
    day = TruncDate(field, tzinfo=timezone.get_current_timezone())
    rows = queryset.annotate(day=day).values("day").annotate(n=value if value is not None else Count("pk"))
    return {row["day"]: row["n"] or 0 for row in rows}


def daily_counts(starts_at: datetime, ends_at: datetime) -> dict[date, DayCounts]:
    """Per day (site time zone) in [starts_at, ends_at): six GROUP BY queries."""
    from members.models import MemberEvent, Membership, Payment

    now = timezone.now()
    series = {
        "new_members": _per_day(_new_memberships(starts_at, ends_at), "started_at"),
        "donations": _per_day(_money(starts_at, ends_at).filter(purpose=Payment.Purpose.DONATION), "paid_at"),
        "gifts": _per_day(_gifts_counted(starts_at, ends_at).filter(paid_at__gte=starts_at), "paid_at"),
        "cancellations": _per_day(
            MemberEvent.objects.filter(kind="cancel", created_at__gte=starts_at, created_at__lt=ends_at)
            # A cancellation the member took back (resumed later) is no loss.
            .exclude(
                Exists(
                    MemberEvent.objects.filter(
                        member=OuterRef("member"), kind="resume", created_at__gte=OuterRef("created_at")
                    )
                )
            ),
            "created_at",
        ),
        "lapses": _per_day(
            Membership.objects.filter(
                status=Membership.Status.ENDED,
                access_until__gte=starts_at,
                access_until__lt=min(ends_at, now),
            ),
            "access_until",
        ),
        "amount_minor": _per_day(_money(starts_at, ends_at), "paid_at", Sum(F("amount") - F("amount_refunded"))),
    }
    days = set().union(*(s.keys() for s in series.values()))
    return {day: DayCounts(**{name: s.get(day, 0) for name, s in series.items()}) for day in days}


def _conversions(starts_at: datetime, ends_at: datetime, field: str) -> Counter:
    """Memberships (and monthly donations) begun, one-off donations and gifts bought, by `field`."""
    from members.models import Membership, Payment

    gift_field = "source" if field == "source" else "article_page_id"
    counts: Counter = Counter()
    querysets = [
        (
            Membership.objects.filter(
                kind__in=[Membership.Kind.TIER, Membership.Kind.DONATION],
                started_at__gte=starts_at,
                started_at__lt=ends_at,
            ),
            field,
        ),
        (_money(starts_at, ends_at).filter(purpose=Payment.Purpose.DONATION, recurring=False), field),
        (_gifts_counted(starts_at, ends_at).filter(paid_at__gte=starts_at), gift_field),
    ]
    for queryset, key in querysets:
        for row in queryset.values(key).annotate(n=Count("pk")):
            if row[key]:
                counts[row[key]] += row["n"]
    return counts


def conversions_by_placement(starts_at: datetime, ends_at: datetime) -> list[tuple[str, int]]:
    """Memberships, donations and gifts started in the period, per placement, largest first."""
    return _conversions(starts_at, ends_at, "source").most_common()


def conversions_by_article(starts_at: datetime, ends_at: datetime, *, limit: int = 10) -> list[tuple[int, int]]:
    """(article id, conversions) for the articles that brought in most supporters."""
    return _conversions(starts_at, ends_at, "article_page_id").most_common(limit)


def monthly_recurring_revenue_minor() -> int:
    """What active recurring memberships and monthly donations bring in a month (a yearly
    plan counts a twelfth). Memberships set to cancel at the period's end are left out."""
    from members.models import Interval, Membership

    active = Membership.objects.filter(
        status=Membership.Status.ACTIVE, cancel_at_period_end=False, stripe_subscription_id__isnull=False
    )
    totals = active.aggregate(
        monthly=Sum("amount", filter=Q(interval=Interval.MONTH)), yearly=Sum("amount", filter=Q(interval=Interval.YEAR))
    )
    return (totals["monthly"] or 0) + round((totals["yearly"] or 0) / 12)
