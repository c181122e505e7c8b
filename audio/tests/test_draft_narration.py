"""A saved draft's parts are spoken before it is published, and nothing of it is public until then.

Saving a revision queues a task at the lowest narration priority that speaks the new parts into
the part cache (services.draft_saved, prenarrate_draft); publishing then narrates from the
cache. The draft's speech stays off the media storage: no Narration row, no MP3, no URL.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from django.conf import settings
from django.test import override_settings
from django.utils import timezone
from django_tasks_db.models import DBTaskResult
from wagtail.models import PageViewRestriction

from audio import part_cache, services
from audio.models import Narration
from audio.text_preparation import prepare_article
from tests.support.newsroom import paragraphs

DB_TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default", "narration", "email"]}}
DRAFT_TASK = "audio.tasks.prenarrate_draft_task"
BODY = paragraphs("The council in Arnhalt will vote on the bridge on Thursday.", "Work could start in May.")


def _speak(article, revision):
    return services.prenarrate_draft(
        page_id=article.pk, revision_id=revision.pk, saved_at=revision.created_at.isoformat()
    )


def _media_files() -> set[Path]:
    return {path for path in Path(settings.MEDIA_ROOT).rglob("*") if path.is_file()}


def _kept() -> int:
    return len(list(Path(settings.NARRATION_PART_CACHE_DIR).glob("*/*.pcm")))


@pytest.fixture
def draft(newsroom):
    return newsroom.add_article("Bridge vote", body=BODY, hero=False, live=False)


@pytest.mark.django_db
@override_settings(NARRATION_DRAFTS=True)
def test_a_saved_draft_is_spoken_and_its_publish_reads_every_part_from_the_cache(
    draft, django_capture_on_commit_callbacks
):
    media_before = _media_files()
    with django_capture_on_commit_callbacks(execute=True):
        draft.save_revision()  # the immediate backend runs the draft's task here
    parts = len(prepare_article(draft.get_latest_revision_as_object()).parts)
    assert _kept() == parts
    assert not Narration.objects.filter(article=draft).exists(), "a draft has no narration"
    assert _media_files() == media_before, "nothing of a draft in the media storage"

    draft.get_latest_revision().publish()
    result = services.narrate_article(article_id=draft.pk)
    assert (result.outcome, result.spoken_parts, result.cached_parts) == ("done", 0, parts)
    assert Narration.objects.get(article=draft).is_ready


@pytest.mark.django_db
@override_settings(NARRATION_DRAFTS=True)
def test_a_draft_edited_after_it_was_spoken_only_needs_its_new_parts(draft):
    revision = draft.save_revision()
    assert _speak(draft, revision).outcome == "done"
    draft.body = paragraphs("The council in Arnhalt will vote on the bridge on Friday.", "Work could start in May.")
    revision = draft.save_revision()
    again = _speak(draft, revision)
    assert (again.outcome, again.spoken_parts) == ("done", 1)


@pytest.mark.django_db
def test_a_private_draft_is_never_spoken(newsroom):
    section = newsroom.sections["politics"]
    PageViewRestriction.objects.create(page=section, restriction_type=PageViewRestriction.LOGIN)
    story = newsroom.add_article("Closed briefing", body=BODY, hero=False, live=False)
    revision = story.save_revision()
    result = _speak(story, revision)
    assert result.outcome == "skipped" and "private" in result.detail
    assert _kept() == 0


@pytest.mark.django_db
def test_an_older_revision_is_not_spoken_once_a_newer_one_is_saved(draft):
    older = draft.save_revision()
    draft.save_revision()
    result = _speak(draft, older)
    assert result.outcome == "skipped" and _kept() == 0


@pytest.mark.django_db
def test_content_autosaved_over_since_is_not_spoken(draft, admin_user):
    # Wagtail's editor autosaves into the editor's own latest revision: same id, new content.
    revision = draft.save_revision(user=admin_user)
    before = revision.created_at.isoformat()
    draft.body = paragraphs("The council in Arnhalt postponed the vote.")
    overwritten = draft.save_revision(user=admin_user, overwrite_revision=revision)
    assert overwritten.pk == revision.pk and overwritten.created_at.isoformat() != before
    stale = services.prenarrate_draft(page_id=draft.pk, revision_id=revision.pk, saved_at=before)
    assert stale.outcome == "skipped" and _kept() == 0
    assert _speak(draft, overwritten).outcome == "done"
    assert _kept() == len(prepare_article(draft.get_latest_revision_as_object()).parts)


@pytest.mark.django_db
@override_settings(NARRATION_DRAFTS=True, TASKS=DB_TASKS)
def test_an_autosave_queues_speaking_the_new_content(draft, admin_user, django_capture_on_commit_callbacks):
    revision = draft.save_revision(user=admin_user)
    draft.body = paragraphs("The council in Arnhalt postponed the vote.")
    with django_capture_on_commit_callbacks(execute=True):
        draft.save_revision(user=admin_user, overwrite_revision=revision)
    revision.refresh_from_db()
    queued = DBTaskResult.objects.get(task_path=DRAFT_TASK)
    assert queued.args_kwargs["args"] == [draft.pk, revision.pk, revision.created_at.isoformat()]


@pytest.mark.django_db
@override_settings(TASKS=DB_TASKS)
def test_a_draft_gives_way_to_a_published_story_waiting_for_its_audio(
    newsroom, draft, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        newsroom.add_article("Storm warning", hero=False)  # its narration task is now on the queue
    assert DBTaskResult.objects.filter(task_path="audio.tasks.narrate_article_task", status="READY").exists()
    revision = draft.save_revision()
    result = _speak(draft, revision)
    assert (result.outcome, result.spoken_parts) == ("interrupted", 0)
    assert _kept() == 0


@pytest.mark.django_db
@override_settings(TASKS=DB_TASKS)
def test_a_queued_row_with_no_task_behind_it_does_not_hold_drafts_back(newsroom, draft):
    waiting = newsroom.add_article("Storm warning", hero=False)  # a row Queued, its task never sent
    assert Narration.objects.get(article=waiting).status == Narration.Status.QUEUED
    assert not DBTaskResult.objects.filter(task_path="audio.tasks.narrate_article_task").exists()
    assert _speak(draft, draft.save_revision()).outcome == "done"


@pytest.mark.django_db
@override_settings(NARRATION_DRAFTS=True, TASKS=DB_TASKS)
def test_saving_a_draft_queues_one_task_below_every_narration_and_publishing_queues_none(
    draft, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        revision = draft.save_revision()
    task = DBTaskResult.objects.get(task_path=DRAFT_TASK)
    assert task.queue_name == "narration" and task.priority == services.DRAFT_PRIORITY == -100
    assert task.args_kwargs["args"] == [draft.pk, revision.pk, revision.created_at.isoformat()]
    settle = (task.run_after - timezone.now()).total_seconds()
    assert 0 < settle <= services.DRAFT_SETTLE.total_seconds()

    DBTaskResult.objects.all().delete()
    with django_capture_on_commit_callbacks(execute=True):
        draft.save_revision().publish()
    assert not DBTaskResult.objects.filter(task_path=DRAFT_TASK).exists(), "a publish is narrated, not pre-spoken"
    assert DBTaskResult.objects.filter(task_path="audio.tasks.narrate_article_task").count() == 1


@pytest.mark.django_db
@override_settings(NARRATION_DRAFTS=False, TASKS=DB_TASKS)
def test_with_drafts_switched_off_nothing_is_queued(draft, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        draft.save_revision()
    assert not DBTaskResult.objects.filter(task_path=DRAFT_TASK).exists()


@pytest.mark.django_db
@override_settings(NARRATION_DRAFTS=True)
def test_the_speech_of_a_draft_is_not_reachable_by_any_url(client, draft, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        draft.save_revision()
    assert _kept() > 0
    assert not Path(settings.NARRATION_PART_CACHE_DIR).resolve().is_relative_to(Path(settings.MEDIA_ROOT).resolve())
    assert client.get("/podcast.xml").content.count(b"Bridge vote") == 0
    key = next(Path(settings.NARRATION_PART_CACHE_DIR).glob("*/*.pcm"))
    for url in (f"/audio/{draft.pk}/{key.stem}.mp3", f"/media/{key.parent.name}/{key.name}"):
        assert client.get(url).status_code == 404, url
    assert part_cache.has(key.stem)
