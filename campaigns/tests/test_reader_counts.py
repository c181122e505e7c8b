"""Counting article views: cookieless, bots left out, a reload counted once, written in batches."""

from __future__ import annotations

import pytest
from django.core.cache import cache
from django.utils import timezone

from campaigns import reader_counts
from campaigns.models import ArticleDailyViews

pytestmark = pytest.mark.django_db

FIREFOX = "Mozilla/5.0 (X11; Linux x86_64; rv:140.0) Gecko/20100101 Firefox/140.0"
PHONE = "Mozilla/5.0 (iPhone; CPU iPhone OS 18_0 like Mac OS X) AppleWebKit/605.1.15 Version/18.0 Mobile Safari/604.1"


def _beacon(client, article_id, *, agent=FIREFOX, ip="203.0.113.7"):
    return client.post("/support/views/", {"article": str(article_id)}, HTTP_USER_AGENT=agent, REMOTE_ADDR=ip)


def _views(article) -> int:
    reader_counts.flush_view_counts()
    row = ArticleDailyViews.objects.filter(article_id=article.pk, date=timezone.localdate()).first()
    return row.views if row else 0


def test_a_beacon_counts_a_view_and_sets_no_cookie(client, newsroom):
    article = newsroom.add_article("Ferry fares frozen")
    response = _beacon(client, article.pk)
    assert response.status_code == 204
    assert not response.cookies
    assert _views(article) == 1


def test_a_reload_within_the_window_counts_once(client, newsroom):
    article = newsroom.add_article("Ferry fares frozen")
    for _ in range(3):
        _beacon(client, article.pk)
    assert _views(article) == 1


def test_different_readers_and_articles_each_count(client, newsroom):
    article = newsroom.add_article("Ferry fares frozen")
    other = newsroom.add_article("Rail strike called off")
    _beacon(client, article.pk)
    _beacon(client, article.pk, ip="198.51.100.4")
    _beacon(client, article.pk, agent=PHONE)
    _beacon(client, other.pk)
    assert _views(article) == 3
    assert _views(other) == 1


@pytest.mark.parametrize(
    "agent",
    [
        "Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)",
        "facebookexternalhit/1.1",
        "curl/8.5.0",
        "python-requests/2.32",
        "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 HeadlessChrome/131.0 Safari/537.36",
        "",
    ],
)
def test_obvious_bots_are_not_counted(client, newsroom, agent):
    article = newsroom.add_article("Ferry fares frozen")
    assert _beacon(client, article.pk, agent=agent).status_code == 204
    assert _views(article) == 0


def test_nothing_identifying_is_kept_in_the_database(client, newsroom):
    article = newsroom.add_article("Ferry fares frozen")
    _beacon(client, article.pk)
    reader_counts.flush_view_counts()
    assert list(ArticleDailyViews.objects.values("article_id", "views")) == [{"article_id": article.pk, "views": 1}]


def test_flushes_add_to_the_days_row(client, newsroom):
    article = newsroom.add_article("Ferry fares frozen")
    _beacon(client, article.pk)
    assert _views(article) == 1
    _beacon(client, article.pk, ip="198.51.100.9")
    assert _views(article) == 2
    assert ArticleDailyViews.objects.count() == 1


def test_nonsense_and_unknown_articles_are_ignored_quietly(client, newsroom):
    article = newsroom.add_article("Ferry fares frozen")
    for junk in ("abc", "-1", "99999999", "1" * 30, ""):
        assert _beacon(client, junk).status_code == 204
    assert _beacon(client, newsroom.home.pk).status_code == 204  # a page, but not an article
    assert reader_counts.flush_view_counts() == 0
    assert _views(article) == 0


def test_a_get_is_refused(client, db):
    assert client.get("/support/views/").status_code == 405


def test_a_failed_write_keeps_the_counts_for_the_next_flush(client, newsroom, monkeypatch):
    article = newsroom.add_article("Ferry fares frozen")
    _beacon(client, article.pk)

    def broken(*args, **kwargs):
        raise RuntimeError("database went away")

    monkeypatch.setattr(reader_counts.connection, "cursor", broken)
    with pytest.raises(RuntimeError):
        reader_counts.flush_view_counts()
    monkeypatch.undo()
    assert _views(article) == 1


def test_the_periodic_task_is_scheduled_and_flushes(client, newsroom, settings):
    from campaigns.tasks import flush_view_counts

    assert "campaigns.tasks.flush_view_counts" in settings.PERIODIC_TASKS
    article = newsroom.add_article("Ferry fares frozen")
    _beacon(client, article.pk)
    assert flush_view_counts.enqueue().return_value == 1


def test_the_day_salt_is_random_and_kept_only_in_the_cache(db):
    today = timezone.localdate()
    salt = reader_counts._day_salt(today)
    assert len(salt) == 32
    assert cache.get(f"campaigns:views:salt:{today.isoformat()}") == salt


def test_an_article_page_loads_the_beacon_deferred_with_its_id(client, newsroom):
    article = newsroom.add_article("Ferry fares frozen")
    html = client.get(article.url).content.decode()
    assert f'reader-count.js" data-article="{article.pk}" data-url="/support/views/" defer' in html
    assert "reader-count.js" not in client.get("/").content.decode()
