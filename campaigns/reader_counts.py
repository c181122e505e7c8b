"""Counting article views without cookies or personal data.

A view arrives from the reader's browser as a beacon (static/js/drive.js). We keep no record
of the reader: to count a reload within RELOAD_WINDOW once, a short hash of (salt, IP,
user agent, article, day) is added to the cache with that lifetime and never written to the
database. The salt is random, made per day and kept only in the cache, so yesterday's hashes
cannot be recomputed from anything stored.

Counts are buffered and written in batches to ArticleDailyViews by the worker's periodic task
`campaigns.tasks.flush_view_counts`. The buffer and the reload keys are shared by every
process (web workers and task workers alike), never kept in one process's memory:
- with Redis (REDIS_URL set), every process adds to one Redis hash (HINCRBY, with the reload
  key in the same Lua call); the flush renames the hash, so no increment is lost.
- on a single host without Redis, the buffer is rows in the database (lib/pending_counts.py:
  one upsert per view, taken with DELETE … RETURNING in the flush's transaction) and the
  reload keys live in the file cache's "views" folder, apart from page copies, so a flood of
  beacons never culls pages. A reload that lands on another process still counts once.
"""

from __future__ import annotations

import hashlib
import re
import secrets
import threading
from collections import Counter
from datetime import date

from django.conf import settings
from django.core.cache import cache, caches
from django.core.cache.backends.redis import RedisCache
from django.db import connection, transaction
from django.utils import timezone

from lib import pending_counts

RELOAD_WINDOW = 30 * 60
MAX_PENDING = 200_000  # beyond this many distinct (day, article) pairs a flood is dropped

# Self-declared robots, crawlers, link previewers and headless tools. Not exhaustive: it keeps
# the obvious out; a bot that pretends to be a browser is counted like one.
BOT_PATTERN = re.compile(
    r"bot|crawl|spider|slurp|scrape|fetch|preview|monitor|curl|wget|python|httpx|java/|go-http|"
    r"okhttp|libwww|headless|phantom|lighthouse|facebookexternalhit|embedly|whatsapp|"
    r"pingdom|uptime|feed|rss|archive",
    re.IGNORECASE,
)


def is_bot(user_agent: str) -> bool:
    return not user_agent.strip() or bool(BOT_PATTERN.search(user_agent))


_salts: dict[date, str] = {}


def _day_salt(day: date) -> str:
    """The day's salt, shared by every process through the cache and remembered in this one."""
    salt = _salts.get(day)
    if salt is None:
        key = f"campaigns:views:salt:{day.isoformat()}"
        cache.add(key, secrets.token_hex(16), 2 * 24 * 3600)
        salt = cache.get(key)
        if not salt:  # the cache refused to keep it; use a fresh one and ask again next time
            return secrets.token_hex(16)
        _salts.clear()  # only today's is ever needed
        _salts[day] = salt
    return salt


def count_view(*, article_id: int, ip: str, user_agent: str) -> bool:
    """Count one view unless the reader is a bot or reloaded within the window; True if counted."""
    if article_id <= 0 or is_bot(user_agent):
        return False
    today = timezone.localdate()
    salt = _day_salt(today)
    digest = hashlib.blake2b(
        f"{salt}|{ip}|{user_agent}|{article_id}|{today.isoformat()}".encode(), digest_size=12
    ).hexdigest()
    return buffer().add_once(today, article_id, digest)


# Mark the reader's hash as seen and count the view in one round trip, only if it was new.
COUNT_ONCE = """
if redis.call('SET', KEYS[1], '1', 'NX', 'EX', ARGV[1]) then
  if ARGV[3] == '1' or redis.call('HEXISTS', KEYS[2], ARGV[2]) == 1 then
    redis.call('HINCRBY', KEYS[2], ARGV[2], 1)
    return 1
  end
end
return 0
"""


class RedisBuffer:
    """One hash for all processes; flushed by renaming it so no increment is lost."""

    def __init__(self) -> None:
        self.key = cache.make_key("campaigns:views:pending")
        self.client = cache._cache.get_client(self.key, write=True)  # type: ignore[attr-defined]
        self.count_once = self.client.register_script(COUNT_ONCE)
        self.adds = 0
        self.room = True

    def add_once(self, day: date, article_id: int, digest: str) -> bool:
        # The size cap is checked every 1,000 views, not on every one.
        self.adds += 1
        if self.adds % 1000 == 0:
            self.room = self.client.hlen(self.key) < MAX_PENDING
        seen = cache.make_key(f"campaigns:views:seen:{digest}")
        field = f"{day}:{article_id}"
        return bool(self.count_once(keys=[seen, self.key], args=[RELOAD_WINDOW, field, "1" if self.room else "0"]))

    def take(self) -> Counter[tuple[date, int]]:
        taking = f"{self.key}:flushing:{secrets.token_hex(4)}"
        try:
            self.client.rename(self.key, taking)
        except Exception as exc:  # redis.ResponseError "no such key": nothing to flush
            if "no such key" in str(exc).lower():
                return Counter()
            raise
        pairs = self.client.hgetall(taking)
        self.client.delete(taking)
        return _parse({k.decode(): int(v) for k, v in pairs.items()})

    def give_back(self, counts: Counter[tuple[date, int]]) -> None:
        for (day, article_id), views in counts.items():
            self.client.hincrby(self.key, f"{day}:{article_id}", views)

    def maybe_flush(self) -> None:
        """The worker flushes Redis; a beacon never waits for the database."""


class DatabaseBuffer:
    """One host without Redis: reload keys in the "views" file cache, counts in the database."""

    BUCKET = "campaigns:views"

    def __init__(self) -> None:
        self.seen = caches["views"] if "views" in settings.CACHES else cache

    def add_once(self, day: date, article_id: int, digest: str) -> bool:
        if not self.seen.add(f"campaigns:views:seen:{digest}", 1, RELOAD_WINDOW):
            return False
        pending_counts.add(self.BUCKET, f"{day}:{article_id}")
        return True

    def take(self) -> Counter[tuple[date, int]]:
        """Call inside the transaction that writes the counts: a rollback gives them back."""
        return _parse(pending_counts.take(self.BUCKET))

    def give_back(self, counts: Counter[tuple[date, int]]) -> None:
        pending_counts.add_many(self.BUCKET, [(f"{day}:{article}", views) for (day, article), views in counts.items()])

    def maybe_flush(self) -> None:
        """The worker flushes; a beacon never waits for the flush."""


def _parse(raw: dict[str, int]) -> Counter[tuple[date, int]]:
    counts: Counter[tuple[date, int]] = Counter()
    for field, views in raw.items():
        day, _, article = field.partition(":")
        counts[(date.fromisoformat(day), int(article))] += views
    return counts


_buffer: RedisBuffer | DatabaseBuffer | None = None
_buffer_lock = threading.Lock()


def buffer() -> RedisBuffer | DatabaseBuffer:
    global _buffer
    if _buffer is None:
        with _buffer_lock:
            if _buffer is None:
                is_redis = isinstance(caches["default"], RedisCache)
                _buffer = RedisBuffer() if is_redis else DatabaseBuffer()
    return _buffer


def reset_buffer() -> None:
    """Tests: start from an empty buffer bound to the current cache settings."""
    global _buffer
    _buffer = None
    _salts.clear()


UPSERT = (
    "INSERT INTO campaigns_articledailyviews (article_id, date, views) VALUES {values} "
    "ON CONFLICT (article_id, date) DO UPDATE SET views = campaigns_articledailyviews.views + excluded.views"
)
BATCH = 500


def flush_view_counts() -> int:
    """Add buffered counts to ArticleDailyViews in one transaction; returns views written.

    Counts for pages that are not (or no longer) articles are dropped. If the database write
    fails, the counts go back into the buffer for the next flush.
    """
    store = buffer()
    if isinstance(store, DatabaseBuffer):
        # Taken and written in one transaction: if the write fails, nothing was taken.
        with transaction.atomic():
            return _write(store.take())
    counts = store.take()
    try:
        return _write(counts)
    except Exception:
        store.give_back(counts)
        raise


def _write(counts: Counter[tuple[date, int]]) -> int:
    from newsroom.models import ArticlePage

    if not counts:
        return 0
    known = set(ArticlePage.objects.filter(pk__in={article for _, article in counts}).values_list("pk", flat=True))
    rows = [(article, day, views) for (day, article), views in counts.items() if article in known]
    with transaction.atomic(), connection.cursor() as cursor:
        for start in range(0, len(rows), BATCH):
            chunk = rows[start : start + BATCH]
            cursor.execute(
                UPSERT.format(values=", ".join(["(%s, %s, %s)"] * len(chunk))),
                [value for row in chunk for value in row],
            )
    return sum(views for _, _, views in rows)
