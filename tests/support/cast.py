"""The fixed test cast: the same six people in every test that needs someone.

| who | what they are |
|---|---|
| `reader` | a member account with no membership (signed up, never paid) |
| `member` | a member with a membership on the first plan (complimentary, so no Stripe is needed) |
| `supporter` | a member who gives a monthly donation (no plan) |
| `reporter` | CMS staff in the Reporters group (`staff/roles.py`) |
| `editor` | CMS staff in the Editors group (`cast_editor`; the older `editor` fixture is narrower) |
| `admin` | a CMS superuser |

Readers are made through members' services where one exists (`member_get_or_create`,
`membership_grant_complimentary`); only the donation row, which only Stripe's webhook makes in
real life, is written here, then the member's summary is refreshed by its service.
Fixtures in the root conftest.py (`cast_reader`, `cast_member`, …) wrap these.
"""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from django.contrib.auth import get_user_model
from django.utils import timezone

PASSWORD = "cast-password"  # noqa: S105 - test accounts only


def reader() -> Any:
    from members.services import member_get_or_create

    member, _ = member_get_or_create(email="reader@cast.example", name="Rhea Reader")
    return member


def member() -> Any:
    from members.models import Plan
    from members.services import member_get_or_create, membership_grant_complimentary
    from tests.support.newsroom import ensure_migration_data

    ensure_migration_data()
    person, _ = member_get_or_create(email="member@cast.example", name="Mika Member")
    membership_grant_complimentary(
        member=person,
        plan=Plan.objects.order_by("pk").first(),
        ends_at=timezone.now() + timedelta(days=365),
        note="test cast",
        granted_by="test cast",
    )
    person.refresh_from_db()
    return person


def supporter() -> Any:
    from members.models import Membership
    from members.services import member_get_or_create, member_refresh_summary

    person, _ = member_get_or_create(email="supporter@cast.example", name="Sol Supporter")
    now = timezone.now()
    Membership.objects.create(
        member=person,
        kind=Membership.Kind.DONATION,
        status=Membership.Status.ACTIVE,
        amount=1000,
        started_at=now,
        paid_through=now + timedelta(days=30),
        access_until=now + timedelta(days=30),
    )
    member_refresh_summary(member=person)
    person.refresh_from_db()
    return person


def staff(username: str, group: str | None) -> Any:
    from staff.roles import roles_apply

    roles_apply()
    users = get_user_model().objects
    if group is None:
        return users.create_superuser(username=username, password=PASSWORD, email=f"{username}@cast.example")
    user = users.create_user(username=username, password=PASSWORD, email=f"{username}@cast.example")
    from django.contrib.auth.models import Group

    user.groups.add(Group.objects.get(name=group))
    return user
