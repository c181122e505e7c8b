from __future__ import annotations

import io

import pytest
from django.core.management import CommandError, call_command

from audio import part_cache
from audio.models import Narration
from audio.text_preparation import prepare_article


def _narrate(*args: str) -> str:
    out = io.StringIO()
    call_command("narrate", *args, stdout=out)
    return out.getvalue()


@pytest.mark.django_db
def test_narrate_missing_makes_only_the_audio_that_is_missing_and_summarises(newsroom, narrated_article):
    other = newsroom.add_article("Bridge reopens", body=[("paragraph", "<p>Cars crossed at 6 a.m.</p>")])
    part_cache.clear()  # the fixture's story may or may not have been spoken in this test process
    output = _narrate("--missing")
    assert "1/1" in output
    assert "Done 1, skipped 0, failed 0 of 1 articles" in output
    assert "Audio made: 0.00 hours; real-time factor 0." in output
    assert f"Parts: {len(prepare_article(other).parts)} spoken, 0 read from the part cache." in output
    assert Narration.objects.get(article=other).is_ready

    again = _narrate("--all")
    assert "Done 0, skipped 2, failed 0 of 2 articles" in again


@pytest.mark.django_db
def test_narrate_by_id_and_a_clear_error_for_unknown_ids(narrated_article, settings):
    settings.NARRATION_VOICE = "missing-from-settings"
    output = _narrate(str(narrated_article.pk), "--force")
    assert "failed 1" in output and "is not configured" in output
    with pytest.raises(CommandError, match="No article has the id 999999"):
        _narrate("999999")
    with pytest.raises(CommandError, match="Say which articles"):
        _narrate()
