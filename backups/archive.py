"""The archive file: a tar (gzip) of a manifest, one JSON-lines file per table and the media.

    manifest.json            what is inside: versions, settings that matter, tables (rows and a
                             SHA-256 each), media files (size and SHA-256) or objects (S3)
    tables/<app>.<model>.jsonl
    media/<name>             files of the default storage, when it keeps them on disk

Beside the archive, `<archive>.sha256` holds the archive's own checksum in `sha256sum` format,
so an operator can check a copy with `sha256sum -c` before trusting it.
"""

from __future__ import annotations

import hashlib
import io
import json
import os
import tarfile
import tempfile
import zlib
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any

FORMAT = "masthead-backup"
FORMAT_VERSION = 1
CHUNK = 1024 * 1024


class ArchiveError(Exception):
    """The archive is missing, damaged or not a Masthead backup; the message says what to do."""


def sha256_file(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        while chunk := handle.read(CHUNK):
            digest.update(chunk)
    return digest.hexdigest()


def checksum_path(archive: Path) -> Path:
    return archive.with_name(archive.name + ".sha256")


@dataclass
class Manifest:
    created_at: str
    versions: dict[str, str]
    settings: dict[str, Any]
    migrations: list[str]
    tables: dict[str, dict[str, Any]] = field(default_factory=dict)
    media: dict[str, dict[str, Any]] = field(default_factory=dict)
    media_copied: bool = True

    def to_json(self) -> bytes:
        body = {"format": FORMAT, "format_version": FORMAT_VERSION, **self.__dict__}
        return json.dumps(body, indent=1, sort_keys=True).encode()

    @classmethod
    def from_json(cls, raw: bytes) -> Manifest:
        try:
            body = json.loads(raw)
        except ValueError as error:
            raise ArchiveError("The archive's manifest is not valid JSON; the file is damaged.") from error
        if not isinstance(body, dict) or body.get("format") != FORMAT:
            raise ArchiveError("This file is not a Masthead backup (its manifest names no Masthead format).")
        if body.get("format_version") != FORMAT_VERSION:
            raise ArchiveError(
                f"This backup uses format {body.get('format_version')}; this Masthead reads format "
                f"{FORMAT_VERSION}. Restore it with the Masthead version that wrote it."
            )
        body.pop("format")
        body.pop("format_version")
        return cls(**body)


class ArchiveWriter:
    """Adds members to a new archive; `close` writes the manifest last and the checksum file."""

    def __init__(self, path: Path) -> None:
        self.path = path
        # Readable by its owner only (it holds readers' data, password hashes and second-factor
        # secrets), and never over an existing file: O_EXCL, not a check that could race.
        try:
            descriptor = os.open(path, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600)
        except FileExistsError as error:
            raise ArchiveError(f"{path} already exists. Name a new file; a backup never overwrites one.") from error
        self._file = os.fdopen(descriptor, "wb")
        self._tar = tarfile.open(fileobj=self._file, mode="w:gz", compresslevel=6)  # noqa: SIM115 - closed by close()

    def add_file(self, name: str, source: Path) -> str:
        digest = sha256_file(source)
        self._tar.add(str(source), arcname=name, recursive=False)
        return digest

    def add_bytes(self, name: str, data: bytes) -> None:
        info = tarfile.TarInfo(name)
        info.size = len(data)
        self._tar.addfile(info, io.BytesIO(data))

    def discard(self) -> None:
        """Close without a manifest (the caller deletes the file)."""
        try:
            self._tar.close()
        finally:
            self._file.close()

    def close(self, manifest: Manifest) -> str:
        self.add_bytes("manifest.json", manifest.to_json())
        self._tar.close()
        self._file.close()
        digest = sha256_file(self.path)
        checksum_path(self.path).write_text(f"{digest}  {self.path.name}\n")
        return digest


class ArchiveReader:
    """Reads an archive written by ArchiveWriter, checking every member against the manifest."""

    def __init__(self, path: Path) -> None:
        if not path.is_file():
            raise ArchiveError(f"No backup at {path}. Give the path of a file written by `manage.py backup`.")
        self.path = path
        beside = checksum_path(path)
        if beside.is_file():
            expected = beside.read_text().split()[0] if beside.read_text().split() else ""
            if expected != sha256_file(path):
                raise ArchiveError(
                    f"{path.name} does not match its checksum in {beside.name}: the copy is damaged or "
                    "incomplete. Copy the archive again from where it is kept."
                )
        try:
            with tarfile.open(path, "r:gz") as tar:
                member = tar.extractfile("manifest.json")
                raw = member.read() if member is not None else b""
        except KeyError as error:
            raise ArchiveError(f"{path.name} has no manifest; it is not a Masthead backup.") from error
        except (tarfile.TarError, OSError, EOFError) as error:
            raise ArchiveError(f"{path.name} is not a readable backup archive ({error}).") from error
        self.manifest = Manifest.from_json(raw)

    def expected_sha256(self, name: str) -> str:
        if name.startswith("tables/") and name.endswith(".jsonl"):
            entry = self.manifest.tables.get(name.removeprefix("tables/").removesuffix(".jsonl"))
        elif name.startswith("media/"):
            entry = self.manifest.media.get(name.removeprefix("media/"))
        else:
            entry = None
        if not entry or "sha256" not in entry:
            raise ArchiveError(f"The archive holds {name}, which its manifest does not list; it is damaged.")
        return str(entry["sha256"])

    def members(self) -> Iterator[tuple[str, IO[bytes]]]:
        """Each table and media file in archive order, read once, checked against the manifest.

        The archive is read as a stream (one pass over the gzip data, however many members), and
        each member is spooled (to disk when big) so nothing unchecked is handed on.
        """
        seen: set[str] = set()
        try:
            yield from self._members(seen)
        except (tarfile.TarError, zlib.error, EOFError) as error:
            raise ArchiveError(f"{self.path.name} is damaged and cannot be read to the end ({error}).") from error
        listed = {f"tables/{label}.jsonl" for label in self.manifest.tables}
        if self.manifest.media_copied:
            listed |= {f"media/{name}" for name in self.manifest.media}
        if listed - seen:
            raise ArchiveError(
                f"The archive lacks {len(listed - seen)} files its manifest lists (e.g. {sorted(listed - seen)[0]}); "
                "it is incomplete. Copy it again from where it is kept."
            )

    def _members(self, seen: set[str]) -> Iterator[tuple[str, IO[bytes]]]:
        with tarfile.open(self.path, "r|gz") as stream:
            for member in stream:
                if member.name == "manifest.json":
                    continue
                if not member.isfile():
                    raise ArchiveError(f"{member.name} in the archive is not a file; the archive is damaged.")
                expected = self.expected_sha256(member.name)
                source = stream.extractfile(member)
                assert source is not None  # a regular file, checked above
                with tempfile.SpooledTemporaryFile(max_size=64 * CHUNK) as spool:
                    digest = hashlib.sha256()
                    while chunk := source.read(CHUNK):
                        digest.update(chunk)
                        spool.write(chunk)
                    if digest.hexdigest() != expected:
                        raise ArchiveError(f"{member.name} does not match its checksum; the archive is damaged.")
                    spool.seek(0)
                    seen.add(member.name)
                    yield member.name, spool  # type: ignore[misc]

    @staticmethod
    def lines(handle: IO[bytes]) -> Iterator[str]:
        for raw in handle:
            line = raw.decode("utf-8").rstrip("\n")
            if line:
                yield line
