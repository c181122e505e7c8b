"""SQLite search stems words: Wagtail's FTS5 table gets the `porter` tokenizer.

"transformers" then finds "transformer" (and the other way round). The rows are copied over, so
no `update_index` is needed. PostgreSQL stems through SEARCH_CONFIG = "english" in settings.
"""

from django.db import migrations

TABLE = "wagtailsearch_indexentry_fts"


def _rebuild(apps, schema_editor, tokenizer: str) -> None:
    connection = schema_editor.connection
    if connection.vendor != "sqlite" or TABLE not in connection.introspection.table_names():
        return
    tokenize = f", tokenize='{tokenizer}'" if tokenizer else ""
    columns = "rowid, autocomplete, body, title"
    # Copied out and back rather than renamed: the index entry's triggers name this table.
    with connection.cursor() as cursor:
        cursor.execute(f"CREATE TEMP TABLE fts_copy AS SELECT {columns} FROM {TABLE}")
        cursor.execute(f"DROP TABLE {TABLE}")
        cursor.execute(f"CREATE VIRTUAL TABLE {TABLE} USING fts5(autocomplete, body, title{tokenize})")
        cursor.execute(f"INSERT INTO {TABLE} ({columns}) SELECT {columns} FROM fts_copy")
        cursor.execute("DROP TABLE fts_copy")


def stem(apps, schema_editor):
    _rebuild(apps, schema_editor, "porter unicode61")


def unstem(apps, schema_editor):
    _rebuild(apps, schema_editor, "")


class Migration(migrations.Migration):
    dependencies = [
        ("newsroom", "0001_initial"),
        ("wagtailsearch", "0010_add_text_fields"),
    ]

    operations = [migrations.RunPython(stem, unstem)]
