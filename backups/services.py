"""Back up the whole newsroom to one archive, and restore it into an empty instance.

`backup_create` and `backup_restore` are the two writes; the management commands `backup` and
`restore` parse arguments, draw the progress bar and print the outcome.
"""

from __future__ import annotations

import shutil
import tempfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import django
import wagtail
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.exceptions import SuspiciousFileOperation
from django.core.files.base import File
from django.core.files.storage import FileSystemStorage, default_storage, storages
from django.core.management import call_command
from django.core.management.color import no_style
from django.db import connections, transaction
from django.db.migrations.recorder import MigrationRecorder
from django.utils import timezone
from django.utils.crypto import salted_hmac

from backups import rows
from backups.archive import ArchiveError, ArchiveReader, ArchiveWriter, Manifest, sha256_file
from lib.email_address import email_hash_key

# (step done, steps in all, what is being done)
Progress = Callable[[int, int, str], None]

FINGERPRINT_SALT = "masthead.backups.key-fingerprint"


def _quiet(done: int, total: int, what: str) -> None:
    return None


@dataclass(frozen=True)
class BackupReport:
    path: Path
    sha256: str
    rows: int
    tables: int
    media_files: int
    media_bytes: int
    media_copied: bool
    media_skipped: int = 0


@dataclass(frozen=True)
class RestoreReport:
    rows: int
    tables: int
    media_files: int
    media_missing: list[str]


def _fingerprint(secret: str) -> str:
    # Says whether two instances share a secret without putting the secret in the archive.
    return salted_hmac(FINGERPRINT_SALT, "fingerprint", secret=secret, algorithm="sha256").hexdigest()[:16]


def _applied_migrations(using: str) -> list[str]:
    return sorted(f"{app}.{name}" for app, name in MigrationRecorder(connections[using]).applied_migrations())


def _check_migrated(using: str) -> None:
    from django.db.migrations.executor import MigrationExecutor

    executor = MigrationExecutor(connections[using])
    if executor.migration_plan(executor.loader.graph.leaf_nodes()):
        raise ArchiveError(
            "This instance's database lacks migrations its code has. Run `manage.py migrate`, then back up "
            "(an archive records one exact set of migrations)."
        )


def _settings_that_matter(using: str) -> dict[str, object]:
    return {
        "SITE_URL": getattr(settings, "SITE_URL", ""),
        "TIME_ZONE": settings.TIME_ZONE,
        "LANGUAGE_CODE": settings.LANGUAGE_CODE,
        "NEWSROOM_LOCALE": getattr(settings, "NEWSROOM_LOCALE", ""),
        "database": connections[using].vendor,
        "storage": f"{type(storages['default']).__module__}.{type(storages['default']).__qualname__}",
        "email_hash_key_fingerprint": _fingerprint(email_hash_key()),
    }


def _stored_files(storage, folder: str = "") -> list[str]:
    """Every file in the storage, by name, sorted (works for the disk and for S3 alike)."""
    folders, files = storage.listdir(folder)
    names = [f"{folder}/{name}" if folder else name for name in files]
    for sub in folders:
        names.extend(_stored_files(storage, f"{folder}/{sub}" if folder else sub))
    return sorted(names)


def _keeps_files_on_disk(storage) -> bool:
    return isinstance(storage, FileSystemStorage)


@contextmanager
def _read_snapshot(using: str) -> Iterator[None]:
    """Every table read as of one moment, without holding up the site's writes.

    PostgreSQL: a REPEATABLE READ, READ ONLY transaction (READ COMMITTED would give each table
    its own moment: a payment without its member). SQLite: a deferred read transaction, which in
    WAL mode is a snapshot that writers go on beside; Django's atomic() would BEGIN IMMEDIATE
    (settings' transaction_mode) and block every sign-in and donation for the whole backup.
    Inside a caller's transaction (tests) that transaction is the snapshot.
    """
    connection = connections[using]
    if connection.in_atomic_block:
        yield
    elif connection.vendor == "postgresql":
        with transaction.atomic(using=using):
            with connection.cursor() as cursor:
                cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")
            yield
    elif connection.vendor == "sqlite":
        with connection.cursor() as cursor:
            cursor.execute("BEGIN DEFERRED")
            try:
                yield
            finally:
                cursor.execute("COMMIT")
    else:
        with transaction.atomic(using=using):
            yield


def backup_create(
    path: Path, *, copy_media: bool | None = None, using: str = "default", progress: Progress = _quiet
) -> BackupReport:
    """Write every kept table and the media (or, on object storage, a list of its objects).

    The tables are read in one snapshot (`_read_snapshot`); the site stays up and keeps writing
    meanwhile. The media are listed after the tables, so every file a row names is there; a file
    deleted while the backup runs is skipped and counted. Never writes to the database. The
    archive is readable by its owner only: it holds readers' personal data and staff secrets.
    """
    path = Path(path)
    if path.exists():
        raise ArchiveError(f"{path} already exists. Name a new file; a backup never overwrites one.")
    if not path.parent.is_dir():
        raise ArchiveError(f"The folder {path.parent} does not exist. Create it or name another.")
    _check_migrated(using)
    copy_media = _keeps_files_on_disk(default_storage) if copy_media is None else copy_media
    models = rows.backed_up_models()
    manifest = Manifest(
        created_at=timezone.now().isoformat(),
        versions={"masthead": "0.1.0", "django": django.get_version(), "wagtail": wagtail.__version__},
        settings=_settings_that_matter(using),
        migrations=_applied_migrations(using),
        media_copied=copy_media,
    )
    writer = ArchiveWriter(path)
    row_total = 0
    media_bytes = 0
    skipped = 0
    try:
        with tempfile.TemporaryDirectory(prefix="masthead-backup-") as scratch:
            with _read_snapshot(using):
                for step, model in enumerate(models, start=1):
                    label = rows.label(model)
                    # The media count is not known yet: tables are the first half of the bar.
                    progress(step, 2 * len(models), f"table {label}")
                    table_file = Path(scratch) / f"{label}.jsonl"
                    count = 0
                    with table_file.open("w", encoding="utf-8") as out:
                        for line in rows.rows(model, using=using):
                            out.write(line + "\n")
                            count += 1
                    digest = writer.add_file(f"tables/{label}.jsonl", table_file)
                    manifest.tables[label] = {"rows": count, "sha256": digest}
                    row_total += count
                    table_file.unlink()
            media_names = _stored_files(default_storage) if _storage_exists(default_storage) else []
            for step, name in enumerate(media_names, start=1):
                progress(len(models) + step * len(models) // max(len(media_names), 1), 2 * len(models), f"media {name}")
                try:
                    if copy_media:
                        copied = Path(scratch) / "media-file"
                        with default_storage.open(name, "rb") as source, copied.open("wb") as out:
                            for chunk in iter(lambda: source.read(1024 * 1024), b""):
                                out.write(chunk)
                        size = copied.stat().st_size
                        manifest.media[name] = {"size": size, "sha256": writer.add_file(f"media/{name}", copied)}
                        copied.unlink()
                    else:
                        size = default_storage.size(name)
                        manifest.media[name] = {"size": size}
                except FileNotFoundError:
                    skipped += 1  # deleted since it was listed (a replaced rendition, say)
                    continue
                media_bytes += size
        digest = writer.close(manifest)
    except BaseException:
        writer.discard()
        path.unlink(missing_ok=True)
        raise
    return BackupReport(
        path=path,
        sha256=digest,
        rows=row_total,
        tables=len(models),
        media_files=len(manifest.media),
        media_bytes=media_bytes,
        media_copied=copy_media,
        media_skipped=skipped,
    )


def _storage_exists(storage) -> bool:
    if _keeps_files_on_disk(storage):
        return Path(storage.location).is_dir()
    return True


def what_the_instance_holds(using: str = "default") -> list[str]:
    """The newsroom data already here; empty for a freshly migrated instance."""
    from wagtail.models import Page

    from members.models import Member
    from newsletters.models import Subscriber

    found = []
    counts = {
        "staff or reader accounts": get_user_model()._base_manager.using(using).count(),
        "members": Member._base_manager.using(using).count(),
        "newsletter subscribers": Subscriber._base_manager.using(using).count(),
        # A new instance has Wagtail's root and its welcome page, nothing deeper.
        "pages": Page._base_manager.using(using).filter(depth__gt=2).count(),
    }
    for what, count in counts.items():
        if count:
            found.append(f"{count} {what}")
    return found


def _check_compatible(manifest: Manifest, using: str) -> None:
    here = set(_applied_migrations(using))
    there = set(manifest.migrations)
    if there - here:
        missing = ", ".join(sorted(there - here)[:5])
        raise ArchiveError(
            f"The backup was made by a newer Masthead (migrations this instance lacks: {missing}…). "
            "Update this instance's code, run `manage.py migrate`, then restore again."
        )
    if here - there:
        extra = ", ".join(sorted(here - there)[:5])
        raise ArchiveError(
            f"This instance is newer than the backup (migrations the backup lacks: {extra}…). Restore into "
            "the Masthead version that made the backup, then update and migrate it as usual."
        )
    expected = manifest.settings.get("email_hash_key_fingerprint")
    if expected and expected != _fingerprint(email_hash_key()):
        raise ArchiveError(
            "The backup's email hashes were made with another MEMBERS_EMAIL_HASH_KEY (or SECRET_KEY, if that "
            "was unset). Set the same key here as on the instance that made the backup (the archive does not "
            "hold settings' secrets), then restore again; with another key, past donors would not be recognised."
        )


def backup_restore(
    path: Path, *, replace: bool = False, using: str = "default", progress: Progress = _quiet
) -> RestoreReport:
    """Put an archive's tables and media into this instance, all tables or none.

    Refuses an instance that holds newsroom data unless `replace`; then that data is deleted.
    Rows keep their primary keys; no signals fire (nothing is narrated, sent or charged again).
    The search index is rebuilt afterwards.
    """
    reader = ArchiveReader(Path(path))
    manifest = reader.manifest
    _check_compatible(manifest, using)
    held = what_the_instance_holds(using)
    if held and not replace:
        raise ArchiveError(
            "This instance already holds " + ", ".join(held) + ". Restore into an empty, migrated instance, "
            "or pass --replace to delete everything here first."
        )
    models = {rows.label(model): model for model in rows.backed_up_models()}
    unknown = sorted(set(manifest.tables) - set(models))
    if unknown:
        raise ArchiveError(f"The backup holds tables this instance does not have ({', '.join(unknown[:5])}).")
    total = len(manifest.tables) + len(manifest.media) + 1
    connection = connections[using]
    row_total = 0
    step = 0
    # One transaction: a damaged member found halfway leaves the database as it was. Media files
    # wait in a staging folder and go into storage only after the commit, so a failed restore
    # never leaves the old database beside the archive's files.
    staging = tempfile.TemporaryDirectory(prefix="masthead-restore-")
    staged: list[tuple[str, Path]] = []
    with staging:
        with transaction.atomic(using=using), connection.constraint_checks_disabled():
            wipe = [model._meta.db_table for model in rows.all_tables()]
            with connection.cursor() as cursor:
                if connection.vendor == "postgresql":
                    # PostgreSQL refuses to TRUNCATE a table with deferred checks still pending in
                    # this transaction (rows a caller wrote before): run them now, defer again after.
                    cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
                for statement in connection.ops.sql_flush(no_style(), wipe, allow_cascade=False):
                    cursor.execute(statement)
                if connection.vendor == "postgresql":
                    cursor.execute("SET CONSTRAINTS ALL DEFERRED")
            for name, handle in reader.members():
                step += 1
                if name.startswith("tables/"):
                    label = name.removeprefix("tables/").removesuffix(".jsonl")
                    progress(step, total, f"table {label}")
                    row_total += rows.insert(models[label], reader.lines(handle), using=using)
                else:
                    media_name = name.removeprefix("media/")
                    progress(step, total, f"media {media_name}")
                    copy = Path(staging.name) / str(len(staged))
                    with copy.open("wb") as out:
                        shutil.copyfileobj(handle, out)
                    staged.append((media_name, copy))
            connection.check_constraints(table_names=[models[label]._meta.db_table for label in manifest.tables])
            with connection.cursor() as cursor:
                for statement in connection.ops.sequence_reset_sql(no_style(), list(models.values())):
                    cursor.execute(statement)
        # Committed: now the media, from the checked copies in the staging folder.
        for media_name, copy in staged:
            _restore_file(copy, media_name, manifest.media[media_name], replace=replace)
    _forget_what_was_cached()
    missing = []
    if not manifest.media_copied:
        missing = [name for name in sorted(manifest.media) if not default_storage.exists(name)]
    progress(total, total, "search index")
    call_command("update_index", verbosity=0)
    return RestoreReport(
        rows=row_total, tables=len(manifest.tables), media_files=len(manifest.media), media_missing=missing
    )


def _forget_what_was_cached() -> None:
    """The old database's pages, private paths, site roots and content types are cached; drop
    them, or a page restricted in the restored data could show on cards for minutes."""
    from django.contrib.contenttypes.models import ContentType
    from wagtail.models import Site

    from newsroom.page_cache import invalidate_reader_pages

    invalidate_reader_pages(reason="restore")
    Site.clear_site_root_paths_cache()
    ContentType.objects.clear_cache()


def _restore_file(source: Path, name: str, entry: dict, *, replace: bool) -> None:
    try:
        _store_file(source, name, entry, replace=replace)
    except SuspiciousFileOperation as error:
        raise ArchiveError(
            f"The archive names a media file outside the media folder ({name}); it was refused."
        ) from error


def _store_file(source: Path, name: str, entry: dict, *, replace: bool) -> None:
    if default_storage.exists(name):
        if _keeps_files_on_disk(default_storage) and sha256_file(Path(default_storage.path(name))) == entry["sha256"]:
            return
        if not replace:
            raise ArchiveError(
                f"A different file is already stored as {name}. Restore into empty media storage, or pass "
                "--replace to overwrite it."
            )
        default_storage.delete(name)
    with source.open("rb") as handle:
        saved = default_storage.save(name, File(handle, name=name))
    if saved != name:
        raise ArchiveError(f"The storage renamed {name} to {saved}; check its settings (file overwrite).")
