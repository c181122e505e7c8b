"""Counters every process adds to and one process takes, in the database (no Redis needed).

The same shape as a Redis hash with HINCRBY and RENAME: `add(bucket, field, n)` is one upsert,
`take(bucket)` one `DELETE … RETURNING`, both single statements, so an increment that races a
take is either in what was taken or left for the next take, never lost (SQLite 3.35+ and
PostgreSQL). Call `take` inside the transaction that writes the counts elsewhere: if that
write fails, the rows come back with the rollback.
"""

from __future__ import annotations

from collections.abc import Iterable

from django.db import connection

ADD = (
    "INSERT INTO lib_pendingcount (bucket, field, value) VALUES {values} "
    "ON CONFLICT (bucket, field) DO UPDATE SET value = lib_pendingcount.value + excluded.value"
)
TAKE = "DELETE FROM lib_pendingcount WHERE bucket = %s RETURNING field, value"
BATCH = 500


def add(bucket: str, field: str, n: int = 1) -> None:
    add_many(bucket, [(field, n)])


def add_many(bucket: str, counts: Iterable[tuple[str, int]]) -> None:
    rows = list(counts)
    with connection.cursor() as cursor:
        for start in range(0, len(rows), BATCH):
            chunk = rows[start : start + BATCH]
            cursor.execute(
                ADD.format(values=", ".join(["(%s, %s, %s)"] * len(chunk))),
                [value for field, n in chunk for value in (bucket, field, n)],
            )


def take(bucket: str) -> dict[str, int]:
    """Remove and return every counter of `bucket` (summed per field)."""
    taken: dict[str, int] = {}
    with connection.cursor() as cursor:
        cursor.execute(TAKE, [bucket])
        for field, value in cursor.fetchall():
            taken[field] = taken.get(field, 0) + int(value)
    return taken
