"""Spoken parts kept on the narration host's disk, so a part is synthesised once per wording.

A story is narrated part by part (headline, byline, each paragraph). Most of a story's parts
are the same from one rendering to the next: the draft an editor saved an hour before
publishing, the correction to one paragraph of a published story, the worker that was stopped
halfway and handed the story back. Each part's speech is kept here under a key made of its
words and everything else that shapes its sound (the voice's files, the sample rate, the pause
between sentences), so the next rendering synthesises only the parts whose words changed.

Why the narration host's disk and not the shared media storage: a draft's words are private
until it is published (an embargo), and media files are public by URL; a guessed key must not
be able to confirm a guess of what a draft says. Why not memory: several processes narrate
(a stopped worker's successor, `manage.py narrate`). A cache miss is only slower, never wrong,
so a second narration host simply has its own.

Entries are raw 16-bit PCM behind a short header; the directory is kept under
NARRATION_PART_CACHE_MB by dropping the entries read least recently. A file that does not
parse (truncated by a full disk, written by another version) is a miss and is removed.
"""

from __future__ import annotations

import contextlib
import functools
import hashlib
import logging
import os
import struct
import tempfile
from pathlib import Path

from django.conf import settings

logger = logging.getLogger("masthead.audio")

# Bump when the entry layout or what a part's audio contains changes: old entries then miss.
FORMAT = 1
MAGIC = b"MHPART"
_HEADER = struct.Struct(">6sBI")  # magic, format, sample rate


def directory() -> Path:
    return Path(settings.NARRATION_PART_CACHE_DIR)


def enabled() -> bool:
    return int(settings.NARRATION_PART_CACHE_MB) > 0


@functools.cache
def voice_fingerprint(model: Path, config: Path) -> str:
    """What identifies a voice's sound: its model and config files' contents. A voice package
    upgraded in place makes new keys, so no part is ever read in an old voice. Hashing the model
    (~60 MB) takes ~0.1 s, once per process."""
    digest = hashlib.sha256()
    for path in (model, config):
        with path.open("rb") as handle:
            for block in iter(lambda: handle.read(1 << 20), b""):
                digest.update(block)
    return digest.hexdigest()


def part_key(*, voice: str, fingerprint: str, sample_rate: int, sentence_pause: float, text: str) -> str:
    material = "\x1f".join((str(FORMAT), voice, fingerprint, str(sample_rate), f"{sentence_pause:.4f}", text))
    return hashlib.sha256(material.encode("utf-8")).hexdigest()


def _path(key: str) -> Path:
    return directory() / key[:2] / f"{key}.pcm"


def has(key: str) -> bool:
    return enabled() and _path(key).exists()


def get(key: str, *, sample_rate: int) -> bytes | None:
    """The part's PCM, or None. A hit is touched, so pruning drops the parts read longest ago."""
    if not enabled():
        return None
    path = _path(key)
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        return None
    except OSError:
        logger.warning("A cached narration part could not be read: %s", path, exc_info=True)
        return None
    if len(data) < _HEADER.size or (len(data) - _HEADER.size) % 2:
        _discard(path)
        return None
    magic, version, rate = _HEADER.unpack_from(data)
    if magic != MAGIC or version != FORMAT or rate != sample_rate:
        _discard(path)
        return None
    with contextlib.suppress(OSError):
        os.utime(path)
    return data[_HEADER.size :]


def put(key: str, pcm: bytes, *, sample_rate: int) -> None:
    """Keep a part's PCM. Written to a temporary file and renamed, so a reader never sees half an
    entry; a full disk or a read-only directory only means no cache (logged), never a failure."""
    if not enabled():
        return
    path = _path(key)
    temporary = ""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile(dir=path.parent, prefix=".part-", delete=False) as handle:
            temporary = handle.name
            handle.write(_HEADER.pack(MAGIC, FORMAT, sample_rate))
            handle.write(pcm)
        os.replace(temporary, path)
    except OSError:
        logger.warning("A narration part could not be kept in %s", directory(), exc_info=True)
        if temporary:
            _discard(Path(temporary))


def _discard(path: Path) -> None:
    with contextlib.suppress(OSError):
        path.unlink()


def prune() -> int:
    """Drop the entries read least recently until the directory is under NARRATION_PART_CACHE_MB.
    Returns how many were dropped. Called after each narration; a few thousand files at most."""
    if not enabled() or not directory().exists():
        return 0
    limit = int(settings.NARRATION_PART_CACHE_MB) * 1024 * 1024
    entries: list[tuple[float, int, Path]] = []
    total = 0
    for path in directory().glob("*/*.pcm"):
        try:
            stat = path.stat()
        except OSError:
            continue
        entries.append((stat.st_mtime, stat.st_size, path))
        total += stat.st_size
    dropped = 0
    for _, size, path in sorted(entries):
        if total <= limit:
            break
        _discard(path)
        total -= size
        dropped += 1
    return dropped


def clear() -> None:
    """Remove every entry (the tests start each test with none)."""
    for path in directory().glob("*/*.pcm"):
        _discard(path)
