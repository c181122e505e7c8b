"""`manage.py load_demo`: load the fictional demo newsroom. Safe to run again."""

from __future__ import annotations

from typing import Any

from django.core.management import BaseCommand

from demo.loader import DEMO_STAFF, load_demo_newsroom


class Command(BaseCommand):
    help = "Load the demo newsroom (The Kestrel Ledger). Running it again changes nothing."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument(
            "--first-start",
            action="store_true",
            help="Only load when the site has no home page yet (used by `make run`).",
        )

    def handle(self, *args: Any, first_start: bool, **options: Any) -> None:
        from lib.site_url import default_site_follow_site_url, site_url
        from newsroom.models import HomePage

        if first_start and HomePage.objects.exists():
            # Loaded before, perhaps on another address: the Site record follows SITE_URL.
            if default_site_follow_site_url():
                self.stdout.write(f"The site's address is now {site_url()} (SITE_URL).")
            return
        verbose = options["verbosity"] > 0
        report = load_demo_newsroom(progress=(lambda msg: self.stdout.write(f"  · {msg}")) if verbose else None)
        self.stdout.write(self.style.SUCCESS(report.summary()))
        if report.staff_refused:
            self.stderr.write(self.style.WARNING(report.staff_refused))
        if verbose and not report.nothing_created:
            self.stdout.write("Staff sign-in at /cms/ (demo passwords, never use on a real site):")
            for username, (name, group, password) in DEMO_STAFF.items():
                self.stdout.write(f"  {username} / {password}  ({name}{', ' + group if group else ', administrator'})")
