"""Members' cast: a paying member built through real localstripe, and helpers to join."""

from __future__ import annotations

import json
import uuid
from typing import Any

import pytest

from lib import rate_limits
from members.models import Member, Plan
from payments.testing import localstripe, stripe_settings  # noqa: F401

ORIGIN = "http://testserver"


def post_json(client: Any, url: str, body: dict[str, Any]) -> Any:
    return client.post(url, data=json.dumps(body), content_type="application/json", headers={"Origin": ORIGIN})


def join(
    client: Any, stripe_server: Any, *, email: str, card: str = "4242424242424242", **choice: Any
) -> dict[str, Any]:
    """Do what the join page's script does; the card goes to localstripe, never to us."""
    body = {"email": email, "name": "Test Reader", "choice": "membership", "plan": "member", "interval": "month"}
    body.update(choice)
    start = post_json(client, "/membership/join/start/", body)
    assert start.status_code == 200, start.content
    started = start.json()
    setup = stripe_server.confirm_card_setup(started["client_secret"], card)
    if setup.get("error"):
        return {"status": "card_error", "message": setup["error"].get("message", ""), "checkout": started["checkout"]}
    step = post_json(client, "/membership/join/pay/", {"checkout": started["checkout"]}).json()
    step["checkout"] = started["checkout"]
    return step


@pytest.fixture(autouse=True)
def isolated_rate_limits(monkeypatch):
    """Each test counts in its own keys of the real cache (Redis in CI), so runs in the same
    hour, or in parallel, never see each other's attempts."""
    run = uuid.uuid4().hex[:8]
    key = rate_limits._key
    monkeypatch.setattr(rate_limits, "_key", lambda scope, value, window: key(f"{scope}-{run}", value, window))


@pytest.fixture
def member_plan(db) -> Plan:
    from tests.support.newsroom import ensure_migration_data

    ensure_migration_data()  # an earlier transactional test may have flushed the migration's rows
    return Plan.objects.get(slug="member")


@pytest.fixture
def paying_member(client, stripe_settings, localstripe, newsroom) -> Member:  # noqa: F811
    step = join(client, localstripe, email="maja@example.com")
    assert step["status"] == "succeeded", step
    member = Member.objects.get(email="maja@example.com")
    # Then she opened a sign-in link from her mail, as a member does before managing data.
    from members.signin import token_issue

    client.post(f"/membership/sign-in/{token_issue(member=member).token}/", headers={"Origin": ORIGIN})
    return member
