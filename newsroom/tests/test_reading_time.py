import pytest

from newsroom.reading import count_words, reading_minutes
from tests.support.newsroom import paragraphs


def test_words_with_apostrophes_hyphens_and_numbers_count_once():
    # The / mayor’s / well-known / plan / costs / 14,500 / krona
    assert count_words(["The mayor’s well-known plan costs 14,500 krona."]) == 7


@pytest.mark.parametrize(("words", "minutes"), [(0, 1), (1, 1), (230, 1), (231, 2), (920, 4), (921, 5)])
def test_reading_time_rounds_up_and_is_never_zero(words, minutes):
    assert reading_minutes(words) == minutes


@pytest.mark.django_db
def test_an_article_reads_its_body_but_not_captions_or_cards(newsroom):
    other = newsroom.add_article("Other story")
    body = [
        *paragraphs("word " * 500),
        ("heading", "Three more words"),
        ("quote", {"text": "Quoted words here", "attribution": "Someone"}),
        ("fact_box", {"title": "Facts", "items": ["one fact", "another fact"]}),
        ("related_story", {"article": other}),
    ]
    article = newsroom.add_article("Long read", body=body)
    # 500 + 3 + 3 + 1 + 1 + 2 + 2 = 512 words → 3 minutes at 230 words a minute.
    assert article.word_count == 512
    assert article.reading_minutes == 3


@pytest.mark.django_db
def test_the_reading_time_is_printed_in_the_header(client, newsroom):
    article = newsroom.add_article("Short read", body=paragraphs("word " * 700))
    response = client.get(article.url)
    assert "4 min read" in response.content.decode()
