"""Narrations of articles and the pronunciation lexicon staff keep for the voice."""

from __future__ import annotations

from pathlib import PurePosixPath

from django.db import models
from wagtail.admin.panels import FieldPanel
from wagtail.search import index


class Narration(models.Model):
    """The latest audio version of one article. Re-narrating replaces it; history is not kept."""

    class Status(models.TextChoices):
        QUEUED = "queued", "Queued"
        RUNNING = "running", "Running"
        READY = "ready", "Ready"
        FAILED = "failed", "Failed"

    article = models.OneToOneField("newsroom.ArticlePage", on_delete=models.CASCADE, related_name="narration")
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.QUEUED, db_index=True)
    voice = models.CharField(max_length=60)
    text_hash = models.CharField(max_length=64, help_text="sha256 of the spoken text that was (or is being) read.")
    audio = models.FileField(upload_to="narrations/", blank=True)
    duration_seconds = models.FloatField(default=0)
    size_bytes = models.PositiveBigIntegerField(default=0)
    error = models.TextField(blank=True)
    attempts = models.PositiveSmallIntegerField(default=0)
    prepare_seconds = models.FloatField(default=0)
    synth_seconds = models.FloatField(default=0)
    encode_seconds = models.FloatField(default=0)
    queued_at = models.DateTimeField(null=True, blank=True)
    started_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    claimed_by = models.CharField(
        max_length=100, blank=True, help_text="host:pid:token of the worker narrating it while Running."
    )
    heartbeat_at = models.DateTimeField(
        null=True, blank=True, help_text="Last sign of life of that worker; a stale one means the worker is gone."
    )

    class Meta:
        verbose_name = "narration"

    def __str__(self) -> str:
        return f"Narration of article {self.article_id} ({self.status})"

    @property
    def is_ready(self) -> bool:
        return self.status == self.Status.READY and bool(self.audio)

    @property
    def audio_version(self) -> str:
        """Names this rendering of the audio: the stored file's name, which every regeneration
        changes (even of the same text), so players, proxies and podcast apps never mix the bytes
        of two renderings under one URL."""
        if self.audio:
            return PurePosixPath(self.audio.name or "").stem
        return self.text_hash[:12]

    @property
    def audio_url(self) -> str:
        from django.urls import reverse

        return reverse("audio:narration", kwargs={"article_id": self.article_id, "version": self.audio_version})

    @property
    def podcast_guid(self) -> str:
        """The episode's GUID: one per story, whatever happens to its audio (re-narrated after an
        edit, regenerated), so podcast apps never list the story twice."""
        return f"narration-{self.article_id}"

    @property
    def real_time_factor(self) -> float:
        """Seconds of work per second of audio (lower is faster)."""
        work = self.prepare_seconds + self.synth_seconds + self.encode_seconds
        return work / self.duration_seconds if self.duration_seconds else 0.0


class LexiconEntry(index.Indexed, models.Model):
    """How the voice should say one word: a place, a person, an acronym read letter by letter."""

    term = models.CharField(
        max_length=80,
        unique=True,
        help_text=(
            "The word as written in articles. Matched as a whole word. A term with a capital letter "
            "matches only that spelling; an all-lowercase term matches any capitalisation."
        ),
    )
    say = models.CharField(max_length=120, help_text="How to say it, spelled the way it sounds, e.g. 'Velt mark'.")
    note = models.CharField(max_length=300, blank=True, help_text="Why, for the next editor.")

    panels = [FieldPanel("term"), FieldPanel("say"), FieldPanel("note")]
    search_fields = [index.SearchField("term"), index.AutocompleteField("term"), index.SearchField("say")]

    class Meta:
        verbose_name = "pronunciation"
        verbose_name_plural = "pronunciation lexicon"
        ordering = ["term"]

    def __str__(self) -> str:
        return f"{self.term} → {self.say}"
