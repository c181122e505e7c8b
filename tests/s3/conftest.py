"""A real S3 API server for the media tests: moto in server mode, as its own process.

Not moto's in-process mock: the storage backend talks HTTP to a server on a free port exactly
as it would to Amazon S3, MinIO or R2, and the tests fetch the URLs it hands out over HTTP.
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import boto3
import pytest

BUCKET = "masthead-media-test"
MOTO_SERVER = Path(sys.executable).with_name("moto_server")


from lib.ports import free_port as _free_port  # noqa: E402


@pytest.fixture(scope="session")
def s3_endpoint(tmp_path_factory) -> Iterator[str]:
    if not MOTO_SERVER.exists():
        pytest.fail(f"{MOTO_SERVER} is missing: run `make install-dev` (moto[server] is a dev dependency).")
    port = _free_port()
    log = (tmp_path_factory.mktemp("moto") / "moto.log").open("wb")
    server = subprocess.Popen([str(MOTO_SERVER), "-H", "127.0.0.1", "-p", str(port)], stdout=log, stderr=log)
    endpoint = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 120  # a loaded machine starts Flask slowly
    while True:
        try:
            urllib.request.urlopen(f"{endpoint}/moto-api/", timeout=1).close()  # noqa: S310
            break
        except OSError:
            if server.poll() is not None or time.monotonic() > deadline:
                server.kill()
                pytest.fail(f"moto_server did not start on port {port}; see {log.name}.")
            time.sleep(0.2)
    try:
        yield endpoint
    finally:
        server.terminate()
        server.wait(timeout=10)
        log.close()


@pytest.fixture(autouse=True)
def _s3_credentials(monkeypatch) -> None:
    # moto accepts any key; boto3 must still find one, and never a real one from this machine.
    monkeypatch.setenv("AWS_ACCESS_KEY_ID", "masthead-test")
    monkeypatch.setenv("AWS_SECRET_ACCESS_KEY", "masthead-test-secret")
    monkeypatch.setenv("AWS_DEFAULT_REGION", "us-east-1")
    monkeypatch.delenv("AWS_PROFILE", raising=False)
    monkeypatch.setenv("AWS_CONFIG_FILE", os.devnull)
    monkeypatch.setenv("AWS_SHARED_CREDENTIALS_FILE", os.devnull)


@pytest.fixture
def s3_bucket(s3_endpoint, _s3_credentials) -> Iterator[str]:
    client = boto3.client("s3", endpoint_url=s3_endpoint, region_name="us-east-1")
    client.create_bucket(Bucket=BUCKET)
    yield BUCKET
    for page in client.get_paginator("list_objects_v2").paginate(Bucket=BUCKET):
        for item in page.get("Contents", []):
            client.delete_object(Bucket=BUCKET, Key=item["Key"])
    client.delete_bucket(Bucket=BUCKET)


def _use_s3(settings, monkeypatch, endpoint: str, bucket: str, **extra: object) -> None:
    """The settings config/settings.py derives from AWS_* variables, applied to this test."""
    values: dict[str, object] = {
        "AWS_STORAGE_BUCKET_NAME": bucket,
        "AWS_S3_ENDPOINT_URL": endpoint,
        "AWS_S3_REGION_NAME": "us-east-1",
        "AWS_S3_ADDRESSING_STYLE": "path",
        "AWS_S3_SIGNATURE_VERSION": "s3v4",
        "AWS_S3_FILE_OVERWRITE": False,
        "AWS_S3_CUSTOM_DOMAIN": None,
        "AWS_QUERYSTRING_AUTH": True,
        "AWS_DEFAULT_ACL": None,
        **extra,
    }
    for name, value in values.items():
        setattr(settings, name, value)
    # Assigned last: changing STORAGES is what makes Django build default_storage afresh.
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {"BACKEND": "storages.backends.s3.S3Storage"},
    }
    # Wagtail picks the rendition storage once, when the model class is built (at start-up in
    # production, where STORAGES already names S3); a test switching storage must do the same.
    from django.core.files.storage import storages
    from wagtail.images.models import Rendition

    monkeypatch.setattr(Rendition._meta.get_field("file"), "storage", storages["default"])


@pytest.fixture
def signed_s3(settings, monkeypatch, s3_endpoint, s3_bucket) -> str:
    _use_s3(settings, monkeypatch, s3_endpoint, s3_bucket)
    return s3_endpoint


@pytest.fixture
def public_s3(settings, monkeypatch, s3_endpoint, s3_bucket) -> str:
    # What a CDN or a public bucket host looks like: here the moto server's bucket path.
    domain = f"{s3_endpoint.removeprefix('http://')}/{s3_bucket}"
    _use_s3(
        settings,
        monkeypatch,
        s3_endpoint,
        s3_bucket,
        AWS_S3_CUSTOM_DOMAIN=domain,
        AWS_QUERYSTRING_AUTH=False,
        AWS_S3_URL_PROTOCOL="http:",
        AWS_DEFAULT_ACL="public-read",
    )
    return f"http://{domain}"
