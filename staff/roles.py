"""The newsroom's CMS roles, defined deliberately: which group may do what.

`roles_apply()` (run by `manage.py staff_roles` and the demo loader) makes each group hold
exactly the permissions listed here, so a real newsroom gets the same table as the demo. The
table is documented in README.md ("Who can do what in the CMS"); menus show a role only what it
can open (the `is_shown` checks in each app's wagtail_hooks.py).

Administrators are superusers: they can do everything, so they have no list here. The name is
still a role for STAFF_2FA_REQUIRED_GROUPS (superusers count as its members).
"""

from __future__ import annotations

from dataclasses import dataclass

from django.contrib.auth.models import Group, Permission
from django.db import transaction

REPORTERS = "Reporters"
EDITORS = "Editors"
AUDIENCE = "Audience"
ADMINISTRATORS = "Administrators"


@dataclass(frozen=True)
class Role:
    name: str
    description: str
    # "app_label.codename" of model permissions.
    permissions: tuple[str, ...]
    # Page permissions on the whole page tree (wagtailcore codenames).
    page_permissions: tuple[str, ...] = ()
    # Image and document permissions on the root collection.
    collection_permissions: tuple[str, ...] = ()


_CMS = ("wagtailadmin.access_admin",)
_WRITING_PAGES = ("add_page", "change_page")
_WRITING_MEDIA = (
    "wagtailimages.add_image",
    "wagtailimages.choose_image",
    "wagtailimages.change_image",
    "wagtaildocs.add_document",
    "wagtaildocs.choose_document",
    "wagtaildocs.change_document",
)

# Live entries are shown as soon as they are saved (live/CONTEXT.md): reporters post and correct
# them; removing one is an editor's call.
_LIVE_ENTRIES = ("live.add_liveentry", "live.change_liveentry", "live.view_liveentry")

ROLES: tuple[Role, ...] = (
    Role(
        name=REPORTERS,
        description="write stories and submit them for approval; post and correct live entries",
        permissions=(*_CMS, *_LIVE_ENTRIES),
        page_permissions=_WRITING_PAGES,
        collection_permissions=_WRITING_MEDIA,
    ),
    Role(
        name=EDITORS,
        description=(
            "write, approve and publish; curate editors' picks; write and send newsletters; "
            "edit drives; keep the pronunciation lexicon; post, correct and remove live entries"
        ),
        permissions=(
            *_CMS,
            *_LIVE_ENTRIES,
            "live.delete_liveentry",
            "newsroom.change_editorspicks",
            "newsroom.view_editorspicks",
            "newsletters.view_newsletter",
            "newsletters.add_issue",
            "newsletters.change_issue",
            "newsletters.delete_issue",
            "newsletters.view_issue",
            "campaigns.add_campaign",
            "campaigns.change_campaign",
            "campaigns.view_campaign",
            "audio.add_lexiconentry",
            "audio.change_lexiconentry",
            "audio.delete_lexiconentry",
            "audio.view_lexiconentry",
            "audio.view_narration",
        ),
        page_permissions=(*_WRITING_PAGES, "publish_page", "lock_page", "unlock_page"),
        collection_permissions=(*_WRITING_MEDIA, "wagtailimages.delete_image", "wagtaildocs.delete_document"),
    ),
    Role(
        name=AUDIENCE,
        description=(
            "members, plans and revenue; drives; newsletters and their subscribers (the audience and "
            "revenue team: sees readers' personal data, does not publish)"
        ),
        permissions=(
            *_CMS,
            "campaigns.view_revenue",
            "campaigns.add_campaign",
            "campaigns.change_campaign",
            "campaigns.delete_campaign",
            "campaigns.view_campaign",
            "members.view_member",
            "members.change_member",
            "members.add_plan",
            "members.change_plan",
            "members.view_plan",
            "members.change_membershipsettings",
            "members.view_membershipsettings",
            "newsletters.add_newsletter",
            "newsletters.change_newsletter",
            "newsletters.view_newsletter",
            "newsletters.view_issue",
            "newsletters.view_subscriber",
        ),
    ),
)


def _permission(dotted: str) -> Permission:
    app_label, codename = dotted.split(".", 1)
    return Permission.objects.get(content_type__app_label=app_label, codename=codename)


@transaction.atomic
def roles_apply() -> list[Group]:
    """Create the role groups and give each exactly the permissions in ROLES (anything else a
    group was given by hand is taken away). Idempotent; returns the groups."""
    from wagtail.models import Collection, GroupCollectionPermission, GroupPagePermission, Page

    root_page = Page.get_first_root_node()
    root_collection = Collection.get_first_root_node()
    groups = []
    for role in ROLES:
        group, _ = Group.objects.get_or_create(name=role.name)
        group.permissions.set([_permission(p) for p in role.permissions])
        GroupPagePermission.objects.filter(group=group).delete()
        for codename in role.page_permissions:
            GroupPagePermission.objects.create(
                group=group, page=root_page, permission=_permission(f"wagtailcore.{codename}")
            )
        GroupCollectionPermission.objects.filter(group=group).delete()
        for dotted in role.collection_permissions:
            GroupCollectionPermission.objects.create(
                group=group, collection=root_collection, permission=_permission(dotted)
            )
        groups.append(group)
    return groups
