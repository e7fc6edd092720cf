"""The first pass of `app.answer.numbers`: every number in a message with its span, value and unit (money,
percent, duration, credits, plain count, calendar year), ranges ("7-9%") and products ("8 courses x 4 credits").
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass, field

from app.corpus.text import CURRENCY_SYMBOLS


@dataclass
class Mention:
    """One number in the text: where it is, what it is worth, and what kind of quantity it is."""

    start: int
    end: int
    value: float
    kind: str  # money | percent | duration | credits | count | calendar | hours | semesters
    text: str
    per: str | None = None  # year | month | credit | each, for money
    unit: str = ""  # the duration unit as written, so an elided "in 4" can borrow it
    range_: bool = False
    negated: bool = False
    slot: str | None = None
    factors: list[Mention] = field(default_factory=list)
    currency: str | None = None  # ISO code when the person wrote one ("£45k", "12 lakhs", "90k USD"); else unknown


_WORDS = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10,
    "eleven": 11, "twelve": 12, "fifteen": 15, "eighteen": 18, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50,
    "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90,
}  # fmt: skip
NUMBER_WORDS = _WORDS  # the number words people write, for other readers of counts ("two dependents")
_UNITS = ("one", "two", "three", "four", "five", "six", "seven", "eight", "nine")
# "twenty-one credits" is 21, never "one credits": a tens word takes its unit word with it.
_WORD_NUMBER = r"(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)[- ](?:" + "|".join(_UNITS) + r")|" + "|".join(_WORDS)


def _word_value(word: str) -> float:
    return float(sum(_WORDS[w] for w in re.split(r"[- ]", word.lower())))
# Multipliers people write after a number: "85k", "20 lakhs" (India: 100,000), "1.2 crore" (10,000,000), "12 LPA"
# (lakhs per annum, a yearly salary).
_MULTIPLIERS = {"k": 1e3, "thousand": 1e3, "lakh": 1e5, "lakhs": 1e5, "lac": 1e5, "lacs": 1e5, "lpa": 1e5,
                "crore": 1e7, "crores": 1e7, "million": 1e6}  # fmt: skip
_CORE = re.compile(
    r"(?P<cur>[$£€₹]\s?)?(?:(?<![\d.,])(?P<num>\d{1,2}(?:,\d{2})+,\d{3}(?:\.\d+)?|\d{1,3}(?:,\d{3})+(?:\.\d+)?|"
    r"\d+(?:\.\d+)?)(?![\d])"  # "12,00,000" (Indian grouping) first
    r"|\b(?P<word>" + _WORD_NUMBER + r")\b)"
    r"(?P<k>\s?(?:" + "|".join(_MULTIPLIERS) + r")\b)?(?P<tail>\+|-ish)?",
    re.I,
)
_PCT = re.compile(r"[\s-]?(?:%|percent\b)", re.I)
_DUR = re.compile(r"[\s-]?(years?|yrs?|months?|semesters?|hrs?|hours?)\b", re.I)
_PER = re.compile(
    r"\s*(?:(?:/\s*|per\s+|an?\s+)(?P<u>yr|year|annum|mo|month|credit(?:\s*(?:hour|hr))?|cr)\b"
    r"|\s(?P<w>for the year|annually|yearly|monthly|each)\b)",
    re.I,
)
_CURRENCY_WORD = re.compile(r"\s*(?:dollars|usd|bucks|gbp|pounds|eur|euros|inr|rupees)\b", re.I)
# The currency a number is written in, from its symbol, a currency word after it, or an Indian multiplier.
# ₹ is read, though money() writes rupees as "INR" (as every currency without a symbol of its own there).
_CURRENCY_OF = {**{symbol: code for code, symbol in CURRENCY_SYMBOLS.items()}, "₹": "INR", "dollars": "USD",
                "usd": "USD", "bucks": "USD", "gbp": "GBP", "pounds": "GBP", "eur": "EUR", "euros": "EUR", "inr": "INR",
                "rupees": "INR", "lakh": "INR", "lakhs": "INR", "lac": "INR", "lacs": "INR", "lpa": "INR",
                "crore": "INR", "crores": "INR"}  # fmt: skip
_CREDITS = re.compile(r"\s?credits?\b(?!\s*(?:hour|hr|into\b))", re.I)  # "21 credits into a degree" is progress
# "a year and a half" has no digit at all but is a program length people write often.
_YEAR_AND_HALF = re.compile(r"\b(?:an?\s+|one\s+)?year and a half\b", re.I)
_HALF = re.compile(r"\bhalf\b(?! a)", re.I)


def unit_of(word: str) -> str:
    w = word.lower()
    return next(u for p, u in (("y", "year"), ("mo", "month"), ("s", "semester"), ("h", "hour")) if w.startswith(p))


def _classify(text: str, m: re.Match[str]) -> Mention | None:
    """Turn a core number match into a Mention by reading the unit words right after it."""
    raw = m.group("num") or m.group("word")
    value = _word_value(raw) if m.group("word") else float(raw.replace(",", ""))
    money = bool(m.group("cur") or m.group("k"))
    value *= _MULTIPLIERS[m.group("k").strip().lower()] if m.group("k") else 1
    end, rest = m.end(), text[m.end() :]
    if pct := _PCT.match(rest):
        return Mention(m.start(), end + pct.end(), value, "percent", text[m.start() : end + pct.end()])
    if not money and (dur := _DUR.match(rest)):
        unit, stop = unit_of(dur.group(1)), end + dur.end()
        kinds = {"year": ("duration", value), "month": ("duration", value / 12), "semester": ("semesters", value)}
        kind, val = kinds.get(unit, ("hours", value))
        return Mention(m.start(), stop, val, kind, text[m.start() : stop], unit=dur.group(1))
    if not money and (cr := _CREDITS.match(rest)):
        return Mention(m.start(), end + cr.end(), value, "credits", text[m.start() : end + cr.end()])
    if m.group("word") and not money:
        return None  # a spelled-out number is read only with its unit ("three years", "thirty credits", "ten lakhs")
    said = [(m.group("cur") or "").strip(), (m.group("k") or "").strip().lower()]
    if cw := _CURRENCY_WORD.match(rest):
        money, end, rest = True, end + cw.end(), text[end + cw.end() :]
        said.append(cw.group(0).strip().lower())
    currency = next((_CURRENCY_OF[w] for w in said if w in _CURRENCY_OF), None)
    per = "year" if said[1] == "lpa" else None
    if p := _PER.match(rest):
        per = _per_name(p.group("u") or p.group("w"))
        end += p.end() if per != "each" else 0
        money = money or per in ("year", "month", "credit")
    plain_int = value.is_integer() and "," not in raw and "." not in raw
    if not money and plain_int and 1900 <= value <= 2100:
        return Mention(m.start(), end, value, "calendar", text[m.start() : end])
    kind = "money" if money or value >= 1000 else "count"
    return Mention(m.start(), end, value, kind, text[m.start() : end].strip(), per=per, currency=currency)


def _per_name(word: str) -> str:
    w = word.lower()
    if w.startswith("cr"):
        return "credit"
    if w.startswith(("mo", "month")):
        return "month"
    return "each" if w == "each" else "year"


def find_mentions(text: str) -> list[Mention]:
    """Every number mention, in order, with ranges ("7-9%") and products ("8 courses x 4 credits") resolved."""
    found: list[Mention] = []
    for m in _YEAR_AND_HALF.finditer(text):
        found.append(Mention(m.start(), m.end(), 1.5, "duration", m.group(0), unit="year"))
    for m in _CORE.finditer(text):
        if any(f.start <= m.start() < f.end for f in found):
            continue
        if (mention := _classify(text, m)) is not None:
            found.append(mention)
    for m in _HALF.finditer(text):
        if not any(f.start <= m.start() < f.end for f in found):
            found.append(Mention(m.start(), m.end(), 50.0, "percent", m.group(0)))
    found.sort(key=lambda f: f.start)
    for a, b in itertools.pairwise(found):
        if re.fullmatch(r"\s?[-–]\s?", text[a.end : b.start]):  # a range is no single value: never a slot
            a.range_ = b.range_ = True
    return _products(text, found)


def _products(text: str, found: list[Mention]) -> list[Mention]:
    """'8 courses x 4 credits each' states 32 credits; the factors themselves are not slot values."""
    out: list[Mention] = []
    for m in found:
        prev = out[-1] if out else None
        gap = text[prev.end : m.start] if prev else ""
        if prev and m.kind == "credits" and prev.kind == "count" and re.fullmatch(r"\s*\w*\s*[x×*]\s*", gap):
            out[-1] = Mention(prev.start, m.end, prev.value * m.value, "credits", text[prev.start : m.end])
            out[-1].factors = [prev, m]
            continue
        out.append(m)
    return out
