"""Piper computes on NARRATION_THREADS cores, so a narration on a shared host keeps to one."""

from __future__ import annotations

import pytest

from audio.synthesis import load_voice, session_options, speech


@pytest.fixture
def fresh_voice():
    # load_voice keeps one voice per process; each test here loads its own and leaves none behind.
    load_voice.cache_clear()
    yield
    load_voice.cache_clear()


def test_one_thread_does_not_spin_while_it_waits():
    options = session_options(1)
    assert options.intra_op_num_threads == 1
    assert options.get_session_config_entry("session.intra_op.allow_spinning") == "0"


def test_zero_leaves_onnx_runtime_a_thread_per_core():
    options = session_options(0)
    assert options.intra_op_num_threads == 0  # ONNX Runtime's "one per core"
    assert options.inter_op_num_threads == 1


@pytest.mark.parametrize("threads", [1, 2])
def test_the_loaded_voice_uses_the_configured_threads_and_still_speaks(settings, fresh_voice, threads):
    settings.NARRATION_THREADS = threads
    voice = load_voice(settings.NARRATION_VOICE)
    assert voice.session.get_session_options().intra_op_num_threads == threads
    pcm = b"".join(speech(voice, "The ferry to Kerrhamn leaves at seven."))
    assert len(pcm) > voice.config.sample_rate  # more than half a second of 16-bit speech
