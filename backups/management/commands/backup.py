"""`manage.py backup ARCHIVE`: the whole newsroom in one file, with a checksum beside it."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

from django.core.management import BaseCommand, CommandError
from django.template.defaultfilters import filesizeformat

from backups.archive import ArchiveError
from backups.services import backup_create
from lib.progress_bar import ProgressBar


class Command(BaseCommand):
    help = (
        "Write the database (every table Masthead keeps), the media files (or, on S3, a list of the "
        "objects) and the settings that matter into one .tar.gz archive, and its SHA-256 beside it."
    )

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("archive", help="The file to write, e.g. backups/masthead-2026-12-02.tar.gz")
        media = parser.add_mutually_exclusive_group()
        media.add_argument(
            "--copy-media", action="store_true", help="Copy media into the archive even from object storage."
        )
        media.add_argument(
            "--no-media", action="store_true", help="List media files but do not copy them (the default on S3)."
        )

    def handle(self, *args: Any, archive: str, copy_media: bool, no_media: bool, **options: Any) -> None:
        copy: bool | None = True if copy_media else False if no_media else None
        bar = ProgressBar(sys.stderr, label="Backing up") if options["verbosity"] else None
        try:
            report = backup_create(Path(archive), copy_media=copy, progress=bar or (lambda *_: None))
        except ArchiveError as error:
            raise CommandError(str(error)) from error
        except OSError as error:
            raise CommandError(
                f"Could not write {archive}: {error.strerror or error} ({error.filename or 'the archive'}). "
                "Check the folder's space and permissions; the incomplete file was removed."
            ) from error
        finally:
            if bar:
                bar.finish()
        media = (
            f"{report.media_files} media files ({filesizeformat(report.media_bytes)})"
            if report.media_copied
            else f"a list of {report.media_files} media objects (not copied; keep the bucket versioned)"
        )
        if report.media_skipped:
            self.stderr.write(
                f"{report.media_skipped} media files were deleted while the backup ran and are not in it."
            )
        self.stdout.write(
            f"Wrote {report.path}: {report.rows} rows in {report.tables} tables and {media}.\n"
            f"SHA-256 {report.sha256} (also in {report.path.name}.sha256; check a copy with `sha256sum -c`)."
        )
