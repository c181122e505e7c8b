"""Narration in the CMS: status and regeneration from the article, the failures list, the lexicon."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import Group, Permission
from django.utils import timezone

from audio.models import LexiconEntry, Narration


@pytest.mark.django_db
def test_the_article_action_menu_links_to_its_narration_status(client, editor, narrated_article):
    client.force_login(editor)
    edit = client.get(f"/cms/pages/{narrated_article.pk}/edit/").content.decode()
    assert f"/cms/narration/article/{narrated_article.pk}/" in edit
    status = client.get(f"/cms/narration/article/{narrated_article.pk}/").content.decode()
    assert "Ready" in status and "Regenerate audio" in status
    assert "real-time factor" in status


@pytest.mark.django_db
def test_regenerate_audio_makes_new_audio_even_when_the_text_is_unchanged(
    client, editor, narrated_article, django_capture_on_commit_callbacks
):
    before = Narration.objects.get(article=narrated_article).finished_at
    client.force_login(editor)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(f"/cms/narration/article/{narrated_article.pk}/regenerate/", follow=True)
    assert "New audio has been queued" in response.content.decode()
    after = Narration.objects.get(article=narrated_article)
    assert after.is_ready and after.finished_at > before


@pytest.mark.django_db
def test_regenerating_a_draft_says_to_publish_first(client, editor, newsroom):
    draft = newsroom.add_article("Draft story", live=False)
    client.force_login(editor)
    response = client.post(f"/cms/narration/article/{draft.pk}/regenerate/", follow=True)
    assert "Publish it first" in response.content.decode()


@pytest.fixture
def list_reader(editor):
    """An editor granted the narration list (the CMS roles give it to the Editors group)."""
    editor.user_permissions.add(Permission.objects.get(content_type__app_label="audio", codename="view_narration"))
    return editor


@pytest.mark.django_db
def test_failed_narrations_are_listed_with_their_errors(client, list_reader, narrated_article):
    Narration.objects.filter(article=narrated_article).update(
        status=Narration.Status.FAILED, error="OSError: the media disk is full", attempts=4
    )
    client.force_login(list_reader)
    html = client.get("/cms/narration/").content.decode()
    assert narrated_article.title in html
    assert "OSError: the media disk is full" in html
    ready_tab = client.get("/cms/narration/?status=ready").content.decode()
    assert "the media disk is full" not in ready_tab


@pytest.mark.django_db
def test_readers_and_strangers_cannot_reach_the_narration_views(client, narrated_article, django_user_model):
    assert client.get("/cms/narration/").status_code == 302  # to the sign-in page
    client.force_login(django_user_model.objects.create_user(username="reader", password="pw"))
    assert client.post(f"/cms/narration/article/{narrated_article.pk}/regenerate/").status_code in (302, 403)


@pytest.mark.django_db
def test_staff_edit_the_pronunciation_lexicon_as_a_snippet(admin_client):
    response = admin_client.post(
        "/cms/snippets/audio/lexiconentry/add/", {"term": "Kolvansk", "say": "Coal vansk", "note": "Capital"}
    )
    assert response.status_code == 302
    assert LexiconEntry.objects.get(term="Kolvansk").say == "Coal vansk"
    assert "Kolvansk" in admin_client.get("/cms/snippets/audio/lexiconentry/").content.decode()


@pytest.mark.django_db
def test_the_demo_lexicon_loads_once_and_keeps_staff_edits():
    from audio.demo import LEXICON, load_demo_lexicon

    assert load_demo_lexicon(LEXICON) == len(LEXICON)
    LexiconEntry.objects.filter(term="Veldmark").update(say="Felt mark")
    assert load_demo_lexicon(LEXICON) == 0
    assert LexiconEntry.objects.get(term="Veldmark").say == "Felt mark"


@pytest.mark.django_db
def test_the_narration_list_is_for_editors_only(client, newsroom, list_reader, narrated_article, django_user_model):
    """Issue 10.5: any CMS user (the demo reporter) could read every narration and its errors."""
    reporter = django_user_model.objects.create_user(username="reporter", password="pw")
    group, _ = Group.objects.get_or_create(name="Test reporters")
    group.permissions.add(Permission.objects.get(content_type__app_label="wagtailadmin", codename="access_admin"))
    reporter.groups.add(group)
    client.force_login(reporter)
    assert client.get("/cms/narration/").status_code == 403
    client.force_login(list_reader)
    assert client.get("/cms/narration/").status_code == 200


@pytest.mark.django_db
def test_the_narration_list_shows_the_backlog(client, newsroom, list_reader):
    """Issue 15.6: "narrating 3 of 14" after a bulk publish."""
    now = timezone.now()
    stories = [newsroom.add_article(f"Backlog story {n}") for n in range(4)]
    for position, story in enumerate(stories):
        status = [Narration.Status.READY, Narration.Status.RUNNING, Narration.Status.QUEUED, Narration.Status.QUEUED]
        Narration.objects.update_or_create(
            article=story,
            defaults={"status": status[position], "text_hash": "x", "voice": "v", "queued_at": now},
        )
    client.force_login(list_reader)
    html = client.get("/cms/narration/").content.decode()
    assert "Narrating 2 of 4: Backlog story 1" in html
    assert "2 waiting in the queue" in html
    Narration.objects.update(status=Narration.Status.READY)
    assert "Every narration is finished" in client.get("/cms/narration/").content.decode()
