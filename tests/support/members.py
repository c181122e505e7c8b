"""Signed-in readers for tests: a supporter with access, and a browser signed in as a member
through the real sign-in link (so it holds a session and its reader-kind cookie)."""

from __future__ import annotations

from datetime import timedelta

from django.test import Client
from django.utils import timezone

from members.models import Member, Membership
from members.signin import token_issue


def signed_in(member: Member) -> Client:
    client = Client()
    response = client.post(
        f"/membership/sign-in/{token_issue(member=member).token}/", headers={"Origin": "http://testserver"}
    )
    assert response.status_code == 302
    return client


def make_supporter(email: str, name: str) -> Member:
    member = Member.objects.create(email=email, name=name, access_until=timezone.now() + timedelta(days=30))
    Membership.objects.create(member=member, status="active", access_until=member.access_until)
    return member
