"""Once made indexes on members' tables for the drive's counts (campaigns/tally.py).

They belong to members: its models declare them (members 0007) and campaigns 0006 drops the
copies this migration used to create, so it does nothing now. Kept for the migration graph.
"""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("campaigns", "0002_giftmembership"),
        ("members", "0001_initial"),
    ]

    operations: list[migrations.operations.base.Operation] = []
