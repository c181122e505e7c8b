"""A backup of a whole newsroom restores every row and every file, and the site serves the same."""

from __future__ import annotations

import hashlib
import re
import shutil
import tarfile
from datetime import date
from pathlib import Path

import pytest
from django.conf import settings
from django.core.cache import caches
from django.core.files.base import ContentFile
from django.test import Client
from django.utils import timezone

from backups.archive import Manifest
from backups.services import backup_create, backup_restore, what_the_instance_holds
from campaigns.models import GiftMembership
from demo.loader import load_demo_newsroom
from members.models import Member, Payment, Plan
from newsletters import services as newsletters
from newsletters.models import ConsentRecord, Newsletter, Subscriber, Subscription
from newsroom.models import ArticlePage
from tests.support.newsroom import ensure_migration_data

pytestmark = pytest.mark.django_db


def _newsroom_with_readers() -> dict[str, object]:
    """The demo newsroom plus what readers add: members, payments, subscribers, consent, gifts, audio."""
    ensure_migration_data()
    load_demo_newsroom()
    plan = Plan.objects.order_by("pk").first()
    member = Member.objects.create(email="ines@example.org", name="Ines Brandt", status=Member.Status.ACTIVE)
    Payment.objects.create(
        member=member, email_hash="f" * 64, purpose=Payment.Purpose.DONATION, amount=2500, currency="usd"
    )
    GiftMembership.objects.create(
        code="ABCD-EFGH-JKLM",
        plan=plan,
        months=12,
        amount=6000,
        currency="usd",
        buyer=member,
        buyer_name="Ines Brandt",
        buyer_email="ines@example.org",
        recipient_email="karl@example.org",
        message="For the long winter evenings.",
        deliver_on=date(2026, 12, 24),
    )
    newsletter = Newsletter.objects.order_by("pk").first() or Newsletter.objects.create(
        name="Morning Ledger", slug="morning-ledger", sender_name="Ledger", sender_address="news@example.org"
    )
    leaver = Subscriber.objects.create(email="left@example.org", email_hash="1" * 64)
    Subscription.objects.create(
        subscriber=leaver,
        newsletter=newsletter,
        status=Subscription.Status.UNSUBSCRIBED,
        unsubscribed_at=timezone.now(),
    )
    ConsentRecord.objects.create(subscriber=leaver, newsletter=newsletter, action=ConsentRecord.Action.WITHDRAWN)
    newsletters.suppression_add(email="bounced@example.org", reason="bounced")
    article = ArticlePage.objects.live().order_by("pk").first()
    narration = article.narration if hasattr(article, "narration") else None
    from audio.models import Narration

    narration = narration or Narration(article=article, voice="test")
    narration.status = Narration.Status.READY
    narration.audio.save("story.mp3", ContentFile(b"ID3" + bytes(range(256)) * 40), save=False)
    narration.save()
    return {"article": article, "member": member}


def _media_hashes() -> dict[str, str]:
    root = Path(settings.MEDIA_ROOT)
    return {
        str(path.relative_to(root)): hashlib.sha256(path.read_bytes()).hexdigest()
        for path in sorted(root.rglob("*"))
        if path.is_file()
    }


def _manifest(path: Path) -> Manifest:
    with tarfile.open(path) as tar:
        member = tar.extractfile("manifest.json")
        assert member is not None
        return Manifest.from_json(member.read())


def _reader_view(client: Client, url: str) -> tuple[int, str, list[str]]:
    response = client.get(url)
    html = response.content.decode()
    title = re.search(r"<title>(.*?)</title>", html, re.S)
    links = sorted(set(re.findall(r'href="(/[^"]*)"', html)))
    return response.status_code, title.group(1).strip() if title else "", links


def test_a_freshly_migrated_instance_counts_as_empty():
    assert what_the_instance_holds() == []


def test_every_row_and_file_comes_back_and_the_site_serves_the_same_pages(tmp_path):
    made = _newsroom_with_readers()
    article_url = made["article"].url
    client = Client()
    before_pages = [_reader_view(client, url) for url in ("/", article_url)]
    before_media = _media_hashes()
    first = backup_create(tmp_path / "first.tar.gz")
    assert first.rows > 500 and first.media_files == len(before_media) > 0

    # Lose the media and put the backup back over the whole database.
    shutil.rmtree(settings.MEDIA_ROOT)
    Path(settings.MEDIA_ROOT).mkdir()
    Member.objects.all().delete()
    restored = backup_restore(tmp_path / "first.tar.gz", replace=True)
    assert restored.rows == first.rows

    second = backup_create(tmp_path / "second.tar.gz")
    before, after = _manifest(tmp_path / "first.tar.gz"), _manifest(tmp_path / "second.tar.gz")
    changed = sorted(label for label in before.tables if before.tables[label] != after.tables.get(label))
    assert changed == [], f"tables that differ after the restore: {changed}"
    assert set(after.tables) == set(before.tables)
    assert after.media == before.media and _media_hashes() == before_media
    assert second.rows == first.rows

    for alias in caches:
        caches[alias].clear()
    assert [_reader_view(Client(), url) for url in ("/", article_url)] == before_pages
    assert before_pages[1][0] == 200

    # What readers asked for stays so: the unsubscribed stay out, the bounced stay suppressed.
    assert newsletters.is_suppressed("bounced@example.org")
    assert Subscription.objects.get(subscriber__email="left@example.org").status == Subscription.Status.UNSUBSCRIBED
    assert GiftMembership.objects.get(code="ABCD-EFGH-JKLM").message == "For the long winter evenings."
    # Sequences follow the restored keys: a new row gets a key of its own (PostgreSQL).
    newest = Member.objects.create(email="new@example.org")
    assert newest.pk > made["member"].pk
    # The search index was rebuilt from the restored pages.
    assert made["article"].title in Client().get("/search/", {"q": made["article"].title}).content.decode()
