"""A restore refuses what would lose or corrupt data, and says what to do instead."""

from __future__ import annotations

import io
import tarfile
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from django.test import override_settings

from backups.archive import Manifest, checksum_path
from members.models import Member

pytestmark = pytest.mark.django_db


@pytest.fixture
def archive(tmp_path) -> Path:
    path = tmp_path / "newsroom.tar.gz"
    out = io.StringIO()
    call_command("backup", str(path), stdout=out, stderr=io.StringIO())
    assert "SHA-256" in out.getvalue()
    return path


def _rewrite_manifest(path: Path, change) -> Path:
    """A copy of the archive whose manifest `change` edits (no checksum file beside it)."""
    copy = path.with_name("edited.tar.gz")
    with tarfile.open(path) as source, tarfile.open(copy, "w:gz") as target:
        for member in source:
            data = source.extractfile(member).read()
            if member.name == "manifest.json":
                manifest = Manifest.from_json(data)
                change(manifest)
                data = manifest.to_json()
            info = tarfile.TarInfo(member.name)
            info.size = len(data)
            target.addfile(info, io.BytesIO(data))
    return copy


def _restore(path: Path, *extra: str) -> str:
    out = io.StringIO()
    call_command("restore", str(path), *extra, stdout=out, stderr=io.StringIO())
    return out.getvalue()


def test_it_refuses_an_instance_that_holds_data_and_changes_nothing(archive, cast_reader):
    with pytest.raises(CommandError, match=r"already holds 1 members.*--replace"):
        _restore(archive)
    assert Member.objects.filter(email=cast_reader.email).exists()


def test_replace_puts_the_backup_in_place_of_what_is_there(archive, cast_reader):
    assert "Restored" in _restore(archive, "--replace")
    assert not Member.objects.exists()


def test_a_damaged_copy_is_refused_by_its_checksum(archive):
    data = bytearray(archive.read_bytes())
    data[len(data) // 2] ^= 0xFF
    archive.write_bytes(bytes(data))
    Member.objects.create(email="reader@example.org")
    with pytest.raises(CommandError, match="does not match its checksum"):
        _restore(archive, "--replace")
    assert Member.objects.filter(email="reader@example.org").exists()


def test_a_damaged_copy_without_its_checksum_file_is_refused_and_nothing_is_lost(archive):
    checksum_path(archive).unlink()
    edited = _rewrite_manifest(archive, lambda manifest: manifest.tables["members.plan"].update(sha256="0" * 64))
    Member.objects.create(email="reader@example.org")
    with pytest.raises(CommandError, match=r"members\.plan\.jsonl does not match its checksum"):
        _restore(edited, "--replace")
    # The whole restore ran in one transaction: the wipe before it was undone.
    assert Member.objects.filter(email="reader@example.org").exists()


def test_a_backup_from_a_newer_masthead_is_refused(archive):
    edited = _rewrite_manifest(archive, lambda manifest: manifest.migrations.append("members.9999_future"))
    with pytest.raises(CommandError, match=r"newer Masthead.*members.9999_future.*migrate"):
        _restore(edited)


def test_a_backup_from_an_older_masthead_is_refused(archive):
    edited = _rewrite_manifest(archive, lambda manifest: manifest.migrations.remove(manifest.migrations[-1]))
    with pytest.raises(CommandError, match="This instance is newer than the backup"):
        _restore(edited)


def test_another_email_hash_key_is_refused(archive):
    with (
        override_settings(MEMBERS_EMAIL_HASH_KEY="a-different-key-on-the-new-server"),
        pytest.raises(CommandError, match="MEMBERS_EMAIL_HASH_KEY"),
    ):
        _restore(archive)


def test_a_file_that_is_not_a_backup_is_refused(tmp_path):
    stray = tmp_path / "notes.tar.gz"
    stray.write_bytes(b"these are not the archives you are looking for")
    with pytest.raises(CommandError, match="not a readable backup archive"):
        _restore(stray)
    with pytest.raises(CommandError, match="No backup at"):
        _restore(tmp_path / "missing.tar.gz")


def test_a_backup_never_overwrites_a_file(archive):
    before = archive.read_bytes()
    with pytest.raises(CommandError, match="already exists"):
        call_command("backup", str(archive), stdout=io.StringIO(), stderr=io.StringIO())
    assert archive.read_bytes() == before
    with pytest.raises(CommandError, match="does not exist"):
        call_command("backup", str(archive.parent / "no-such-folder" / "x.tar.gz"), stdout=io.StringIO())


def test_the_archive_is_readable_by_its_owner_only(archive):
    assert archive.stat().st_mode & 0o777 == 0o600


def test_a_failed_restore_writes_no_media(archive, tmp_path):
    from django.core.files.base import ContentFile
    from django.core.files.storage import default_storage

    # Two files: the archive's first is checked and staged before its last is found damaged.
    default_storage.save("aaa-first/one.jpg", ContentFile(b"first"))
    default_storage.save("zzz-last/two.jpg", ContentFile(b"last"))
    with_media = tmp_path / "with-media.tar.gz"
    call_command("backup", str(with_media), stdout=io.StringIO(), stderr=io.StringIO())
    default_storage.delete("aaa-first/one.jpg")
    default_storage.delete("zzz-last/two.jpg")
    checksum_path(with_media).unlink()
    broken = _rewrite_manifest(with_media, lambda manifest: manifest.media["zzz-last/two.jpg"].update(sha256="0" * 64))
    with pytest.raises(CommandError, match=r"zzz-last/two\.jpg does not match its checksum"):
        _restore(broken, "--replace")
    assert not default_storage.exists("aaa-first/one.jpg")
    _restore(with_media, "--replace")
    assert default_storage.open("aaa-first/one.jpg").read() == b"first"
    assert default_storage.open("zzz-last/two.jpg").read() == b"last"
