"""Respelling benchmark: does each respelling in text preparation read better than Piper's own?

Run with `make bench-respellings` (or `make bench`). For each respelling rule of
audio/normalisation.py (and the demo lexicon's one real word), one short original sentence is
synthesised twice with the project's voice: once with the respelling ("nine ay em") and once with
the written form left for Piper to read ("nine a.m."). An offline speech recogniser that ships its
own model in its wheel (pocketsphinx 5, en-us acoustic model, dictionary and language model)
transcribes both, and each transcript is scored by word error rate against the words a listener
should hear. The recogniser stands in for a listener: a respelling earns its place only when it is
heard better than Piper's own reading.

It then checks that text preparation follows the figures: for each sentence, what
normalise() (after the demo lexicon) gives must be the variant that was heard better; a
disagreement is marked in the table and printed (not a failure: Piper's speech is random enough
that a close call can turn from one run to the next).
Rewrites the respellings section of docs/benchmarks.md. Nothing is downloaded; about a minute of
CPU on two cores.
"""

from __future__ import annotations

import os
import re
import sys
import tempfile
import time
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
WORK = Path(tempfile.mkdtemp(prefix="masthead-bench-respellings-"))
os.environ.update(
    {
        "DJANGO_SETTINGS_MODULE": "config.settings",
        "DEBUG": "1",
        "DATABASE_URL": f"sqlite:///{WORK / 'bench.sqlite3'}",  # never touched; settings need one
        "LOG_LEVEL": "WARNING",
    }
)

RECOGNISER_RATE = 16000  # the en-us acoustic model's sample rate
# Piper's speech varies from one synthesis to the next (its noise is random), so each variant is
# synthesised and heard this many times and the errors are summed.
REPEATS = 3
# A rule's two readings differ only if their target-word errors differ by at least this much:
# one error in three hearings is within what one sentence does from run to run (NATO was heard
# wrong 0, 2 and 1 times in three runs of the same bench).
MARGIN = 2


@dataclass(frozen=True)
class Case:
    rule: str
    written: str  # the copy as a reporter writes it
    respelled: str  # what the respelling rule makes of it
    own: str  # the same, with the written form left for Piper (other rules still applied)
    expected: str  # the words a listener should hear; [the words the rule is about]


CASES = [
    Case(
        "a.m. → “ay em” (9 a.m.)",
        "The polls open at 9 a.m. on Sunday.",
        "The polls open at nine ay em on Sunday.",
        "The polls open at nine a.m. on Sunday.",
        "the polls open at nine [a m] on sunday",
    ),
    Case(
        "a.m. → “ay em” (6:30 a.m.)",
        "Trains resume at 6:30 a.m. tomorrow.",
        "Trains resume at six thirty ay em tomorrow.",
        "Trains resume at six thirty a.m. tomorrow.",
        "trains resume at six thirty [a m] tomorrow",
    ),
    Case(
        "p.m. → “pee em”",
        "The briefing ends at 5 p.m. today.",
        "The briefing ends at five pee em today.",
        "The briefing ends at five p.m. today.",
        "the briefing ends at five [p m] today",
    ),
    Case(
        "Ms. → “Miz”",
        "Ms. Brown said the plan would work.",
        "Miz Brown said the plan would work.",
        "Ms. Brown said the plan would work.",
        "[miz] brown said the plan would work",
    ),
    Case(
        "Mrs. → “Missus”",
        "Mrs. Brown opened the new school.",
        "Missus Brown opened the new school.",
        "Mrs. Brown opened the new school.",
        "[missus] brown opened the new school",
    ),
    Case(
        "OK → “okay”",
        "The minister said the deal was OK.",
        "The minister said the deal was okay.",
        "The minister said the deal was OK.",
        "the minister said the deal was [okay]",
    ),
    Case(
        "TV → “T V”",
        "The TV debate was cancelled.",
        "The T V debate was cancelled.",
        "The TV debate was cancelled.",
        "the [t v] debate was cancelled",
    ),
    Case(
        "capitals spelled letter by letter (FBI → “F B I”)",
        "The FBI opened an inquiry.",
        "The F B I opened an inquiry.",
        "The FBI opened an inquiry.",
        "the [f b i] opened an inquiry",
    ),
    Case(
        "capitals spelled letter by letter (the newsroom's VDF → “V D F”)",
        "The VDF said its units were ready.",
        "The V D F said its units were ready.",
        "The VDF said its units were ready.",
        "the [v d f] said its units were ready",
    ),
    Case(
        "plural capitals spelled (MPs → “M Ps”)",
        "Two MPs voted against the bill.",
        "Two M Ps voted against the bill.",
        "Two MPs voted against the bill.",
        "two [m ps] voted against the bill",
    ),
    Case(
        "acronym read as a word (NATO → “Nato”)",
        "NATO leaders met in the capital.",
        "Nato leaders met in the capital.",
        "NATO leaders met in the capital.",
        "[nato] leaders met in the capital",
    ),
    Case(
        "dotted acronym (U.S. → “U S”)",
        "The U.S. embassy was closed.",
        "The U S embassy was closed.",
        "The U.S. embassy was closed.",
        "the [u s] embassy was closed",
    ),
    Case(
        "WWII → “World War Two”",
        "The bridge was built after WWII.",
        "The bridge was built after World War Two.",
        "The bridge was built after WWII.",
        "the bridge was built after [world war two]",
    ),
    Case(
        "lexicon: oblast → “ob last” (demo)",
        "The oblast council met again.",
        "The ob last council met again.",
        "The oblast council met again.",
        "the [oblast] council met again",
    ),
]

# Ways the recogniser (or a listener) writes the same spoken words: "9 am" is how people write
# 9 a.m., "ms" is Ms. Letter names ("ay", "em") are the letters they name. Applied to the
# expected words and to every transcript alike, so no variant is favoured by spelling.
SAME_WORDS = {
    "a.m.": "a m",
    "am": "a m",
    "p.m.": "p m",
    "pm": "p m",
    "ms": "miz",
    "ms.": "miz",
    "mrs": "missus",
    "mrs.": "missus",
    "ok": "okay",
    "tv": "t v",
    "fbi": "f b i",
    "u.s.": "u s",
    "mps": "m ps",
    "mp's": "m ps",
    "p's": "ps",
    "ay": "a",
    "em": "m",
    "pee": "p",
    "ef": "f",
    "bee": "b",
    "tee": "t",
    "vee": "v",
    "wwii": "world war two",
    "ii": "two",
    "canceled": "cancelled",
}


def words(text: str) -> list[str]:
    out: list[str] = []
    for token in re.sub(r"\(\d+\)", "", text.lower()).split():
        token = token.strip(',;:!?"')
        if token.endswith(".") and token.count(".") == 1:
            token = token[:-1]
        out += SAME_WORDS.get(token, token).split()
    return out


def expected_words(expected: str) -> tuple[list[str], range]:
    """The expected words, and which of them (the bracketed ones) the rule is about."""
    before, _, rest = expected.partition("[")
    target, _, after = rest.partition("]")
    head, middle = words(before), words(target)
    return head + middle + words(after), range(len(head), len(head) + len(middle))


def errors(reference: list[str], hypothesis: list[str], target: range) -> tuple[int, int]:
    """(word errors in the whole sentence, word errors on the target words).

    A Levenshtein alignment over words; an error counts for the target when it substitutes or
    deletes a target word, or inserts a word between two target words or right after one. The
    target count is what decides: the rest of the sentence differs between the two variants only
    by chance (prosody), not by the respelling."""
    rows, cols = len(reference) + 1, len(hypothesis) + 1
    cost = [[0] * cols for _ in range(rows)]
    for i in range(rows):
        cost[i][0] = i
    for j in range(cols):
        cost[0][j] = j
    for i in range(1, rows):
        for j in range(1, cols):
            cost[i][j] = min(
                cost[i - 1][j] + 1,
                cost[i][j - 1] + 1,
                cost[i - 1][j - 1] + (reference[i - 1] != hypothesis[j - 1]),
            )
    on_target, i, j = 0, rows - 1, cols - 1
    while i > 0 or j > 0:
        if i > 0 and j > 0 and cost[i][j] == cost[i - 1][j - 1] + (reference[i - 1] != hypothesis[j - 1]):
            on_target += (reference[i - 1] != hypothesis[j - 1]) and (i - 1) in target
            i, j = i - 1, j - 1
        elif i > 0 and cost[i][j] == cost[i - 1][j] + 1:
            on_target += (i - 1) in target
            i -= 1
        else:
            on_target += (i - 1) in target or i in target  # inserted between reference words i-1 and i
            j -= 1
    return cost[-1][-1], on_target


def to_recogniser_rate(pcm: bytes, rate: int) -> bytes:
    """Piper's 22,050 Hz speech at the recogniser's 16 kHz: band-limited (FFT) resampling, with
    half a second of silence either side as a recording would have."""
    import numpy as np

    samples = np.frombuffer(pcm, dtype=np.int16).astype(np.float64)
    length = int(len(samples) * RECOGNISER_RATE / rate)
    spectrum = np.fft.rfft(samples)[: length // 2 + 1] * (length / len(samples))
    resampled = np.clip(np.fft.irfft(spectrum, length), -32768, 32767).astype(np.int16)
    pad = np.zeros(RECOGNISER_RATE // 2, dtype=np.int16)
    return bytes(np.concatenate([pad, resampled, pad]).tobytes())


def transcribe(decoder: Any, pcm: bytes) -> str:
    decoder.start_utt()
    decoder.process_raw(pcm, full_utt=True)
    decoder.end_utt()
    hypothesis = decoder.hyp()
    return hypothesis.hypstr if hypothesis is not None else ""


def main() -> int:
    import django

    django.setup()
    from django.conf import settings
    from pocketsphinx import Decoder, get_model_path

    from audio.demo import LEXICON
    from audio.lexicon import Lexicon
    from audio.normalisation import normalise, typography
    from audio.synthesis import load_voice, sample_rate, speech

    # What the narration pipeline does to a paragraph (audio.text_preparation._spoken).
    lexicon = Lexicon((entry["term"], entry["say"]) for entry in LEXICON)

    started = time.perf_counter()
    voice = load_voice(settings.NARRATION_VOICE)
    rate = sample_rate(voice)
    # The model inside the pocketsphinx wheel (model/en-us): nothing is fetched.
    model = Path(get_model_path()) / "en-us"
    decoder = Decoder(
        hmm=str(model / "en-us"),
        lm=str(model / "en-us.lm.bin"),
        dict=str(model / "cmudict-en-us.dict"),
        samprate=RECOGNISER_RATE,
        loglevel="FATAL",
    )
    rows: list[dict[str, Any]] = []
    disagreements: list[str] = []
    for case in CASES:
        expected, target = expected_words(case.expected)
        row: dict[str, Any] = {"case": case}
        for variant in ("respelled", "own"):
            heard = [
                transcribe(decoder, to_recogniser_rate(b"".join(speech(voice, getattr(case, variant))), rate))
                for _ in range(REPEATS)
            ]
            scores = [errors(expected, words(one), target) for one in heard]
            row[variant] = (
                Counter(heard).most_common(1)[0][0],
                sum(sentence for sentence, _ in scores),
                sum(on_target for _, on_target in scores),
                len(expected) * REPEATS,
                len(target) * REPEATS,
            )
        now = normalise(lexicon.apply(typography(case.written)))
        chosen = "respelled" if now == case.respelled else "own" if now == case.own else "?"
        row.update(chosen=chosen, now=now)
        rows.append(row)
        print(f"{case.rule}: respelled {row['respelled']}, own {row['own']}; code: {chosen}", flush=True)
    # A rule is judged on all its sentences together (the generic ones have two).
    for rule in dict.fromkeys(row["case"].rule.split(" (")[0] for row in rows):
        group = [row for row in rows if row["case"].rule.split(" (")[0] == rule]
        respelled_errors = sum(row["respelled"][2] for row in group)
        own_errors = sum(row["own"][2] for row in group)
        if abs(respelled_errors - own_errors) >= MARGIN:
            better = "respelled" if respelled_errors < own_errors else "own"
        elif respelled_errors and own_errors:
            better = "tie"
        else:
            # Heard right (or within one error) both ways: the respelling adds nothing.
            better = "own"
        for row in group:
            row["better"] = better
            if row["chosen"] == "?" or (better != "tie" and row["chosen"] != better):
                disagreements.append(
                    f"{row['case'].written!r}: heard better {better}, text preparation gives {row['now']!r}"
                )
    write_section(rows, time.perf_counter() - started)
    # Reported, not failed: a close call can turn with Piper's random noise from run to run.
    for line in disagreements:
        print("DISAGREES WITH THE FIGURES:", line)
    return 0


def write_section(rows: list[dict[str, Any]], seconds: float) -> None:
    def cell(result: tuple[str, int, int, int, int]) -> str:
        heard, sentence, target, words_expected, target_words = result
        return f"{target}/{target_words} ({sentence}/{words_expected}) “{heard}”"

    verdicts = {
        ("respelled", "respelled"): "kept: heard better",
        ("own", "own"): "dropped: Piper's own heard as well or better",
        ("tie", "respelled"): "kept: both misheard alike, no evidence",
        ("tie", "own"): "left to Piper: both misheard alike",
    }
    lines = [
        f"| {row['case'].rule} | {cell(row['respelled'])} | {cell(row['own'])} | "
        f"{verdicts.get((row['better'], row['chosen']), 'CODE DISAGREES')} |"
        for row in rows
    ]

    def total(variant: str, index: int) -> int:
        return sum(row[variant][index] for row in rows)

    chosen = [row[row["chosen"]] if row["chosen"] in {"respelled", "own"} else row["respelled"] for row in rows]
    target_words, all_words = total("own", 4), total("own", 3)
    table = "\n".join(lines)
    section = f"""## Respellings: heard better than Piper's own reading? (issue 15, item 21)

Command: `make bench-respellings` (scripts/bench/respellings.py). Each sentence is synthesised
with the rule's respelling and with the written form left for Piper (voice en_US-joe-medium),
then transcribed by pocketsphinx {_pocketsphinx_version()} with the en-us model inside its
wheel (nothing downloaded). Cells: word errors on the words the rule is about / their number,
(word errors in the whole sentence / its words; insertions count, so errors can exceed words),
then what the recogniser heard most often.
The target words of all a rule's sentences decide; the rest of a sentence differs between the
two only by chance. Each variant is heard {REPEATS} times (Piper's speech varies) and the errors
summed; a difference under {MARGIN} errors counts as none. A respelling stays only when it is
heard better; when both are heard right Piper's own reading is kept (the rule adds nothing);
when both are misheard alike there is no evidence and the rule stands. "Now"
says which one text preparation gives, and CODE DISAGREES if that is the one heard worse.

| Rule | Respelled | Piper's own | Now |
|---|---|---|---|
{table}

Target-word errors: all respellings {total("respelled", 2)}/{target_words}, all of Piper's own
readings {total("own", 2)}/{target_words}, what text preparation now gives
{sum(result[2] for result in chosen)}/{target_words} (whole sentences: {total("respelled", 1)}, {total("own", 1)}
and {sum(result[1] for result in chosen)} of {all_words} words). One sentence per rule, so these are
indications, not proof. Run time {seconds:.0f} s on this 2-core machine (load average
{os.getloadavg()[0]:.1f}).
"""
    path = ROOT / "docs" / "benchmarks.md"
    text = path.read_text()
    start, end = "<!-- bench:respellings:start -->", "<!-- bench:respellings:end -->"
    if start not in text:
        text = text.rstrip("\n") + f"\n\n{start}\n{end}\n"
    before, _, rest = text.partition(start)
    _, _, after = rest.partition(end)
    path.write_text(f"{before}{start}\n{section}{end}{after}")
    print(section)


def _pocketsphinx_version() -> str:
    from importlib.metadata import version

    return version("pocketsphinx")


if __name__ == "__main__":
    sys.exit(main())
