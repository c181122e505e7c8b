"""Rewrite written news copy into words a voice reads correctly.

Piper's phonemiser (espeak-ng) reads many written forms badly: "Feb. 24" as "feb twenty-four",
"€1.4 million" as "euro one point four million", "FSB" as a word. Each rule below turns one
written form into the words a newsreader would say. The order matters: dates and times are
rewritten before bare numbers, money and percentages before years.
"""

from __future__ import annotations

import re

from audio.numbers import cardinal, decimal, ordinal, year

# Acronyms said as a word rather than letter by letter. Everything else in capitals is spelled.
ACRONYMS_READ_AS_WORDS = {
    "NATO",
    "UNESCO",
    "UNICEF",
    "NASA",
    "OPEC",
    "COVID",
    "AIDS",
    "FIFA",
    "UEFA",
    "OSCE",
    "SWIFT",
    "ASEAN",
    "INTERPOL",
    "FRONTEX",
    "EUROPOL",
    "LAN",
    "PIN",
    "RAM",
}
# Acronyms that are neither a word nor letters.
ACRONYMS_SAID_OTHERWISE = {"OSCE": "O S C E", "WWII": "World War Two"}
# Left exactly as written, because Piper reads them as well or better itself than spelled out
# letter by letter: "OK" is heard as "okay" either way, "T V" is heard as "T B" more often than
# Piper's own "TV" (`make bench-respellings`, docs/benchmarks.md).
ACRONYMS_LEFT_AS_WRITTEN = {"OK", "TV"}

# Only those Piper does not read right itself: "Mrs." is left to it (heard as "missus" either
# way), "Ms." is not (Piper says "M S"); see `make bench-respellings` in docs/benchmarks.md.
ABBREVIATIONS = {
    "Dr.": "Doctor",
    "Mr.": "Mister",
    "Ms.": "Miz",
    "Prof.": "Professor",
    "Gen.": "General",
    "Lt.": "Lieutenant",
    "Col.": "Colonel",
    "Sgt.": "Sergeant",
    "Capt.": "Captain",
    "Gov.": "Governor",
    "Sen.": "Senator",
    "Rep.": "Representative",
    "Jr.": "Junior",
    "vs.": "versus",
    "e.g.": "for example",
    "i.e.": "that is",
    "etc.": "et cetera",
    "approx.": "approximately",
    "No.": "number",
}

MONTHS = {
    "jan": "January",
    "feb": "February",
    "mar": "March",
    "apr": "April",
    "may": "May",
    "jun": "June",
    "jul": "July",
    "aug": "August",
    "sep": "September",
    "sept": "September",
    "oct": "October",
    "nov": "November",
    "dec": "December",
}
_MONTH_NAMES = "|".join(
    ["January", "February", "March", "April", "May", "June", "July", "August"]
    + ["September", "October", "November", "December"]
    + [rf"{abbreviation.title()}\.?" for abbreviation in MONTHS if abbreviation != "may"]
)

CURRENCIES = {"$": ("dollar", "dollars", "cent", "cents"), "€": ("euro", "euros", "cent", "cents")}
CURRENCIES["£"] = ("pound", "pounds", "penny", "pence")
SCALES = {"thousand": "thousand", "k": "thousand", "million": "million", "m": "million", "mn": "million"}
SCALES |= {"billion": "billion", "bn": "billion", "trillion": "trillion"}
UNITS = {"km": "kilometers", "kg": "kilograms", "mph": "miles per hour", "km/h": "kilometers per hour"}

_NUMBER = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?"


def _spoken_month(word: str) -> str:
    key = word.rstrip(".").lower()
    return MONTHS.get(key, MONTHS.get(key[:3], word.rstrip(".")))


def _typography(text: str) -> str:
    text = text.replace("\u00a0", " ").replace("\u2009", " ").replace("\u202f", " ")
    text = re.sub(r"[\u2018\u2019\u02bc]", "'", text)
    text = re.sub(r"[\u201c\u201d\u201e]", '"', text)
    text = text.replace("\u2026", "...")
    text = re.sub(r"(\d)\s?[\u2013-]\s?(\d)", r"\1 to \2", text)  # 10–12 → 10 to 12
    text = re.sub(r"\s*[\u2013\u2014]\s*", ", ", text)  # a dash is a pause
    text = text.replace("&", " and ")
    return re.sub(r"[ \t]+", " ", text).strip()


def _dotted_acronyms(text: str) -> str:
    """Dotted acronyms are spelled: "U.S." → "U S"; a sentence that ended on the acronym keeps its full stop."""

    def spell(match: re.Match[str]) -> str:
        letters = " ".join(match.group(0).replace(".", ""))
        rest = text[match.end() :]
        return letters + ("." if not rest.strip() else "")

    return re.sub(r"\b(?:[A-Z]\.){2,}", spell, text)


def _abbreviations(text: str) -> str:
    for written, spoken in ABBREVIATIONS.items():
        text = re.sub(rf"(?<![\w.]){re.escape(written)}", spoken, text)
    return text


def _dates(text: str) -> str:
    def month_day(match: re.Match[str]) -> str:
        spoken = f"{_spoken_month(match['month'])} {ordinal(int(match['day']))}"
        return spoken + (f", {year(int(match['year']))}" if match["year"] else "")

    def day_month(match: re.Match[str]) -> str:
        spoken = f"the {ordinal(int(match['day']))} of {_spoken_month(match['month'])}"
        return spoken + (f" {year(int(match['year']))}" if match["year"] else "")

    text = re.sub(
        rf"\b(?P<month>{_MONTH_NAMES})\s+(?P<day>\d{{1,2}})(?:st|nd|rd|th)?(?![\d:]|[.,]\d)"
        rf"(?:,?\s+(?P<year>1\d{{3}}|20\d{{2}})\b)?",
        month_day,
        text,
    )
    return re.sub(
        rf"\b(?P<day>\d{{1,2}})(?:st|nd|rd|th)?\s+(?P<month>{_MONTH_NAMES})(?!\w)(?:\s+(?P<year>1\d{{3}}|20\d{{2}})\b)?",
        day_month,
        text,
    )


def _clock(hour: int, minute: int) -> str:
    if minute == 0:
        return cardinal(hour)
    return f"{cardinal(hour)} {'oh ' if minute < 10 else ''}{cardinal(minute)}"


def _times(text: str) -> str:
    def twelve_hour(match: re.Match[str]) -> str:
        # "a.m." and "p.m." as written: Piper reads them as the letters, while the respelling
        # "ay em" was heard as "I am" (issue 15; `make bench-respellings`, docs/benchmarks.md).
        # Their own full stop also ends a sentence ("at 3:45 p.m. The …"), so none is added.
        half = "a.m." if match["half"].lower() == "a" else "p.m."
        return f"{_clock(int(match['hour']), int(match['minute'] or 0))} {half}"

    def twenty_four_hour(match: re.Match[str]) -> str:
        hour, minute = int(match["hour"]), int(match["minute"])
        if hour == 0 and minute == 0:
            return "midnight"
        if hour == 12 and minute == 0:
            return "noon"
        half = "a.m." if hour < 12 else "p.m."
        return f"{_clock(hour % 12 or 12, minute)} {half}"

    text = re.sub(
        r"\b(?P<hour>1[0-2]|0?[1-9])(?::(?P<minute>[0-5]\d))?\s?(?P<half>[aApP])\.?\s?[mM]\.?(?!\w)",
        twelve_hour,
        text,
    )
    text = re.sub(r"\b(?P<hour>[01]?\d|2[0-3]):(?P<minute>[0-5]\d)\b", twenty_four_hour, text)
    return re.sub(r"\b([ap]\.m\.)\.", r"\1", text)  # "at 22:00." ends on the abbreviation's full stop


def _amount(number: str) -> str:
    return decimal(number) if "." in number else cardinal(int(number.replace(",", "")))


def _money(text: str) -> str:
    def spoken(match: re.Match[str]) -> str:
        one, many, cent, cents = CURRENCIES[match["symbol"]]
        number, scale = match["number"], match["scale"]
        if scale:
            return f"{_amount(number)} {SCALES[scale.lower()]} {many}"
        whole, _, fraction = number.replace(",", "").partition(".")
        words = f"{cardinal(int(whole))} {one if whole == '1' else many}"
        if len(fraction) == 2 and int(fraction):
            words += f" and {cardinal(int(fraction))} {cent if fraction == '01' else cents}"
        return words

    scales = "|".join(SCALES)
    return re.sub(
        rf"(?P<symbol>[$€£])\s?(?P<number>{_NUMBER})(?:\s?(?P<scale>{scales})\b)?",
        spoken,
        text,
        flags=re.IGNORECASE,
    )


def _percentages(text: str) -> str:
    return re.sub(rf"({_NUMBER})\s?(?:%|per ?cent\b)", lambda m: f"{_amount(m[1])} percent", text)


def _units(text: str) -> str:
    units = "|".join(re.escape(unit) for unit in sorted(UNITS, key=len, reverse=True))
    return re.sub(rf"({_NUMBER})\s?({units})\b", lambda m: f"{m[1]} {UNITS[m[2]]}", text)


def _ordinals(text: str) -> str:
    return re.sub(r"\b(\d+)(?:st|nd|rd|th)\b", lambda m: ordinal(int(m[1])), text)


def _years(text: str) -> str:
    # A bare four-digit number from 1100 to 2099 is a year in news copy; counts of that size
    # are written with a comma ("1,500 people"), as AP and most house styles require.
    return re.sub(r"(?<![\d.,$€£])\b(1[1-9]\d\d|20\d\d)\b(?![.,]\d)", lambda m: year(int(m[1])), text)


def _numbers(text: str) -> str:
    return re.sub(rf"(?<![\w.])(?:{_NUMBER})(?!\d)", lambda m: _amount(m[0]), text)


def _acronyms(text: str) -> str:
    def spoken(match: re.Match[str]) -> str:
        word, plural = match[1], match[2] or ""
        if word in ACRONYMS_LEFT_AS_WRITTEN:
            return word + plural
        if word in ACRONYMS_SAID_OTHERWISE:
            return ACRONYMS_SAID_OTHERWISE[word] + plural
        if word in ACRONYMS_READ_AS_WORDS:
            return word.title() + plural
        return " ".join(word) + plural

    return re.sub(r"\b([A-Z]{2,6})(s?)\b", spoken, text)


def normalise(text: str) -> str:
    """The words a newsreader says for one piece of written copy."""
    text = _typography(text)
    for rule in (
        _dotted_acronyms,
        _abbreviations,
        _dates,
        _times,
        _money,
        _percentages,
        _units,
        _ordinals,
        _years,
        _numbers,
        _acronyms,
    ):
        text = rule(text)
    return re.sub(r"\s+", " ", text).strip()


def typography(text: str) -> str:
    """Straight quotes and apostrophes, spaces and dashes made uniform (used before the lexicon)."""
    return _typography(text)
