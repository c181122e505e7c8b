from __future__ import annotations

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from wagtail.images.models import Image
from wagtail.models import Page, Revision, Workflow

from demo.loader import load_demo_newsroom
from live.models import LiveEntry, LivePage
from newsroom.demo import content
from newsroom.models import ArticlePage, ArticleUpdate, AuthorPage, EditorsPick, NewsFeedItemPage, SectionPage


def _snapshot() -> dict[str, int]:
    return {
        "pages": Page.objects.count(),
        "revisions": Revision.objects.count(),
        "images": Image.objects.count(),
        "users": get_user_model().objects.count(),
        "picks": EditorsPick.objects.count(),
        "updates": ArticleUpdate.objects.count(),
        "workflows": Workflow.objects.count(),
        "live entries": LiveEntry.objects.count(),
    }


@pytest.mark.django_db
def test_the_demo_newsroom_loads_everything_the_brief_promises():
    load_demo_newsroom()
    articles = ArticlePage.objects.live()
    assert articles.count() >= 12
    assert set(SectionPage.objects.values_list("slug", flat=True)) >= {
        "war",
        "politics",
        "business",
        "opinion",
        "culture",
    }
    assert AuthorPage.objects.count() >= 4
    assert NewsFeedItemPage.objects.live().count() >= 25
    assert EditorsPick.objects.count() == len(content.EDITORS_PICKS)
    for article in articles:
        assert 400 <= article.word_count <= 1200, (article.title, article.word_count)
    kinds = {(u.article_id, u.kind) for u in ArticleUpdate.objects.all()}
    assert any((a, "correction") in kinds and (a, "update") in kinds for a, _ in kinds)
    assert get_user_model().objects.filter(username__in=["editor", "reporter"]).count() == 2
    assert Workflow.objects.filter(name="Reporter submits, editor approves").exists()
    (coverage,) = LivePage.objects.live()
    assert LiveEntry.objects.filter(page=coverage).count() >= 8
    assert LiveEntry.objects.filter(page=coverage, pinned=True).exists()
    assert LiveEntry.objects.filter(page=coverage, key_event=True).count() >= 3


@pytest.mark.django_db
def test_loading_the_demo_twice_changes_nothing():
    load_demo_newsroom()
    before = _snapshot()
    report = load_demo_newsroom()
    assert report.nothing_created
    assert _snapshot() == before


@pytest.mark.django_db
def test_the_command_prints_what_it_did(capsys):
    call_command("load_demo")
    assert "Created" in capsys.readouterr().out
    call_command("load_demo")
    assert "already loaded; nothing changed" in capsys.readouterr().out


@pytest.mark.django_db
def test_in_the_demo_a_reporter_submits_and_an_editor_approves():
    from newsroom.models import HomePage

    load_demo_newsroom()
    users = get_user_model().objects
    reporter, editor = users.get(username="reporter"), users.get(username="editor")
    article = ArticlePage.objects.live().first()
    assert HomePage.objects.get().get_workflow().name == "Reporter submits, editor approves"
    assert article.get_workflow().name == "Reporter submits, editor approves"
    assert article.permissions_for_user(reporter).can_edit()
    assert not article.permissions_for_user(reporter).can_publish()
    assert article.permissions_for_user(editor).can_publish()

    workflow_state = article.get_workflow().start(article, reporter)
    task_state = workflow_state.current_task_state
    assert task_state.task.specific.user_can_access_editor(article, editor)
    task = task_state.task.specific
    assert {"approve", "reject"} <= {name for name, *_ in task.get_actions(article, editor)}
    assert task.get_actions(article, reporter) == []
