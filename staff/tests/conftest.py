"""The CMS cast by role: users in the groups staff/roles.py defines, plus an administrator."""

from __future__ import annotations

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group

from staff.roles import AUDIENCE, EDITORS, REPORTERS, roles_apply

PASSWORD = "correct horse battery staple"


def _staff(username: str, group: str | None):  # type: ignore[no-untyped-def]
    users = get_user_model().objects
    if group is None:
        return users.create_superuser(username=username, email=f"{username}@example.com", password=PASSWORD)
    user = users.create_user(username=username, email=f"{username}@example.com", password=PASSWORD)
    user.groups.add(Group.objects.get(name=group))
    return user


@pytest.fixture
def roles(newsroom):  # type: ignore[no-untyped-def]
    roles_apply()
    return {
        "reporter": _staff("reporter", REPORTERS),
        "editor": _staff("role-editor", EDITORS),
        "audience": _staff("audience", AUDIENCE),
        "admin": _staff("admin", None),
    }
