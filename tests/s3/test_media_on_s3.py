"""Media on S3-compatible storage: images, renditions and narration MP3s stored in a bucket on a
real S3 API server (moto, started by conftest.py) and served from it, signed or public."""

from __future__ import annotations

import os
import subprocess
import sys
import urllib.request
from email.message import Message
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage

from audio.models import Narration
from tests.support.newsroom import make_image

ROOT = Path(__file__).resolve().parents[2]


def _get(url: str, headers: dict[str, str] | None = None) -> tuple[int, Message, bytes]:
    request = urllib.request.Request(url, headers=headers or {})  # noqa: S310
    with urllib.request.urlopen(request, timeout=10) as response:  # noqa: S310
        return response.status, response.headers, response.read()


def _store_narration(article, data: bytes) -> Narration:
    name = default_storage.save(f"narrations/{article.pk}/abcdef012345.mp3", ContentFile(data))
    narration, _ = Narration.objects.update_or_create(
        article=article,
        defaults={
            "voice": "en_US-joe-medium",
            "text_hash": "abcdef012345" + "0" * 52,
            "duration_seconds": 3.0,
            "size_bytes": len(data),
            "audio": name,
            "status": Narration.Status.READY,
            "attempts": 1,
        },
    )
    return narration


# A stand-in MP3: the view serves bytes, it never decodes them.
MP3 = b"ID3\x04\x00\x00\x00\x00\x00\x00" + bytes(range(256)) * 40


@pytest.mark.django_db
def test_an_uploaded_image_and_its_rendition_are_stored_in_the_bucket_and_served_signed(signed_s3):
    image = make_image("Harbour at dusk")
    rendition = image.get_rendition("fill-400x300")

    assert type(default_storage._wrapped).__name__ == "S3Storage"
    assert default_storage.exists(image.file.name)
    assert default_storage.exists(rendition.file.name)
    url = rendition.url
    parts = urlsplit(url)
    assert f"{parts.scheme}://{parts.netloc}" == signed_s3
    assert "X-Amz-Signature=" in parts.query
    status, headers, body = _get(url)
    assert status == 200
    assert headers.get("Content-Type") == "image/jpeg", dict(headers)
    assert body[:3] == b"\xff\xd8\xff"  # a JPEG
    assert len(body) == rendition.file.size


@pytest.mark.django_db
def test_with_a_custom_domain_rendition_urls_are_public_and_unsigned(public_s3):
    rendition = make_image("Quay in fog").get_rendition("width-300")
    assert rendition.url.startswith(public_s3 + "/")
    assert "?" not in rendition.url
    status, _headers, body = _get(rendition.url)
    assert status == 200 and body[:3] == b"\xff\xd8\xff"


@pytest.mark.django_db
def test_a_narration_mp3_on_s3_is_reached_through_the_app_with_a_range_request(client, newsroom, signed_s3):
    article = newsroom.add_article("Ferry timetable changes")
    narration = _store_narration(article, MP3)

    response = client.get(narration.audio_url, headers={"Range": "bytes=100-1099"})
    # The app hands the player to the storage, which answers the range itself.
    assert response.status_code == 302
    assert response["Cache-Control"] == "private, max-age=60"
    location = response["Location"]
    assert location.startswith(f"{signed_s3}/") and "X-Amz-Signature=" in location
    status, headers, body = _get(location, {"Range": "bytes=100-1099"})
    assert status == 206
    assert headers.get("Content-Range") == f"bytes 100-1099/{len(MP3)}"
    assert body == MP3[100:1100]


@pytest.mark.django_db
def test_a_public_narration_url_serves_ranges_too(client, newsroom, public_s3):
    article = newsroom.add_article("Lighthouse keepers return")
    narration = _store_narration(article, MP3)
    location = client.get(narration.audio_url)["Location"]
    assert location.startswith(public_s3 + "/narrations/")
    status, _headers, body = _get(location, {"Range": f"bytes={len(MP3) - 10}-"})
    assert status == 206 and body == MP3[-10:]


def test_settings_read_the_s3_configuration_from_the_environment():
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.settings",
        "DEBUG": "1",
        "AWS_STORAGE_BUCKET_NAME": "kestrel-media",
        "AWS_S3_ENDPOINT_URL": "http://127.0.0.1:9000",
        "AWS_S3_CUSTOM_DOMAIN": "media.kestrelledger.example",
        "AWS_QUERYSTRING_AUTH": "0",
    }
    code = (
        "import django; django.setup(); from django.conf import settings as s; "
        "print(s.STORAGES['default']['BACKEND'], s.AWS_STORAGE_BUCKET_NAME, s.AWS_S3_ENDPOINT_URL, "
        "s.AWS_S3_ADDRESSING_STYLE, s.AWS_S3_CUSTOM_DOMAIN, s.AWS_QUERYSTRING_AUTH, s.AWS_S3_FILE_OVERWRITE)"
    )
    result = subprocess.run([sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == [
        "storages.backends.s3.S3Storage",
        "kestrel-media",
        "http://127.0.0.1:9000",
        "path",
        "media.kestrelledger.example",
        "False",
        "False",
    ]
    # Without a custom domain, URLs are signed unless told otherwise.
    del env["AWS_S3_CUSTOM_DOMAIN"], env["AWS_QUERYSTRING_AUTH"]
    code = "import django; django.setup(); from django.conf import settings as s; print(s.AWS_QUERYSTRING_AUTH)"
    result = subprocess.run([sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True)
    assert result.stdout.strip() == "True", result.stderr
