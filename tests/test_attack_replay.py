"""scripts/attack_replay.py against the live test server: every attack it can stage without
the demo's narrated audio is answered safely (the MP3 and restricted-article checks need
`make run`'s narrations and --manage; docs/security.md has that run)."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group

from payments.testing import localstripe, stripe_settings  # noqa: F401
from staff.roles import EDITORS, REPORTERS, roles_apply

SCRIPT = Path(__file__).resolve().parent.parent / "scripts" / "attack_replay.py"


def _load_script():  # type: ignore[no-untyped-def]
    spec = importlib.util.spec_from_file_location("attack_replay", SCRIPT)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["attack_replay"] = module  # its dataclasses look their module up there
    spec.loader.exec_module(module)
    return module


@pytest.mark.django_db(transaction=True)
def test_the_replayed_attacks_are_answered_safely(live_server, newsroom, stripe_settings, capsys):  # noqa: F811
    replay = _load_script()
    roles_apply()
    users = get_user_model().objects
    users.create_superuser(username="admin", email="admin@example.com", password=replay.DEMO["admin"])
    for username, group in (("editor", EDITORS), ("reporter", REPORTERS)):
        user = users.create_user(username=username, email=f"{username}@example.com", password=replay.DEMO[username])
        user.groups.add(Group.objects.get(name=group))

    assert replay.main([live_server.url]) == 0
    out = capsys.readouterr().out
    assert "UNSAFE" not in out
    assert "17 of 17 safe" in out, out  # all but the two that need narrated audio
