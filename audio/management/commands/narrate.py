"""Narrate articles now, in this process: `narrate --missing`, `narrate --all` or `narrate 12 15`."""

from __future__ import annotations

import time
from typing import Any

from django.core.management import BaseCommand, CommandError

from audio import services
from audio.models import Narration


class Command(BaseCommand):
    help = (
        "Narrate live articles in this process (without the worker). --missing: those without ready audio; "
        "--all: every article, re-using audio whose text is unchanged; or give article ids."
    )

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("article_ids", nargs="*", type=int, help="Ids of the articles to narrate.")
        group = parser.add_mutually_exclusive_group()
        group.add_argument("--missing", action="store_true", help="Articles whose audio is not ready.")
        group.add_argument("--all", action="store_true", help="Every live article with narration switched on.")
        parser.add_argument("--force", action="store_true", help="Make new audio even if the text is unchanged.")

    def handle(self, *args: Any, article_ids: list[int], missing: bool, all: bool, force: bool, **options: Any) -> None:
        from newsroom.models import ArticlePage

        if bool(article_ids) + missing + all != 1:
            raise CommandError("Say which articles to narrate: --missing, --all, or one or more article ids.")
        # Newest story first, as the worker's queue does: the lead story speaks soonest.
        articles = ArticlePage.objects.live().filter(narration_enabled=True).order_by("-first_published_at", "-pk")
        if article_ids:
            found = set(ArticlePage.objects.filter(pk__in=article_ids).values_list("pk", flat=True))
            unknown = sorted(set(article_ids) - found)
            if unknown:
                raise CommandError(
                    f"No article has the id {', '.join(map(str, unknown))}. The ids are in the CMS page URL."
                )
            ids = article_ids
        elif missing:
            ready = Narration.objects.filter(status=Narration.Status.READY).values("article_id")
            ids = list(articles.exclude(pk__in=ready).values_list("pk", flat=True))
        else:
            ids = list(articles.values_list("pk", flat=True))

        counts = {"done": 0, "skipped": 0, "failed": 0}
        audio_seconds = work_seconds = 0.0
        spoken = kept = 0
        failures: list[str] = []
        started = time.perf_counter()
        for number, article_id in enumerate(ids, start=1):
            self._progress(number - 1, len(ids), f"article {article_id}")
            mark = time.perf_counter()
            result = services.narrate_article(article_id=article_id, force=force)
            counts[result.outcome] += 1
            spoken += result.spoken_parts
            kept += result.cached_parts
            if result.outcome == "done" and result.narration is not None:
                audio_seconds += result.narration.duration_seconds
                work_seconds += time.perf_counter() - mark
            if result.outcome == "failed":
                failures.append(f"  article {article_id}: {result.detail}")
        self._progress(len(ids), len(ids), "finished")
        self.stdout.write("")

        rtf = work_seconds / audio_seconds if audio_seconds else 0.0
        self.stdout.write(
            f"Done {counts['done']}, skipped {counts['skipped']}, failed {counts['failed']} "
            f"of {len(ids)} articles in {time.perf_counter() - started:.1f} s. "
            f"Audio made: {audio_seconds / 3600:.2f} hours; real-time factor {rtf:.3f}. "
            f"Parts: {spoken} spoken, {kept} read from the part cache."
        )
        if failures:
            self.stdout.write("Failed (see the error, fix it, then run this command again):")
            self.stdout.write("\n".join(failures))

    def _progress(self, done: int, total: int, label: str) -> None:
        width = 30
        filled = width * done // total if total else width
        line = f"[{'#' * filled}{'.' * (width - filled)}] {done}/{total} {label}"
        if self.stdout.isatty():  # a live bar on a terminal, one line per step in logs
            self.stdout.write("\r" + line.ljust(70), ending="")
            self.stdout.flush()
        else:
            self.stdout.write(line)
