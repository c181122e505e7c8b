"""`manage.py staff_roles`: give the CMS role groups exactly the permissions of staff/roles.py."""

from __future__ import annotations

from typing import Any

from django.core.management import BaseCommand

from staff.roles import ROLES, roles_apply


class Command(BaseCommand):
    help = "Create the Reporters, Editors and Audience groups with the permissions in staff/roles.py."

    def handle(self, *args: Any, **options: Any) -> None:
        roles_apply()
        for role in ROLES:
            self.stdout.write(f"  {role.name}: {role.description}")
        self.stdout.write(self.style.SUCCESS("The CMS role groups now hold the permissions of staff/roles.py."))
