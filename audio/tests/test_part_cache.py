"""The part cache: a part whose words were spoken before is read back, not synthesised again.

Entries are tested on their own (a damaged file is a miss, the oldest go first past the size
limit, anything that shapes the sound changes the key), then with the real voice: the audio
read back is the audio that was kept, a correction to one paragraph synthesises one part, and
Regenerate audio synthesises everything again.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from django.conf import settings
from django.core import checks
from django.test import override_settings

from audio import part_cache, services
from audio.models import Narration
from audio.synthesis import PartAudio, load_voice, script_pcm
from audio.text_preparation import prepare_article
from tests.support.newsroom import paragraphs

RATE = 22050


def _key(text: str = "Ferry returns.", **changes):
    fields = {"voice": "en_US-joe-medium", "fingerprint": "abc", "sample_rate": RATE, "sentence_pause": 0.25}
    return part_cache.part_key(**{**fields, **changes}, text=text)


def test_a_kept_part_is_read_back_and_anything_that_shapes_its_sound_changes_the_key():
    key = _key()
    assert part_cache.get(key, sample_rate=RATE) is None
    part_cache.put(key, b"\x01\x02" * 100, sample_rate=RATE)
    assert part_cache.get(key, sample_rate=RATE) == b"\x01\x02" * 100
    others = {
        _key("Ferry returns!"),
        _key(voice="another"),
        _key(fingerprint="abd"),
        _key(sample_rate=16000),
        _key(sentence_pause=0.3),
    }
    assert key not in others and len(others) == 5
    for other in others:
        assert part_cache.get(other, sample_rate=RATE) is None


@pytest.mark.parametrize(
    "damage",
    [
        lambda data: data[:4],  # shorter than the header
        lambda data: data + b"\x00",  # half a sample
        lambda data: b"XXXXXX" + data[6:],  # not an entry
        lambda data: data[:6] + bytes([99]) + data[7:],  # a format this version does not know
    ],
    ids=["truncated", "odd-length", "bad-magic", "other-format"],
)
def test_a_damaged_entry_is_a_miss_and_is_removed(damage):
    key = _key()
    part_cache.put(key, b"\x01\x02" * 50, sample_rate=RATE)
    path = next(Path(settings.NARRATION_PART_CACHE_DIR).glob(f"*/{key}.pcm"))
    path.write_bytes(damage(path.read_bytes()))
    assert part_cache.get(key, sample_rate=RATE) is None
    assert not path.exists()


def test_an_entry_made_at_another_sample_rate_is_a_miss():
    key = _key()
    part_cache.put(key, b"\x01\x02" * 50, sample_rate=RATE)
    assert part_cache.get(key, sample_rate=16000) is None


@override_settings(NARRATION_PART_CACHE_MB=1)
def test_past_the_size_limit_the_parts_read_longest_ago_go_first():
    import os
    import time

    keys = [_key(f"Part {n}.") for n in range(3)]
    for n, key in enumerate(keys):
        part_cache.put(key, b"\x00\x00" * 200_000, sample_rate=RATE)  # 400 kB each
        path = next(Path(settings.NARRATION_PART_CACHE_DIR).glob(f"*/{key}.pcm"))
        os.utime(path, (time.time() - 100 + n, time.time() - 100 + n))
    assert part_cache.get(keys[0], sample_rate=RATE) is not None  # read now: the newest
    assert part_cache.prune() == 1
    assert part_cache.has(keys[0]) and part_cache.has(keys[2])
    assert not part_cache.has(keys[1]), "the entry read longest ago went"


@override_settings(NARRATION_PART_CACHE_MB=0)
def test_a_limit_of_zero_switches_the_cache_off():
    part_cache.put(_key(), b"\x01\x02", sample_rate=RATE)
    assert part_cache.get(_key(), sample_rate=RATE) is None
    assert not list(Path(settings.NARRATION_PART_CACHE_DIR).glob("*/*.pcm"))


def test_an_unwritable_cache_only_means_no_cache(tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    with override_settings(NARRATION_PART_CACHE_DIR=blocker / "parts"):
        part_cache.put(_key(), b"\x01\x02", sample_rate=RATE)  # logged, not raised
        assert part_cache.get(_key(), sample_rate=RATE) is None


def test_a_part_cache_inside_the_media_folder_is_a_system_check_error():
    from audio.checks import check_part_cache_is_private

    assert check_part_cache_is_private() == []
    with override_settings(NARRATION_PART_CACHE_DIR=Path(settings.MEDIA_ROOT) / "parts"):
        errors = check_part_cache_is_private()
    assert [error.id for error in errors] == ["audio.E001"]
    assert errors[0].level == checks.ERROR and "unpublished drafts" in errors[0].msg


# --- with the real voice --------------------------------------------------------------------------


@pytest.mark.django_db
def test_audio_read_from_the_cache_is_the_audio_that_was_kept(short_article):
    voice = load_voice(settings.NARRATION_VOICE)
    script = prepare_article(short_article)
    first = PartAudio(voice, voice_name=settings.NARRATION_VOICE)
    spoken = b"".join(script_pcm(voice, script, threads=2, parts=first))
    assert (first.spoken, first.cached) == (len(script.parts), 0)
    again = PartAudio(voice, voice_name=settings.NARRATION_VOICE)
    read_back = b"".join(script_pcm(voice, script, threads=1, parts=again))
    assert (again.spoken, again.cached) == (0, len(script.parts))
    assert read_back == spoken  # Piper's noise makes every fresh rendering differ; this one did not


@pytest.mark.django_db
def test_regenerate_audio_speaks_every_part_anew(short_article):
    parts = len(prepare_article(short_article).parts)
    assert services.narrate_article(article_id=short_article.pk).spoken_parts == parts
    regenerated = services.narrate_article(article_id=short_article.pk, force=True)
    assert (regenerated.outcome, regenerated.spoken_parts, regenerated.cached_parts) == ("done", parts, 0)


@pytest.mark.django_db
def test_the_publish_after_a_correction_reads_every_unchanged_part_from_the_cache(newsroom):
    story = newsroom.add_article(
        "Ferry timetable",
        body=paragraphs("The first ferry leaves at six.", "The last one returns at ten."),
        hero=False,
    )
    assert services.narrate_article(article_id=story.pk).spoken_parts == len(prepare_article(story).parts)
    story.body = paragraphs("The first ferry leaves at seven.", "The last one returns at ten.")
    story.save_revision().publish()  # in a test transaction the publish's own task does not run
    result = services.narrate_article(article_id=story.pk)
    assert result.outcome == "done"
    assert (result.spoken_parts, result.cached_parts) == (1, len(prepare_article(story).parts) - 1)
    narration = Narration.objects.get(article=story)
    assert narration.is_ready and narration.text_hash == prepare_article(story).digest
    assert narration.duration_seconds > 3
