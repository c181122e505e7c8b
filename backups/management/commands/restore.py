"""`manage.py restore ARCHIVE`: put a backup into an empty, migrated instance."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

from django.core.management import BaseCommand, CommandError

from backups.archive import ArchiveError
from backups.services import backup_restore
from lib.progress_bar import ProgressBar


class Command(BaseCommand):
    help = (
        "Restore a backup written by `manage.py backup` into this instance (run `manage.py migrate` first). "
        "Refuses an instance that already holds accounts, members, subscribers or articles unless --replace."
    )

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("archive", help="A .tar.gz written by `manage.py backup`.")
        parser.add_argument(
            "--replace",
            action="store_true",
            help="Delete everything this instance holds and put the backup in its place.",
        )

    def handle(self, *args: Any, archive: str, replace: bool, **options: Any) -> None:
        bar = ProgressBar(sys.stderr, label="Restoring") if options["verbosity"] else None
        try:
            report = backup_restore(Path(archive), replace=replace, progress=bar or (lambda *_: None))
        except ArchiveError as error:
            raise CommandError(str(error)) from error
        finally:
            if bar:
                bar.finish()
        self.stdout.write(
            f"Restored {report.rows} rows in {report.tables} tables and {report.media_files} media files; "
            "the search index was rebuilt. Sign-ins were not kept: everyone signs in again."
        )
        if report.media_missing:
            self.stderr.write(
                f"{len(report.media_missing)} media objects the backup lists are not in this instance's storage "
                f"(e.g. {report.media_missing[0]}). Restore them from the bucket's versions or replica."
            )
