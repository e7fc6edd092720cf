"""Durations and the one tuition rule (per credit, per year, per term, total) that cost, compare and the UI share."""

from __future__ import annotations

import re

_NUMBER_WORDS = {"a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7}
_NUMBER_WORDS |= {"eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12}


_DURATION = re.compile(
    r"(?P<n>\d+(?:\.\d+)?|[a-z]+)[\s-]+(?:(?:calendar|academic|long|full)\s+)*(?P<unit>month|year|semester|quarter)s?"
    r"(?P<half> and a half)?",
    re.I,
)


# Terms per year: long (fall/spring) semesters and academic quarters, summer excluded.
_TERMS_PER_YEAR = {"semester": 2, "quarter": 3}


# "about 2 years", "typically about 3 semesters": the usual length, said loosely. "up to six years", "as few as 18
# months" and "1.5-3 years" are bounds or ranges: no single length.
_LOOSELY = re.compile(r"^(?:(?:about|around|approximately|typically|usually)\s+)+", re.I)
_BOUND_OR_RANGE = re.compile(r"^(?:up to|as (?:few|little|many) as|at (?:least|most)|minimum|maximum)\b|^[\d.]+\s*[-–]\s*[\d.]", re.I)
# Another length in the text is for another pace or track ("1 year full-time; typically 2 years part-time"), or for a
# few ("six quarters for most students; one year only for well-prepared students": six quarters is the usual length).
_OTHER_TRACK = re.compile(r"\b(?:part[- ]time|extended|co-?op|accelerated|placement|only (?:for|if|when))\b", re.I)


def _count(m: re.Match[str]) -> float:
    raw = m["n"].lower()
    n = float(raw) if raw[0].isdigit() else float(_NUMBER_WORDS.get(raw, 0))
    return n + 0.5 if n and m["half"] else n


def _years_of(n: float, unit: str) -> float:
    return n / 12 if unit == "month" else n if unit == "year" else n / _TERMS_PER_YEAR[unit]


def _parse_duration(text: str | None) -> tuple[float, str] | None:
    """(count, unit) of the one usual full-time length the text states: '11 months (second summer session, fall and
    spring)', '1 year full-time; 2 years part-time', 'one year (two semesters)'. None when it states a bound, a
    range, or two different lengths for the same track."""
    text = _LOOSELY.sub("", (text or "").strip().rstrip("."))
    first = _DURATION.match(text)
    if _BOUND_OR_RANGE.match(text) or not first or not (n := _count(first)):
        return None
    unit = first["unit"].lower()
    rest = text[first.end() :]
    # Every other length must restate this one in brackets ("one year (two semesters)") or belong to another track
    # ("20 months (extended timing)"); else the text states no single length ("eight months of courses followed by
    # an eight-month internship", "a year and a half; doable in a year").
    for clause in re.split(r"[;,]|\bor\b", rest):
        for other in (o for o in _DURATION.finditer(clause) if _count(o)):  # "a final year capstone" is no length
            bracketed = clause[: other.start()].count("(") > clause[: other.start()].count(")")
            agrees = abs(_years_of(_count(other), other["unit"].lower()) - _years_of(n, unit)) < 1e-9
            if not (bracketed and agrees) and not _OTHER_TRACK.search(clause):
                return None
    return n, unit


def parse_duration_years(text: str | None) -> float | None:
    """'16 months' → 1.333, 'One calendar year' → 1, 'Four long semesters' → 2; ambiguous text → None."""
    parsed = _parse_duration(text)
    if parsed is None:
        return None
    return _years_of(*parsed)


def parse_duration_terms(text: str | None) -> int | None:
    """Number of terms when the duration is stated in semesters or quarters ('Four long semesters' → 4)."""
    parsed = _parse_duration(text)
    return int(parsed[0]) if parsed and parsed[1] in _TERMS_PER_YEAR and parsed[0].is_integer() else None


# The clause of a record's tuition basis saying why it holds no figure ("… was not in the stored excerpt", "no fee
# figure entered"): the true reason, where the record gives one, rather than a bare "not published".
_NO_FIGURE = re.compile(r"\bnot (?:found|in|entered)\b|\bno\b.*\b(?:found|entered)\b", re.I)


def why_no_tuition(basis: str | None) -> str | None:
    """The basis clause that says why a record has no tuition figure, or None when it says nothing of the kind.

    'the MCDS cost page (2021-22 breakdown) was found but its tuition figures were not in the stored excerpt; tuition is
    charged per …' → its first clause. Clauses end at a ';' outside brackets."""
    clauses, depth, start = [], 0, 0
    for i, ch in enumerate(basis or ""):
        depth += (ch == "(") - (ch == ")")
        if ch == ";" and depth == 0:
            clauses.append((basis or "")[start:i])
            start = i + 1
    clauses.append((basis or "")[start:])
    return next((c.strip() for c in clauses if _NO_FIGURE.search(c)), None)
