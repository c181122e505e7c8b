"""The suppression list keeps a keyed hash of each address, not a bare SHA-256 (issue 10, 10)."""

from __future__ import annotations

import hashlib
import importlib

import pytest
from django.apps import apps

from newsletters import services
from newsletters.models import Subscriber, Suppression, email_hash

pytestmark = pytest.mark.django_db


def test_the_hash_is_keyed_by_a_server_secret(settings):
    bare = hashlib.sha256(b"reader@example.com").hexdigest()
    keyed = email_hash("Reader@Example.com ")
    assert keyed != bare and len(keyed) == 64
    settings.MEMBERS_EMAIL_HASH_KEY = "another-key"
    assert email_hash("reader@example.com") != keyed


def test_the_migration_rekeys_suppressions_and_subscribers_kept_as_bare_hashes():
    migration = importlib.import_module("newsletters.migrations.0004_keyed_email_hashes")
    bare = hashlib.sha256(b"complained@example.com").hexdigest()
    Suppression.objects.create(email_hash=bare, reason=Suppression.Reason.COMPLAINED)
    kept_bare = hashlib.sha256(b"kept@example.com").hexdigest()
    subscriber = Subscriber.objects.create(email="kept@example.com", email_hash=kept_bare)
    migration.rekey_email_hashes(apps, None)
    assert services.is_suppressed("complained@example.com")
    subscriber.refresh_from_db()
    assert subscriber.email_hash == email_hash("kept@example.com")
