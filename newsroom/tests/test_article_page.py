from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import dateformat, timezone

from tests.support.newsroom import make_editor, paragraphs


@pytest.mark.django_db
def test_updates_and_corrections_are_listed_newest_first_with_updated_time(client, newsroom):
    published = timezone.now() - timedelta(hours=5)
    first = published + timedelta(hours=1)
    second = published + timedelta(hours=3)
    article = newsroom.add_article(
        "Casualty figures revised",
        published_at=published,
        updates=[
            ("update", first, "Officials confirmed a second site was hit."),
            ("correction", second, "An earlier version gave the wrong district."),
        ],
    )
    html = client.get(article.url).content.decode()
    assert "Updates and corrections" in html
    assert html.index("An earlier version gave the wrong district.") < html.index("a second site was hit")
    local_second = timezone.localtime(second)
    assert f'Updated <time datetime="{dateformat.format(local_second, "c")}"' in html
    assert article.corrections[0].note == "An earlier version gave the wrong district."


@pytest.mark.django_db
def test_an_article_without_updates_has_no_updated_line(client, newsroom):
    article = newsroom.add_article("Quiet day")
    html = client.get(article.url).content.decode()
    assert "Updated" not in html
    assert "Updates and corrections" not in html


@pytest.mark.django_db
def test_a_related_story_card_shows_the_other_story(client, newsroom):
    other = newsroom.add_article("Dockworkers vote on offer")
    article = newsroom.add_article(
        "Port reopens", body=[*paragraphs("The port reopened."), ("related_story", {"article": other})]
    )
    html = client.get(article.url).content.decode()
    assert 'class="related-card"' in html
    assert "Dockworkers vote on offer" in html
    assert other.standfirst in html
    assert f'href="{other.url}"' in html
    assert "related-card__image" in html


@pytest.mark.django_db
def test_a_related_card_to_an_unpublished_story_is_left_out(client, newsroom):
    draft = newsroom.add_article("Secret draft", live=False)
    article = newsroom.add_article("Visible", body=[*paragraphs("Text."), ("related_story", {"article": draft})])
    html = client.get(article.url).content.decode()
    assert "Secret draft" not in html


@pytest.mark.django_db
def test_edit_post_is_shown_to_staff_who_can_edit(client, newsroom):
    article = newsroom.add_article("Council meets")
    client.force_login(make_editor(newsroom.home))
    html = client.get(article.url).content.decode()
    assert "Edit post" in html
    assert f"/cms/pages/{article.pk}/edit/" in html


@pytest.mark.django_db
def test_edit_post_is_never_shown_to_readers_or_non_staff(client, newsroom, django_user_model):
    article = newsroom.add_article("Council meets")
    assert "Edit post" not in client.get(article.url).content.decode()
    client.force_login(django_user_model.objects.create_user(username="reader", password="pw"))
    assert "Edit post" not in client.get(article.url).content.decode()


@pytest.mark.django_db
def test_publish_time_is_shown_in_the_newsrooms_time_zone(client, newsroom, settings):
    article = newsroom.add_article("Morning story")
    local = timezone.localtime(article.first_published_at)
    html = client.get(article.url).content.decode()
    assert local.strftime("%B %-d, %Y, %-I:%M %p") in html
    assert dateformat.format(local, "c") in html


@pytest.mark.django_db
def test_the_hero_has_caption_credit_alt_text_and_responsive_sources(client, newsroom):
    article = newsroom.add_article("Pictured")
    html = client.get(article.url).content.decode()
    assert "A caption." in html and "(Staff photographer)" in html
    assert 'srcset="' in html
    assert f'alt="{article.hero_image.description}"' in html
