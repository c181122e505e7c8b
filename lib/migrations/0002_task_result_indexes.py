"""Two partial indexes on django-tasks-db's table, for /healthz and for pruning old results.

The table belongs to a third-party app, so the indexes are plain SQL (the same on SQLite and
PostgreSQL) instead of fields of a model we own. Both cover only the rows their query reads.
"""

from django.db import migrations

TABLE = "django_tasks_database_dbtaskresult"

class Migration(migrations.Migration):
    dependencies = [
        ("lib", "0001_initial"),
        ("django_tasks_database", "0021_conditional_partial_index_ordering"),
    ]

    operations = [
        migrations.RunSQL(
            f"CREATE INDEX lib_tasks_ready_enqueued ON {TABLE} (enqueued_at) WHERE status = 'READY'",
            "DROP INDEX lib_tasks_ready_enqueued",
        ),
        migrations.RunSQL(
            f"CREATE INDEX lib_tasks_finished_at ON {TABLE} (finished_at) WHERE status IN ('SUCCESSFUL', 'FAILED')",
            "DROP INDEX lib_tasks_finished_at",
        ),
    ]
