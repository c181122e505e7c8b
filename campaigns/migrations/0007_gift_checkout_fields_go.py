"""The gift's own checkout fields go (0006 carried them to members' Checkout), and so do the
raw-SQL indexes 0003 made on members' tables: members' models declare them (members 0007)."""

from django.db import migrations

OLD_INDEXES = [
    "campaigns_drive_membership_started",
    "campaigns_drive_payment_paid",
    "campaigns_drive_payment_refunded",
    "campaigns_drive_member_access",
]


class Migration(migrations.Migration):
    dependencies = [
        ("campaigns", "0006_gifts_pay_through_members_checkout"),
    ]

    operations = [
        migrations.RemoveField(model_name="giftmembership", name="token"),
        migrations.RemoveField(model_name="giftmembership", name="idempotency_key"),
        migrations.RemoveField(model_name="giftmembership", name="setup_intent_id"),
        migrations.RemoveField(model_name="giftmembership", name="payment"),
        *(
            migrations.RunSQL(sql=f"DROP INDEX IF EXISTS {name}", reverse_sql=migrations.RunSQL.noop)
            for name in OLD_INDEXES
        ),
    ]
