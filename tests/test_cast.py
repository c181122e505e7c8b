"""The fixed test cast (tests/support/cast.py) is who it says: each sees the site as that person."""

from __future__ import annotations

import pytest


@pytest.mark.django_db
def test_readers_members_and_supporters(cast_reader, cast_member, cast_supporter):
    assert not cast_reader.memberships.exists()
    assert cast_member.memberships.get().plan is not None
    assert cast_supporter.memberships.get().plan is None
    assert cast_member.access_until and cast_supporter.access_until
    assert cast_reader.access_until is None


@pytest.mark.django_db
def test_staff_can_do_what_their_role_allows(newsroom, cast_reporter, cast_editor, cast_admin):
    article = newsroom.add_article("Cast call")
    assert article.permissions_for_user(cast_reporter).can_edit()
    assert not article.permissions_for_user(cast_reporter).can_publish()
    assert article.permissions_for_user(cast_editor).can_publish()
    assert cast_admin.is_superuser and not cast_editor.has_perm("members.view_member")
