"""Narration computes several sentences at once, each on one thread, and streams them in order."""

from __future__ import annotations

import os
import random
import re
import threading
import time
from types import SimpleNamespace

import pytest

from audio.synthesis import SENTENCE_PAUSE, load_voice, narration_threads, script_pcm, session_options
from audio.text_preparation import Script, SpokenPart


class RecordingVoice:
    """Stands in for Piper where the test is about order and concurrency, not speech: each
    sentence's "audio" names its part and sentence, and takes a random time to compute."""

    def __init__(self, sentences_per_part: int = 3) -> None:
        self.config = SimpleNamespace(sample_rate=100)
        self.sentences_per_part = sentences_per_part
        self.lock = threading.Lock()
        self.running = self.most_at_once = self.calls = 0
        self.threads: set[int] = set()

    def synthesize(self, text: str):
        with self.lock:
            self.calls += 1
            self.running += 1
            self.most_at_once = max(self.most_at_once, self.running)
            self.threads.add(threading.get_ident())
        try:
            for n in range(self.sentences_per_part):
                time.sleep(random.uniform(0.002, 0.01))
                yield SimpleNamespace(audio_int16_bytes=f"<{text}.{n}>".encode())
        finally:
            with self.lock:
                self.running -= 1


def _script(parts: int) -> Script:
    return Script(parts=tuple(SpokenPart("paragraph", f"p{n}") for n in range(parts)))


def test_each_sentence_runs_on_the_one_thread_that_asks_and_none_spins():
    options = session_options()
    assert options.intra_op_num_threads == 1
    assert options.inter_op_num_threads == 1
    assert options.get_session_config_entry("session.intra_op.allow_spinning") == "0"


def test_zero_threads_means_one_per_core_this_process_may_use():
    assert narration_threads(0) == len(os.sched_getaffinity(0))
    assert narration_threads(1) == 1


def test_more_threads_than_cores_are_capped_to_the_cores():
    cores = len(os.sched_getaffinity(0))
    assert narration_threads(cores + 5) == cores
    assert narration_threads(64) == min(64, cores)


@pytest.mark.parametrize("threads", [2, 4])
def test_sentences_computed_side_by_side_stream_in_the_order_of_the_script(threads):
    voice = RecordingVoice()
    side_by_side = b"".join(script_pcm(voice, _script(20), threads=threads))
    in_turn = b"".join(script_pcm(RecordingVoice(), _script(20), threads=1))
    # Side by side a part arrives whole, one at a time sentence by sentence: the same stream.
    assert side_by_side == in_turn  # speech and pauses alike, byte for byte
    assert re.findall(rb"<p\d+\.\d>", side_by_side)[:4] == [b"<p0.0>", b"<p0.1>", b"<p0.2>", b"<p1.0>"]
    assert voice.most_at_once == threads  # really side by side, and never more than asked
    assert len(voice.threads) == threads


def test_pauses_stay_where_they_were():
    voice = RecordingVoice(sentences_per_part=2)
    stream = b"".join(script_pcm(voice, _script(1), threads=2))
    pause = b"\x00\x00" * int(voice.config.sample_rate * SENTENCE_PAUSE)
    assert stream.startswith(b"<p0.0>" + pause + b"<p0.1>")


def test_a_stop_between_chunks_drops_the_parts_not_yet_started():
    voice = RecordingVoice()
    stream = script_pcm(voice, _script(200), threads=2)
    assert next(stream).startswith(b"<p0.0>")
    stream.close()  # what _render_and_store does when a stop request ends the narration
    assert voice.calls <= 2 * 2 + 2  # the parts queued ahead, not the story's 200
    assert voice.running == 0  # no thread is left computing


@pytest.fixture
def fresh_voice():
    # load_voice keeps one voice per process; the test loads its own and leaves none behind.
    load_voice.cache_clear()
    yield
    load_voice.cache_clear()


def test_the_real_voice_speaks_the_same_sentences_side_by_side(settings, fresh_voice):
    voice = load_voice(settings.NARRATION_VOICE)
    assert voice.session.get_session_options().intra_op_num_threads == 1
    script = Script(
        parts=(
            SpokenPart("headline", "The ferry to Kerrhamn leaves at seven."),
            SpokenPart("paragraph", "The harbour master expects fog. Passengers should arrive early."),
        )
    )
    side_by_side = b"".join(script_pcm(voice, script, threads=2))
    in_turn = b"".join(script_pcm(voice, script, threads=1))
    # Piper's noise makes no two renderings equal byte for byte; their lengths agree closely.
    assert len(side_by_side) > 3 * voice.config.sample_rate * 2  # over three seconds of 16-bit audio
    assert abs(len(side_by_side) - len(in_turn)) < 0.15 * len(in_turn)
