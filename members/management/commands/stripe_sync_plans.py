"""`manage.py stripe_sync_plans`: create each active plan's Stripe Plans. Safe to run again."""

from __future__ import annotations

import time
from typing import Any

from django.core.management import BaseCommand, CommandError

from payments import client


class Command(BaseCommand):
    help = "Create the Stripe Plans for every active membership plan (monthly and yearly). Idempotent."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument(
            "--wait", type=float, default=0, help="Seconds to keep retrying while Stripe is unreachable."
        )

    def handle(self, *args: Any, wait: float, **options: Any) -> None:
        from members.services import plans_sync_to_stripe

        deadline = time.monotonic() + wait
        while True:
            try:
                made = plans_sync_to_stripe()
                break
            except client.PaymentsNotConfigured as exc:
                raise CommandError(str(exc)) from None
            except client.StripeUnavailable as exc:
                if time.monotonic() > deadline:
                    raise CommandError(f"Stripe could not be reached ({exc}). Is localstripe running?") from None
                time.sleep(0.5)
        self.stdout.write(self.style.SUCCESS(f"{len(made)} Stripe plans in place: {', '.join(made) or 'none'}"))
