"""MP3 in and out: a streaming encoder that writes ID3 tags, and a frame parser that measures files.

The parser reads MPEG audio frame headers only (no decoding), which is enough to prove a file
is well-formed MP3 and to compute its exact duration from the frame count.
"""

from __future__ import annotations

import struct
from collections.abc import Iterator
from dataclasses import dataclass
from typing import BinaryIO

import lameenc


def id3v2_tag(*, title: str, artist: str, album: str = "") -> bytes:
    """A minimal ID3v2.3 tag with title (TIT2), artist (TPE1) and album (TALB) text frames."""
    frames = b""
    for frame_id, value in (("TIT2", title), ("TPE1", artist), ("TALB", album)):
        if not value:
            continue
        try:
            data = b"\x00" + value.encode("latin-1")
        except UnicodeEncodeError:
            data = b"\x01" + value.encode("utf-16")  # encoding 1: UTF-16 with byte-order mark
        frames += frame_id.encode("ascii") + struct.pack(">I", len(data)) + b"\x00\x00" + data
    size = len(frames)
    syncsafe = bytes([(size >> 21) & 0x7F, (size >> 14) & 0x7F, (size >> 7) & 0x7F, size & 0x7F])
    return b"ID3\x03\x00\x00" + syncsafe + frames


class Mp3Writer:
    """Encode 16-bit mono PCM to MP3 as it arrives; only the current chunk is held in memory."""

    def __init__(self, out: BinaryIO, *, sample_rate: int, bitrate_kbps: int, title: str, artist: str, album: str):
        self.out = out
        self.encoder = lameenc.Encoder()
        self.encoder.set_bit_rate(bitrate_kbps)
        self.encoder.set_in_sample_rate(sample_rate)
        self.encoder.set_channels(1)
        self.encoder.set_quality(5)  # LAME's default speed/quality balance; 2 is slower for no audible gain in speech
        self.sample_rate = sample_rate
        self.samples = 0
        self.bytes_written = out.write(id3v2_tag(title=title, artist=artist, album=album))

    def write(self, pcm: bytes) -> None:
        self.samples += len(pcm) // 2
        self.bytes_written += self.out.write(self.encoder.encode(pcm))

    def close(self) -> None:
        self.bytes_written += self.out.write(self.encoder.flush())

    @property
    def duration_seconds(self) -> float:
        return self.samples / self.sample_rate


# --- reading ---------------------------------------------------------------------------------

_BITRATES_KBPS = {
    1: [0, 32, 40, 48, 56, 64, 80, 96, 112, 128, 160, 192, 224, 256, 320],  # MPEG-1 layer III
    2: [0, 8, 16, 24, 32, 40, 48, 56, 64, 80, 96, 112, 128, 144, 160],  # MPEG-2 and 2.5 layer III
}
_SAMPLE_RATES = {3: [44100, 48000, 32000], 2: [22050, 24000, 16000], 0: [11025, 12000, 8000]}


@dataclass(frozen=True)
class Mp3Frame:
    offset: int
    length: int
    bitrate_kbps: int
    sample_rate: int
    samples: int
    mono: bool


class NotMp3Error(ValueError):
    pass


def id3_length(data: bytes) -> int:
    """Bytes taken by a leading ID3v2 tag (0 if there is none)."""
    if len(data) < 10 or data[:3] != b"ID3":
        return 0
    size = data[6] << 21 | data[7] << 14 | data[8] << 7 | data[9]
    return 10 + size


def parse_frame_header(data: bytes, offset: int) -> Mp3Frame:
    if offset + 4 > len(data):
        raise NotMp3Error(f"truncated frame header at byte {offset}")
    b1, b2, b3, b4 = data[offset : offset + 4]
    if b1 != 0xFF or (b2 & 0xE0) != 0xE0:
        raise NotMp3Error(f"no frame sync at byte {offset}")
    version_bits, layer_bits = (b2 >> 3) & 0x3, (b2 >> 1) & 0x3
    if version_bits == 1 or layer_bits != 1:
        raise NotMp3Error(f"not an MPEG layer III frame at byte {offset}")
    bitrate_index, rate_index, padding = b3 >> 4, (b3 >> 2) & 0x3, (b3 >> 1) & 0x1
    if bitrate_index in (0, 15) or rate_index == 3:
        raise NotMp3Error(f"invalid bitrate or sample rate at byte {offset}")
    mpeg1 = version_bits == 3
    bitrate = _BITRATES_KBPS[1 if mpeg1 else 2][bitrate_index]
    sample_rate = _SAMPLE_RATES[version_bits][rate_index]
    samples = 1152 if mpeg1 else 576
    length = (samples // 8) * bitrate * 1000 // sample_rate + padding
    return Mp3Frame(offset, length, bitrate, sample_rate, samples, mono=(b4 >> 6) == 3)


def iter_frames(data: bytes) -> Iterator[Mp3Frame]:
    """Every frame of an MP3 file, in order; raises NotMp3Error at the first broken frame."""
    offset = id3_length(data)
    while offset < len(data):
        frame = parse_frame_header(data, offset)
        if offset + frame.length > len(data):
            raise NotMp3Error(f"frame at byte {offset} runs past the end of the file")
        yield frame
        offset += frame.length


def mp3_duration_seconds(data: bytes) -> float:
    """Playing time computed from the frame headers (LAME's silent Info frame is not counted)."""
    total = 0.0
    for frame in iter_frames(data):
        side_info = 17 if frame.mono else 32
        if frame.samples == 576:
            side_info = 9 if frame.mono else 17
        start = frame.offset + 4 + side_info
        if frame.offset == id3_length(data) and data[start : start + 4] in (b"Xing", b"Info"):
            continue
        total += frame.samples / frame.sample_rate
    return total
