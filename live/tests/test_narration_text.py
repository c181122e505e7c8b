"""What the voice would read for a live page: the headline, standfirst and summary box only."""

from __future__ import annotations

import pytest

from audio.lexicon import Lexicon
from audio.text_preparation import prepare_live_page

pytestmark = pytest.mark.django_db


def test_the_script_reads_the_summary_box_and_no_entry(live_page, post):
    post("An entry the voice must not read.")
    script = prepare_live_page(live_page, lexicon=Lexicon([]))
    assert [part.kind for part in script.parts] == ["headline", "standfirst", "paragraph"]
    assert "Three districts without power. No casualties confirmed." in script.text
    assert "must not read" not in script.text
