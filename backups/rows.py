"""Which tables a backup holds, and how one row becomes a line of JSON and back.

A row is written as its fields' Python values made portable (ISO dates in UTC, decimals and
UUIDs as text, bytes as base64, JSON and StreamField data as the JSON they hold), with keys
sorted, so the same data gives the same bytes on SQLite and on PostgreSQL. That is what lets a
restore be checked line for line and an archive move a newsroom from one engine to the other.
"""

from __future__ import annotations

import base64
import json
import uuid
from collections.abc import Iterator
from datetime import UTC, date, datetime, time, timedelta
from decimal import Decimal
from typing import Any

from django.apps import apps
from django.db import models
from django.utils.duration import duration_iso_string
from wagtail.fields import StreamField

# Rows that only mean something while the processes that wrote them run: sessions (a restore
# signs everyone out, which is what an operator wants after moving servers), rate-limit counters,
# clock ticks and leases. And one table that is derived from the others: the search index, which
# differs between SQLite and PostgreSQL and is rebuilt after a restore. Everything else is
# newsroom data and is kept.
EPHEMERAL = frozenset({"sessions.session", "lib.ratelimitcounter", "lib.periodictick", "lib.tasklock"})
DERIVED = frozenset({"wagtailsearch.indexentry", "wagtailsearch.sqliteftsindexentry"})
NOT_KEPT = EPHEMERAL | DERIVED

BATCH = 2000


def label(model: type[models.Model]) -> str:
    return model._meta.label_lower


def backed_up_models() -> list[type[models.Model]]:
    """Every table Django manages, once, in a stable order (m2m link tables included)."""
    seen: set[str] = set()
    chosen = []
    for model in apps.get_models(include_auto_created=True):
        meta = model._meta
        if meta.proxy or not meta.managed or meta.db_table in seen or label(model) in NOT_KEPT:
            continue
        seen.add(meta.db_table)
        chosen.append(model)
    return sorted(chosen, key=label)


def all_tables() -> list[type[models.Model]]:
    """What a restore empties first: the backed-up tables and those it does not keep."""
    return [
        model for model in apps.get_models(include_auto_created=True) if not model._meta.proxy and model._meta.managed
    ]


def table_fields(model: type[models.Model]) -> list[models.Field]:
    # Only this table's own columns: a page subclass's row holds its own fields and the link to
    # the wagtailcore_page row, which is written by the Page model's own table.
    return list(model._meta.local_concrete_fields)


def _portable(field: models.Field, value: Any) -> Any:
    if value is None:
        return None
    if isinstance(field, StreamField):
        return [dict(item) for item in value.raw_data]
    if isinstance(value, datetime):
        return value.astimezone(UTC).isoformat() if value.tzinfo else value.isoformat()
    if isinstance(value, date | time):
        return value.isoformat()
    if isinstance(value, timedelta):
        return duration_iso_string(value)
    if isinstance(value, Decimal | uuid.UUID):
        return str(value)
    if isinstance(value, bytes | memoryview):
        return base64.b64encode(bytes(value)).decode("ascii")
    if isinstance(field, models.FileField):
        return str(value)
    return value


def rows(model: type[models.Model], *, using: str = "default") -> Iterator[str]:
    """The table's rows, ordered by primary key, each a line of JSON (no trailing newline)."""
    fields = table_fields(model)
    attnames = [field.attname for field in fields]
    queryset = model._base_manager.using(using).order_by("pk")
    for obj in queryset.iterator(chunk_size=BATCH):
        record = {name: _portable(field, getattr(obj, name)) for name, field in zip(attnames, fields, strict=True)}
        yield json.dumps(record, sort_keys=True, ensure_ascii=False, separators=(",", ":"))


def _python(field: models.Field, value: Any) -> Any:
    if value is None or isinstance(field, StreamField | models.JSONField):
        # Stored as given: a StreamField's raw blocks are written back untouched, not re-prepared.
        return value
    if isinstance(field, models.DateTimeField):
        return datetime.fromisoformat(value)
    return field.to_python(value)


def insert(model: type[models.Model], lines: Iterator[str], *, using: str = "default") -> int:
    """Insert rows written by `rows`, keeping their primary keys; returns how many.

    Raw inserts, like loaddata's: no save(), no signals (nothing is re-narrated or re-sent),
    no auto_now. Constraint checks wait for the end of the restore's transaction.
    """
    from django.db import connections

    fields = table_fields(model)
    by_name = {field.attname: field for field in fields}
    manager = model._base_manager.using(using)
    batch_size = max(1, min(500, connections[using].ops.bulk_batch_size(fields, [None] * 500)))
    count = 0
    batch: list[models.Model] = []
    for line in lines:
        record = json.loads(line)
        obj = model.__new__(model)
        obj._state = models.base.ModelState()
        obj._state.db = using
        for name, field in by_name.items():
            setattr(obj, name, _python(field, record.get(name)))
        batch.append(obj)
        if len(batch) >= batch_size:
            manager._insert(batch, fields=fields, using=using, raw=True)  # type: ignore[attr-defined]
            count += len(batch)
            batch = []
    if batch:
        manager._insert(batch, fields=fields, using=using, raw=True)  # type: ignore[attr-defined]
        count += len(batch)
    return count
