"""The drive's top banner and end-of-article appeal, as anonymous readers get them."""

from __future__ import annotations

import json
from datetime import timedelta

import pytest
from django.utils import timezone

from campaigns.selectors import active_campaign
from campaigns.tests.conftest import make_drive

pytestmark = pytest.mark.django_db


def test_an_active_drive_puts_a_banner_with_progress_on_every_page(client, newsroom, drive):
    html = client.get("/").content.decode()
    assert 'id="drive-banner"' in html
    assert "Five years of reporting from Veldmark, paid for by readers." in html
    assert "Goal: 1,000 new members for our birthday" in html
    assert "0 of 1,000 new members" in html
    assert "Become a member" in html and "Gift membership" in html


def test_the_banner_buttons_carry_the_drive_and_placement(client, newsroom, drive):
    html = client.get("/").content.decode()
    assert f"source=banner&amp;campaign={drive.pk}" in html


def test_an_article_ends_with_the_appeal_which_names_the_article(client, newsroom, drive):
    article = newsroom.add_article("Harbour tolls rise again")
    html = client.get(article.url).content.decode()
    assert "Help us find 1,000 new members" in html
    assert f"source=article_appeal&amp;campaign={drive.pk}&amp;article={article.pk}" in html


def test_no_banner_or_appeal_without_an_active_drive(client, newsroom):
    make_drive(
        name="Last year", starts_at=timezone.now() - timedelta(days=400), ends_at=timezone.now() - timedelta(days=1)
    )
    make_drive(
        name="Next year", starts_at=timezone.now() + timedelta(days=30), ends_at=timezone.now() + timedelta(days=60)
    )
    article = newsroom.add_article("Quiet week in parliament")
    html = client.get(article.url).content.decode()
    assert "drive-banner" not in html
    assert "drive-appeal" not in html


def test_when_drives_overlap_the_one_that_started_last_is_shown(newsroom):
    make_drive(name="Long drive", starts_at=timezone.now() - timedelta(days=20))
    newer = make_drive(name="Flash drive", starts_at=timezone.now() - timedelta(hours=1))
    assert active_campaign() == newer


def test_every_anonymous_reader_gets_the_same_html_even_after_dismissing(client, newsroom, drive):
    article = newsroom.add_article("Bridge reopens")
    first = client.get(article.url)
    client.cookies["masthead_drive_dismissed"] = str(drive.pk)
    second = client.get(article.url)
    # Dismissal is read by the browser, so the page cache can keep one copy for everyone.
    assert first.content == second.content
    assert "csrfmiddlewaretoken" not in first.content.decode()
    assert "Cookie" not in first.get("Vary", "")


def test_saving_a_drive_shows_it_at_once(client, newsroom):
    assert "drive-banner" not in client.get("/").content.decode()
    make_drive(banner_text="A new drive starts today.")
    assert "A new drive starts today." in client.get("/").content.decode()


def test_the_progress_endpoint_answers_the_same_json_for_everyone(client, newsroom, drive):
    response = client.get("/support/drive/progress.json")
    assert response.status_code == 200
    assert response["Cache-Control"] == "public, max-age=0, s-maxage=30"
    assert "Set-Cookie" not in response.headers
    data = json.loads(response.content)["drive"]
    assert data["campaign_id"] == drive.pk
    assert data["text"] == "0 of 1,000 new members"
    assert data["percent"] == 0


def test_the_progress_endpoint_says_when_no_drive_is_on(client, db):
    assert json.loads(client.get("/support/drive/progress.json").content) == {"drive": None}


def test_a_money_goal_is_shown_in_currency(client, newsroom):
    make_drive(goal_kind="money", goal=25000)
    assert "$0 of $25,000 raised" in client.get("/").content.decode()


def test_an_end_before_the_start_is_refused_with_advice(db):
    from django.core.exceptions import ValidationError

    drive = make_drive()
    drive.ends_at = drive.starts_at - timedelta(days=1)
    with pytest.raises(ValidationError, match="must end after it starts"):
        drive.full_clean()


def test_a_drive_adds_no_queries_to_a_warm_article_page(client, newsroom):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    article = newsroom.add_article("Counted story")

    def count() -> int:
        client.get(article.url)
        with CaptureQueriesContext(connection) as queries:
            assert client.get(article.url).status_code == 200
        return len(queries)

    without = count()
    make_drive()
    assert count() == without


def test_staff_create_a_drive_in_the_cms_and_it_shows_at_once(client, newsroom, django_user_model):
    from campaigns.models import Campaign

    admin = django_user_model.objects.create_superuser("chief", "chief@example.com", "pw")
    client.force_login(admin)
    now = timezone.localtime()
    response = client.post(
        "/cms/snippets/campaigns/campaign/add/",
        {
            "name": "Winter drive",
            "goal_kind": "members",
            "goal": "500",
            "starts_at": (now - timedelta(hours=1)).strftime("%Y-%m-%d %H:%M"),
            "ends_at": (now + timedelta(days=20)).strftime("%Y-%m-%d %H:%M"),
            "banner_text": "Winter is long; the reporting goes on.",
            "goal_text": "",
            "appeal_heading": "Keep the lights on",
            "appeal_text": "Join 500 new members this winter.",
            "member_button_label": "Become a member",
            "gift_button_label": "Gift membership",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    assert Campaign.objects.get().name == "Winter drive"
    client.logout()
    assert "Winter is long; the reporting goes on." in client.get("/").content.decode()
    assert "0 of 500 new members" in client.get("/").content.decode()
