"""Indexes on members' tables that the drive's counts read (campaigns/tally.py).

Additive and named after campaigns so they cannot clash with members' own. They belong in
members' Meta.indexes; when members adds equivalents, this migration's SQL can go.
"""

from django.db import migrations

INDEXES = [
    ("campaigns_drive_membership_started", "members_membership", "kind, started_at"),
    # Covering: the money total reads nothing but the index.
    ("campaigns_drive_payment_paid", "members_payment", "status, paid_at, amount, amount_refunded"),
    # Refunds are rare: finding them all is a short range scan.
    ("campaigns_drive_payment_refunded", "members_payment", "amount_refunded, amount, membership_id"),
    ("campaigns_drive_member_access", "members_member", "access_until"),
]


class Migration(migrations.Migration):
    dependencies = [
        ("campaigns", "0002_giftmembership"),
        ("members", "0001_initial"),
    ]

    operations = [
        migrations.RunSQL(
            sql=f"CREATE INDEX IF NOT EXISTS {name} ON {table} ({columns})",
            reverse_sql=f"DROP INDEX IF EXISTS {name}",
        )
        for name, table, columns in INDEXES
    ]
