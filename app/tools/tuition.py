"""Durations and the one tuition rule (per credit, per year, per term, total) that cost, compare and the UI share."""

from __future__ import annotations

import re

_NUMBER_WORDS = {"a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7}
_NUMBER_WORDS |= {"eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12}


_DURATION = re.compile(
    r"(?P<n>\d+(?:\.\d+)?|[a-z]+)\s+(?:(?:calendar|academic|long|full)\s+)*(?P<unit>month|year|semester|quarter)s?",
    re.I,
)


# Terms per year: long (fall/spring) semesters and academic quarters, summer excluded.
_TERMS_PER_YEAR = {"semester": 2, "quarter": 3}


def _parse_duration(text: str | None) -> tuple[float, str] | None:
    """(count, unit) when the text is exactly one 'N unit' phrase; alternatives or ranges → None."""
    m = _DURATION.fullmatch((text or "").strip().rstrip("."))
    if not m:
        return None
    raw = m["n"].lower()
    n = float(raw) if raw[0].isdigit() else float(_NUMBER_WORDS.get(raw, 0))
    return (n, m["unit"].lower()) if n else None


def parse_duration_years(text: str | None) -> float | None:
    """'16 months' → 1.333, 'One calendar year' → 1, 'Four long semesters' → 2; ambiguous text → None."""
    parsed = _parse_duration(text)
    if parsed is None:
        return None
    n, unit = parsed
    return n / 12 if unit == "month" else n if unit == "year" else n / _TERMS_PER_YEAR[unit]


def parse_duration_terms(text: str | None) -> int | None:
    """Number of terms when the duration is stated in semesters or quarters ('Four long semesters' → 4)."""
    parsed = _parse_duration(text)
    return int(parsed[0]) if parsed and parsed[1] in _TERMS_PER_YEAR and parsed[0].is_integer() else None
