"""Search stems words and ranks the headline over the standfirst over the body (SQLite and PostgreSQL)."""

from __future__ import annotations

import pytest
from django.utils import timezone

from newsroom.models import ArticlePage, NewsFeedItemPage
from tests.support.newsroom import hours_ago, paragraphs


def _titles(client, query: str) -> list[str]:
    response = client.get("/search/", {"q": query})
    assert response.status_code == 200
    return [result["page"].title for result in response.context["page_obj"].object_list]


@pytest.mark.django_db
def test_a_plural_finds_the_singular_and_the_other_way_round(client, newsroom):
    newsroom.add_article("Transformer fire at the quay", hero=False, published_at=hours_ago(2))
    substations = newsroom.add_article("New substations planned", hero=False, published_at=hours_ago(3))
    ArticlePage.objects.filter(pk=substations.pk).update(standfirst="Three transformers arrive.")
    substations.refresh_from_db()
    substations.save_revision().publish()
    assert "Transformer fire at the quay" in _titles(client, "transformers")
    assert _titles(client, "substation") == ["New substations planned"]


@pytest.mark.django_db
def test_a_headline_holding_the_phrase_ranks_above_short_feed_items(client, newsroom):
    story = newsroom.add_article(
        "Harbour transformer fails at dawn",
        hero=False,
        body=paragraphs("Crews worked through the night on the quay. " * 30),
        published_at=hours_ago(6),
    )
    for n in range(3):
        item = newsroom.add_feed_item(f"Power update {n}", at=hours_ago(1 + n))
        NewsFeedItemPage.objects.filter(pk=item.pk).update(summary="The harbour transformer is being checked.")
        item.refresh_from_db()
        item.save_revision().publish()
    titles = _titles(client, "harbour transformer")
    assert titles[0] == story.title, titles
    assert len(titles) == 4


@pytest.mark.django_db
def test_the_standfirst_outranks_the_body(client, newsroom):
    in_body = newsroom.add_article(
        "Council meets",
        hero=False,
        body=paragraphs("A short note: the ferry timetable changes in spring."),
        published_at=hours_ago(1),
    )
    in_standfirst = newsroom.add_article(
        "Spring plans",
        hero=False,
        body=paragraphs("The agenda was long and the meeting ran late into the evening. " * 20),
        published_at=hours_ago(9),
    )
    ArticlePage.objects.filter(pk=in_standfirst.pk).update(standfirst="The ferry timetable changes.")
    in_standfirst.refresh_from_db()
    in_standfirst.save_revision().publish()
    assert _titles(client, "ferry timetable") == [in_standfirst.title, in_body.title]


@pytest.mark.django_db
def test_results_show_the_section_and_the_date(client, newsroom):
    story = newsroom.add_article("Lighthouse sold", section="culture", hero=False, published_at=hours_ago(30))
    html = client.get("/search/", {"q": "lighthouse"}).content.decode()
    assert '<p class="kicker">Culture</p>' in html
    # The page prints the newsroom's time zone (TIME_ZONE), not UTC: compare the same clock.
    assert f'<time datetime="{timezone.localtime(story.first_published_at).isoformat()}'[:35] in html
