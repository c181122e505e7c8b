"""The voice: find a Piper model shipped in a Python package, load it once, stream speech as PCM.

Voices are configured in settings.NARRATION_VOICES (name → package, model file, language), so a
second voice or language is a settings entry plus a package, not code. Nothing is downloaded:
a voice whose package is not installed is a configuration error with a clear message.
"""

from __future__ import annotations

import functools
import importlib.util
import json
import logging
import os
import tempfile
import threading
from collections import deque
from collections.abc import Generator, Iterable, Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from django.conf import settings

from audio import part_cache
from audio.text_preparation import PartKind, Script, SpokenPart

# Seconds of silence (before, after) each kind of part; sentences inside a part get SENTENCE_PAUSE.
PAUSES: dict[PartKind, tuple[float, float]] = {
    "headline": (0.0, 0.8),
    "byline": (0.0, 0.6),
    "standfirst": (0.0, 0.9),
    "heading": (0.5, 0.6),
    "paragraph": (0.0, 0.6),
    "quote": (0.2, 0.6),
    "fact_box": (0.3, 0.7),
}
SENTENCE_PAUSE = 0.25


logger = logging.getLogger(__name__)


class VoiceNotAvailable(Exception):
    pass


@dataclass(frozen=True)
class VoiceFiles:
    name: str
    model: Path
    config: Path
    language: str


def voice_files(name: str) -> VoiceFiles:
    voices: dict[str, dict[str, str]] = settings.NARRATION_VOICES
    if name not in voices:
        raise VoiceNotAvailable(
            f"The voice {name!r} is not configured. Set NARRATION_VOICE to one of: {', '.join(sorted(voices))}."
        )
    entry = voices[name]
    spec = importlib.util.find_spec(entry["package"])
    if spec is None or not spec.submodule_search_locations:
        raise VoiceNotAvailable(
            f"The voice {name!r} needs the Python package {entry['package']!r}, which is not installed. "
            "Install it from the lock file (make install) and restart the worker."
        )
    package_dir = Path(next(iter(spec.submodule_search_locations)))
    matches = sorted(package_dir.rglob(entry["model"]))
    if not matches:
        raise VoiceNotAvailable(f"The package {entry['package']!r} has no model file {entry['model']!r}.")
    model = matches[0]
    return VoiceFiles(name=name, model=model, config=Path(f"{model}.json"), language=entry["language"])


def session_options() -> Any:
    """ONNX Runtime options for a voice: each sentence is computed on the one thread that asks.

    Piper's own loader gives every session a thread per core and splits each operator across
    them. On a host that also serves readers the web workers keep preempting one of those
    threads and every operator waits for it: a story took longer that way than on one thread
    (86-101 s against 56-66 s, docs/benchmarks.md). Narration uses the cores by computing
    several sentences at once instead (`script_pcm`), each on a thread of its own, which needs
    no thread to wait for another. An idle ONNX thread would spin, so none is kept.
    """
    import onnxruntime

    options = onnxruntime.SessionOptions()
    options.inter_op_num_threads = 1  # Piper's graph runs one operator at a time anyway
    options.intra_op_num_threads = 1
    options.add_session_config_entry("session.intra_op.allow_spinning", "0")
    return options


@functools.cache
def load_voice(name: str) -> Any:
    """The loaded Piper voice; cached so each worker process loads a model once (~1.5 s with the rewrite, ~140 MB)."""
    from piper import PiperVoice
    from piper.config import PiperConfig

    files = voice_files(name)
    config = json.loads(files.config.read_text(encoding="utf-8"))
    return PiperVoice(config=PiperConfig.from_dict(config), session=voice_session(files.model))


def voice_session(model: Path) -> Any:
    """An ONNX Runtime session for the model, its decoder in two dimensions (audio/voice_graph.py).

    A model the rewrite does not fit is run as shipped: slower, but the same speech."""
    import onnxruntime

    from audio import voice_graph

    def session(path: Path) -> Any:
        options = session_options()
        return onnxruntime.InferenceSession(str(path), sess_options=options, providers=["CPUExecutionProvider"])

    try:
        with tempfile.TemporaryDirectory(prefix="masthead-voice-") as directory:
            copy = voice_graph.rewritten_copy(model, Path(directory))
            if copy is not None:
                return session(copy)  # read in full here; the copy can go
    except Exception:  # any model Piper can run must still speak; the rewrite is only a speed-up
        logger.warning("The voice model %s could not be rewritten; running it as shipped.", model, exc_info=True)
    return session(model)


def sample_rate(voice: Any) -> int:
    return int(voice.config.sample_rate)


def silence(voice: Any, seconds: float) -> bytes:
    return b"\x00\x00" * int(sample_rate(voice) * seconds)


def speech(voice: Any, text: str) -> Iterator[bytes]:
    """16-bit mono PCM for one piece of text, one sentence at a time (Piper splits sentences)."""
    for chunk in voice.synthesize(text):
        yield chunk.audio_int16_bytes


def narration_threads(setting: int) -> int:
    """How many sentences are computed at once: one per core this process may use, or the setting
    if it is fewer. More threads than cores would not compute faster, only hold ~250-300 MB each."""
    # sched_getaffinity: the cores a container or `taskset` leaves us, not the host's.
    cores = max(1, len(os.sched_getaffinity(0))) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1
    return min(setting, cores) if setting > 0 else cores


class PartAudio:
    """Each spoken part's speech, its sentences joined by SENTENCE_PAUSE: from the part cache
    (audio/part_cache.py) when the same words were spoken before in the same voice, otherwise
    from the voice, and then kept for the next rendering. Counts what it did, for the record
    and the tests. Safe to share between the threads of `script_pcm`."""

    def __init__(self, voice: Any, *, voice_name: str | None = None, read_cache: bool = True) -> None:
        self.voice = voice
        self.rate = sample_rate(voice)
        self.read_cache = read_cache
        self.fingerprint = ""
        self.voice_name = voice_name or ""
        if voice_name and part_cache.enabled():
            files = voice_files(voice_name)
            self.fingerprint = part_cache.voice_fingerprint(files.model, files.config)
        self.spoken = self.cached = 0
        self._lock = threading.Lock()

    def key(self, text: str) -> str | None:
        if not self.fingerprint:
            return None
        return part_cache.part_key(
            voice=self.voice_name,
            fingerprint=self.fingerprint,
            sample_rate=self.rate,
            sentence_pause=SENTENCE_PAUSE,
            text=text,
        )

    def is_kept(self, text: str) -> bool:
        key = self.key(text)
        return key is not None and part_cache.has(key)

    def stream(self, text: str) -> Iterator[bytes]:
        """The part's PCM in chunks: one chunk from the cache, or sentence by sentence as the voice
        speaks them. Kept only once the whole part is spoken (a stop mid-part keeps nothing)."""
        key = self.key(text)
        if key is not None and self.read_cache:
            kept = part_cache.get(key, sample_rate=self.rate)
            if kept is not None:
                self._count(cached=1)
                yield kept
                return
        pause = silence(self.voice, SENTENCE_PAUSE)
        chunks: list[bytes] = []
        for sentence in speech(self.voice, text):
            if chunks:
                chunks.append(pause)
                yield pause
            chunks.append(sentence)
            yield sentence
        if key is not None:
            part_cache.put(key, b"".join(chunks), sample_rate=self.rate)
        self._count(spoken=1)

    def whole(self, text: str) -> bytes:
        return b"".join(self.stream(text))

    def _count(self, *, spoken: int = 0, cached: int = 0) -> None:
        with self._lock:
            self.spoken += spoken
            self.cached += cached


def script_pcm(voice: Any, script: Script, *, threads: int = 1, parts: PartAudio | None = None) -> Generator[bytes]:
    """The whole script as a stream of PCM chunks, in order: sentences with pauses between parts.

    With more than one thread the parts are computed that many at once, a few ahead of the one
    being streamed, so memory stays flat however long the story is. The threads are started by
    the caller's thread and inherit its scheduling class and nice value (audio/priority.py):
    narration still takes only what the web workers leave. ONNX Runtime lets go of the GIL
    while it computes, and Piper serialises the phonemiser, which is not thread-safe. `parts`
    says where each part's speech comes from (the part cache, or the voice alone by default).
    """
    parts = parts or PartAudio(voice)
    if threads <= 1:
        for part in script.parts:
            yield from _with_pauses(voice, part, parts.stream(part.text))
        return
    ahead: deque[tuple[SpokenPart, Future[bytes]]] = deque()
    queue = iter(script.parts)
    with ThreadPoolExecutor(threads, thread_name_prefix="narration") as pool:
        try:
            while True:
                while len(ahead) < 2 * threads and (queued := next(queue, None)) is not None:
                    ahead.append((queued, pool.submit(parts.whole, queued.text)))
                if not ahead:
                    return
                part, future = ahead.popleft()
                yield from _with_pauses(voice, part, [future.result()])
        finally:  # a stop request or an error: drop what is queued, let the running parts end
            for _, future in ahead:
                future.cancel()


def _with_pauses(voice: Any, part: SpokenPart, body: Iterable[bytes]) -> Iterator[bytes]:
    # A kind a new block declared without pauses of its own is paused as a paragraph.
    before, after = PAUSES.get(part.kind, PAUSES["paragraph"])
    if before:
        yield silence(voice, before)
    yield from body
    yield silence(voice, after)
