"""The MP3 URL answers byte ranges so players can seek, and never errors on a bad range."""

from __future__ import annotations

import pytest
from django.core.files.storage import default_storage

from audio.ranges import ByteRange, UnsatisfiableRange, parse_range


@pytest.fixture
def audio(narrated_article):
    narration = narrated_article.narration
    return narration.audio_url, default_storage.open(narration.audio.name).read()


def _body(response) -> bytes:
    return b"".join(response.streaming_content)


@pytest.mark.django_db
def test_the_whole_file_is_served_with_accept_ranges(client, audio):
    url, data = audio
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Type"] == "audio/mpeg"
    assert response["Accept-Ranges"] == "bytes"
    assert int(response["Content-Length"]) == len(data)
    assert _body(response) == data


@pytest.mark.django_db
def test_a_range_request_returns_206_with_exactly_those_bytes(client, audio):
    url, data = audio
    response = client.get(url, headers={"Range": "bytes=100-1099"})
    assert response.status_code == 206
    assert response["Content-Range"] == f"bytes 100-1099/{len(data)}"
    assert response["Content-Length"] == "1000"
    assert _body(response) == data[100:1100]


@pytest.mark.django_db
def test_open_ended_and_suffix_ranges_are_answered(client, audio):
    url, data = audio
    tail = client.get(url, headers={"Range": f"bytes={len(data) - 10}-"})
    assert tail.status_code == 206 and _body(tail) == data[-10:]
    suffix = client.get(url, headers={"Range": "bytes=-500"})
    assert suffix.status_code == 206 and _body(suffix) == data[-500:]
    assert suffix["Content-Range"] == f"bytes {len(data) - 500}-{len(data) - 1}/{len(data)}"
    past_end = client.get(url, headers={"Range": f"bytes=0-{len(data) * 2}"})
    assert past_end.status_code == 206 and _body(past_end) == data


@pytest.mark.django_db
def test_a_range_past_the_end_is_416_and_nonsense_is_ignored(client, audio):
    url, data = audio
    beyond = client.get(url, headers={"Range": f"bytes={len(data)}-"})
    assert beyond.status_code == 416
    assert beyond["Content-Range"] == f"bytes */{len(data)}"
    for nonsense in ("bytes=abc", "pages=1-2", "bytes=5-1", "bytes=0-1,5-9", "bytes=-", "\x00"):
        response = client.get(url, headers={"Range": nonsense})
        assert response.status_code == 200, nonsense
        assert _body(response) == data


@pytest.mark.django_db
def test_a_stale_if_range_gets_the_whole_file(client, audio):
    url, data = audio
    response = client.get(url, headers={"Range": "bytes=0-9", "If-Range": '"some-old-version"'})
    assert response.status_code == 200 and _body(response) == data


@pytest.mark.django_db
def test_an_old_version_redirects_and_unknown_audio_is_404(client, audio, narrated_article):
    url, _data = audio
    old = client.get(f"/audio/{narrated_article.pk}/000000000000.mp3")
    assert old.status_code == 302 and old["Location"] == url
    assert client.get("/audio/999999/000000000000.mp3").status_code == 404
    assert client.post(url).status_code == 405


@pytest.mark.django_db
def test_audio_is_not_served_once_narration_is_switched_off_or_the_article_unpublished(client, audio, narrated_article):
    url, _data = audio
    type(narrated_article).objects.filter(pk=narrated_article.pk).update(narration_enabled=False)
    assert client.get(url).status_code == 404
    type(narrated_article).objects.filter(pk=narrated_article.pk).update(narration_enabled=True, live=False)
    assert client.get(url).status_code == 404


def test_range_parsing():
    assert parse_range(None, 100) is None
    assert parse_range("bytes=0-0", 100) == ByteRange(0, 0)
    assert parse_range("bytes=90-", 100) == ByteRange(90, 99)
    assert parse_range("bytes=-1000", 100) == ByteRange(0, 99)
    assert parse_range("BYTES = 10 - 19", 100) == ByteRange(10, 19)
    with pytest.raises(UnsatisfiableRange):
        parse_range("bytes=100-", 100)
    with pytest.raises(UnsatisfiableRange):
        parse_range("bytes=-0", 100)


@pytest.mark.django_db
def test_a_range_with_thousands_of_digits_is_answered_and_the_file_is_closed(client, audio, monkeypatch):
    """Python refuses int() of more than 4,300 digits; such a header was an HTTP 500 and left
    the MP3 open (issue 10.8)."""
    url, data = audio
    opened: list = []
    real_open = default_storage.open

    def tracking_open(name, mode="rb"):
        handle = real_open(name, mode)
        opened.append(handle)
        return handle

    monkeypatch.setattr(default_storage, "open", tracking_open)
    huge = "9" * 5000
    past_end = client.get(url, headers={"Range": f"bytes={huge}-"})
    assert past_end.status_code == 416 and past_end["Content-Range"] == f"bytes */{len(data)}"
    assert parse_range(f"bytes=0-{huge}", len(data)) == ByteRange(0, len(data) - 1)
    to_the_end = client.get(url, headers={"Range": f"bytes=0-{huge}"})
    assert to_the_end.status_code == 206 and _body(to_the_end) == data
    suffix = client.get(url, headers={"Range": f"bytes=-{huge}"})
    assert suffix.status_code == 206 and _body(suffix) == data
    assert all(handle.closed for handle in opened)


@pytest.mark.django_db
def test_ids_too_long_for_the_database_are_404(client, editor, audio):
    twenty = "9" * 20
    assert client.get(f"/audio/{twenty}/000000000000.mp3").status_code == 404
    client.force_login(editor)
    assert client.get(f"/cms/narration/article/{twenty}/").status_code == 404
    assert client.post(f"/cms/narration/article/{twenty}/regenerate/").status_code == 404
