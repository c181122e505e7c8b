"""Reading time: how long an article takes to read, as shown in its header ("4 min read")."""

from __future__ import annotations

import math
import re
from collections.abc import Iterable

# Adults read news prose at roughly 200–250 words a minute; 230 is the usual middle.
WORDS_PER_MINUTE = 230

_WORD = re.compile(r"\w+(?:[’'\-.,]\w+)*")


def count_words(texts: Iterable[str]) -> int:
    return sum(len(_WORD.findall(text)) for text in texts)


def reading_minutes(word_count: int) -> int:
    """Whole minutes, rounded up, never less than one."""
    return max(1, math.ceil(word_count / WORDS_PER_MINUTE))
