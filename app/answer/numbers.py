"""Read the numbers a person states into named slots — or leave them unassigned so the answer can ask.

Pure and rule-based. Two passes: find every number mention with its span, unit and currency (money, percent,
duration, credits, plain count, calendar year; `numbers_mentions.py`), then give each mention the slot whose cue
words (`numbers_cues.py`) sit closest to it in its sentence. Guessing is the failure this module exists to prevent ("I can cover 40% of it" is not an APR), so a
mention with no cue, a blocked cue (age, experience, someone else's money), an implausible value or a clash
with another value for the same slot stays unassigned. Yes/no facts stated in words (keep working, already
borrowed) are read in `numbers_flags.py`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from pydantic import BaseModel, PrivateAttr

from app.answer.numbers_cues import AGE, BLOCK_AFTER, BLOCK_BEFORE, COUNT_BLOCK_AFTER, CUES, DURATION_ELSEWHERE, RANGE
from app.answer.numbers_flags import read_flags
from app.answer.numbers_mentions import Mention, find_mentions, unit_of

SLOTS = (
    "years", "tuition_total", "tuition_per_year", "tuition_per_credit", "credits", "fees_per_year",
    "living_per_month", "relocation", "salary_before", "salary_after", "savings", "savings_share", "loan",
    "apr_percent", "term_years", "keep_working", "legacy_borrower", "employer_aid",
)  # fmt: skip


class Stated(BaseModel):
    """What a message states: values per slot, the numbers whose role is unclear, and the person's own words."""

    slots: dict[str, float | bool] = {}
    unassigned: list[float] = []
    said: dict[str, str] = {}
    currencies: dict[str, str] = {}  # slot -> the currency its amount was written in, where the person wrote one
    # (value, words, kind) of each unassigned mention, so unclear_question can quote the person's words.
    _unclear: list[tuple[float, str, str]] = PrivateAttr(default_factory=list)


# ---------------------------------------------------------------- context around a mention

_SENTENCE_END = re.compile(r"[.?!;]+(?=\s|$)|\n")
_BOUNDARY = re.compile(r"[,;]|\b(?:and|but|so|then|while|or)\b", re.I)
_WORD = re.compile(r"[a-z0-9'#]+", re.I)
_BOUNDARY_COST, _MAX_DISTANCE = 3, 6


@dataclass
class Context:
    """A mention's sentence, masked so other numbers read as '#', split at the mention."""

    before: str
    after: str
    sentence: str


def _contexts(text: str, mentions: list[Mention], hidden: frozenset[int] = frozenset()) -> list[Context]:
    """Each mention's context; `hidden` mentions (ages, counts of kids) are dropped so they claim no cue."""
    ends = [0, *[m.end() for m in _SENTENCE_END.finditer(text)], len(text)]
    out = []
    for m in mentions:
        lo = max(e for e in ends if e <= m.start)
        hi = min((e for e in ends if e >= m.end), default=len(text))
        out.append(
            Context(
                before=_mask(text, mentions, lo, m.start, hidden).lower(),
                after=_mask(text, mentions, m.end, hi, hidden).lower(),
                sentence=_mask(text, mentions, lo, hi, hidden).lower(),
            )
        )
    return out


# Masked numbers read "#m" (an amount), "#p" (a percent), ...: a cue is claimed only against numbers of its group.
_GROUP = {"money": "m", "count": "m", "percent": "p", "duration": "d", "credits": "c"}


def _mask(text: str, mentions: list[Mention], lo: int, hi: int, hidden: frozenset[int]) -> str:
    pieces, pos = [], lo
    for m in mentions:
        if m.start >= lo and m.end <= hi:
            pieces += [text[pos : m.start], " " if id(m) in hidden else f" #{_GROUP.get(m.kind, 'x')} "]
            pos = m.end
    return "".join([*pieces, text[pos:hi]])


def _gap_cost(gap: str) -> int:
    """Words between a cue and its number, plus a toll per clause boundary: a cue belongs to its own clause."""
    return len(_WORD.findall(_BOUNDARY.sub(" ", gap))) + _BOUNDARY_COST * len(_BOUNDARY.findall(gap))


def _cue_distance(ctx: Context, before: str | None, after: str | None, group: str) -> int | None:
    """Distance from the mention to the nearest cue it owns: a cue nearer to another number of the same group is
    that number's ("8k and rent is 3k/month": "rent" belongs to 3k), but "8% on a 50k loan" shares "loan"."""
    costs: list[int] = []
    mark = "#" + group
    if before:
        for hit in re.finditer(before, ctx.before):
            gap, far = ctx.before[hit.end() :], ctx.before[: hit.start()]
            if mark not in gap and not _nearer_far_side(far[far.rfind(mark) + 2 :] if mark in far else None, gap):
                costs.append(_gap_cost(gap))
    if after:
        for hit in re.finditer(after, ctx.after):
            gap, far = ctx.after[: hit.start()], ctx.after[hit.end() :]
            if mark not in gap and not _nearer_far_side(far[: far.find(mark)] if mark in far else None, gap):
                costs.append(_gap_cost(gap))
    return min(costs, default=None)


def _nearer_far_side(theirs: str | None, mine: str) -> bool:
    """True when the number beyond the cue is nearer to it (ties go to the one sharing the cue's clause)."""
    if theirs is None:
        return False
    t, m = _gap_cost(theirs), _gap_cost(mine)
    return t < m or (t == m and not _BOUNDARY.search(theirs) and bool(_BOUNDARY.search(mine)))



def _blocked(m: Mention, ctx: Context) -> bool:
    if m.range_ or m.kind in ("calendar", "hours", "semesters"):
        return True
    if m.kind == "count" and AGE.search(ctx.before):
        return True
    # A blocker is this number's only if no other number stands between them ("4 years at 2 classes").
    near_before = [h for h in BLOCK_BEFORE.finditer(ctx.before) if _within(ctx.before[h.end() :], 3, own=True)]
    hit_after = BLOCK_AFTER.search(ctx.after) or (COUNT_BLOCK_AFTER.search(ctx.after) if m.kind == "count" else None)
    if near_before or (hit_after and _within(ctx.after[: hit_after.start()], 3, own=True)):
        return True
    if m.per == "each":
        return True  # "$1k each" prices a course, not a credit or the program
    return m.kind == "duration" and bool(DURATION_ELSEWHERE.match(ctx.after))


def _within(gap: str, words: int, own: bool = False) -> bool:
    """No clause boundary (and, with own, no other number) in the gap, and at most `words` words."""
    return not _BOUNDARY.search(gap) and not (own and "#" in gap) and len(_WORD.findall(gap)) <= words


def _ranked_slots(m: Mention, ctx: Context, previous: Mention | None, text: str) -> list[str]:
    """Slots by nearness of their cue (ties go to the earlier row of CUES); the default when no cue is near."""
    if m.kind == "credits":
        return ["credits"]
    scored: list[tuple[int, int, str]] = []
    for rank, (slot, kinds, before, after) in enumerate(CUES):
        if m.kind not in kinds:
            continue
        dist = _cue_distance(ctx, before, after, _GROUP.get(m.kind, "x"))
        if dist is not None and dist <= _MAX_DISTANCE:
            scored.append((dist, rank, slot))
    if (
        m.kind == "percent"
        and re.search(r"\bat\s*$", ctx.before)
        and re.search(r"\b(?:borrow\w*|loans?)\b", ctx.sentence)
    ):
        scored.append((0, -1, "apr_percent"))  # "borrow the rest at 7%": "at N%" is a rate once a loan is in view
    if (
        m.kind == "duration"
        and previous
        and previous.slot == "apr_percent"
        and _within(text[previous.end : m.start], 1)
    ):
        scored.append((0, -1, "term_years"))  # "at 8.94% over 15 years": the loan's term
    ranked = [slot for _, _, slot in sorted(scored)]
    return ranked or [s for s in [_default_slot(m, ctx, previous)] if s]


def _default_slot(m: Mention, ctx: Context, previous: Mention | None) -> str | None:
    """With no cue: a length of time in a message about a degree is the program length; money per year in a
    sentence about programs is tuition. Anything else stays unassigned."""
    if m.kind == "duration":
        return "years"
    after_length = previous is not None and previous.kind == "duration" and re.search(r"#d\s*at\s*$", ctx.before)
    if m.kind == "money" and m.per == "credit":
        return "tuition"  # only tuition is priced per credit
    if m.kind == "money" and m.per == "year" and (after_length or re.search(r"\b(?:program|tuition)", ctx.sentence)):
        return "tuition"  # "2 years at $30k/yr", "the best one [of the programs] is 45k/yr"
    return None


# ---------------------------------------------------------------- from slot cue to slot value

_SALARY = ("salary_before", "salary_after")


def _slot_value(m: Mention, cue: str, ctx: Context) -> tuple[str, float] | None:
    """The slot name and value a cue gives this mention, or None when the unit makes it something else."""
    v = m.value
    if cue in _SALARY:
        if m.kind == "count" and v != 0:
            v = v * 1000 if 10 <= v < 1000 else -1  # "right now im at 85": salaries are quoted in thousands
        v = v * 12 if m.per == "month" else v
        return (cue, v) if v == 0 or v >= 10_000 else None
    if cue == "savings":
        return (cue, v) if m.kind == "money" or v == 0 else None
    if cue == "loan":
        return None if m.per == "month" else (cue, v)  # a monthly payment is not the amount borrowed
    if cue == "tuition":
        if m.per is None and re.search(r"per credit\w*\s*:?\s*$", ctx.before):
            return "tuition_per_credit", v  # "cost per credit: $600"
        if m.per in ("credit", "year"):
            return f"tuition_per_{m.per}", v
        return None if m.per == "month" else ("tuition_total", v)
    if cue == "fees":
        return "fees_per_year", v * 12 if m.per == "month" else v
    if cue == "living":
        return "living_per_month", v / 12 if m.per == "year" else v
    if cue == "employer_aid":
        return cue, v * 12 if m.per == "month" else v  # a year's worth, as employers state it
    if cue in ("savings_share", "raise"):
        v /= 100
    lo, hi = RANGE.get(cue, (float("-inf"), float("inf")))
    return (cue, v) if lo <= v <= hi else None


def _elide(text: str, mentions: list[Mention], contexts: list[Context]) -> None:
    """'finish in 4', 'in 7 years, not 10': a bare number right after a duration borrows its unit."""
    last_duration: Mention | None = None
    for m, ctx in zip(mentions, contexts, strict=True):
        if m.kind == "duration":
            last_duration = m
        elif (
            m.kind == "count"
            and last_duration is not None
            and last_duration.unit
            and last_duration.start >= text.rfind(".", 0, m.start)
            and re.search(r"\b(?:in|not|or|than|to)\s*$", ctx.before)
            and re.match(r"\s*(?:[^\w\s#]|$)", ctx.after)
        ):
            m.kind = "duration"
            m.value /= 12 if unit_of(last_duration.unit) == "month" else 1
        m.negated = bool(re.search(r"\bnot\s*$", ctx.before))


def _candidates(text: str, mentions: list[Mention]) -> list[tuple[Mention, str, float]]:
    """Each mention's (slot, value), in text order; percents first so 'at 7% over 10 years' can see the rate."""
    contexts = _contexts(text, mentions)
    _elide(text, mentions, contexts)
    blocked = frozenset(id(m) for m, ctx in zip(mentions, contexts, strict=True) if _blocked(m, ctx))
    contexts = _contexts(text, mentions, blocked)  # blocked numbers (ages, "2 kids") must not claim cues
    out: list[tuple[Mention, str, float]] = []
    order = sorted(range(len(mentions)), key=lambda i: mentions[i].kind != "percent")
    for i in order:
        m, ctx = mentions[i], contexts[i]
        if id(m) in blocked:
            continue
        ranked = _ranked_slots(m, ctx, mentions[i - 1] if i else None, text)
        # The nearest cue whose slot can hold this value: "30 percent loan" is no APR, so it falls through.
        picked = next((p for cue in ranked if (p := _slot_value(m, cue, ctx))), None)
        if picked:
            m.slot = picked[0]
            out.append((m, *picked))
    return sorted(out, key=lambda c: c[0].start)


def _resolve(text: str, cands: list[tuple[Mention, str, float]]) -> dict[str, tuple[Mention, float]]:
    """One value per slot. Equal repeats agree; after 'but' the later value is the plan ('could do 1 yr but I'll
    do 2'); a negated value ('not 10') loses; any other clash is ambiguous, so the slot stays empty."""
    chosen: dict[str, tuple[Mention, float]] = {}
    for slot in dict.fromkeys(c[1] for c in cands):
        group = [(m, v) for m, s, v in cands if s == slot and not m.negated] or [
            (m, v) for m, s, v in cands if s == slot
        ]
        if all(abs(v - group[0][1]) < 1e-9 for _, v in group):
            chosen[slot] = group[0]
        elif re.search(r"\bbut\b", text[group[-2][0].end : group[-1][0].start], re.I):
            chosen[slot] = group[-1]
    return chosen


def _derive(chosen: dict[str, tuple[Mention, float]], text: str) -> None:
    """Values stated as arithmetic: a raise on the current salary, a yearly loan over the program, and a total
    that equals credits x price per credit."""
    if "raise" in chosen:
        m, pct = chosen.pop("raise")
        if "salary_before" in chosen and "salary_after" not in chosen:
            chosen["salary_after"] = (m, chosen["salary_before"][1] * (1 + pct))
        else:
            m.slot = None
    if "loan" in chosen and chosen["loan"][0].per == "year":
        m, per_year = chosen.pop("loan")
        if "years" in chosen:
            chosen["loan"] = (m, per_year * chosen["years"][1])
        else:
            m.slot = None
    if "savings_share" not in chosen and re.search(
        r"\bborrow (?:everything|all of it|the whole (?:thing|amount))", text, re.I
    ):
        chosen["savings_share"] = (Mention(0, 0, 0.0, "phrase", "borrow everything"), 0.0)


def _total_from_product(chosen: dict[str, tuple[Mention, float]], mentions: list[Mention]) -> None:
    """'32 credits at $600 ... thats 19.2k': an uncued amount equal to credits x price is the tuition total."""
    if "tuition_total" in chosen or not {"credits", "tuition_per_credit"} <= chosen.keys():
        return
    product = chosen["credits"][1] * chosen["tuition_per_credit"][1]
    for m in mentions:
        if m.slot is None and m.kind == "money" and abs(m.value - product) <= 0.01 * product:
            m.slot = "tuition_total"
            chosen["tuition_total"] = (m, m.value)


def _said(text: str, m: Mention) -> str:
    """The person's words for a value; a duration keeps its preposition ("over three years")."""
    lead = re.search(r"\b(?:over|in|for)\s+$", text[: m.start], re.I) if m.kind == "duration" else None
    return (lead.group(0) if lead else "") + m.text


def read_numbers(text: str) -> Stated:
    """Read every number in a message into a slot when its role is clear, and into `unassigned` when not.

    One message is read by routing, the profile, the cost arguments and the answer: the reading is cached by text, and
    each caller gets its own copy, so none can change another's.
    """
    return _read_cached(text).model_copy(deep=True)


@lru_cache(maxsize=256)
def _read_cached(text: str) -> Stated:
    mentions = find_mentions(text)
    chosen = _resolve(text, _candidates(text, mentions))
    for m in mentions:
        m.slot = next((s for s, (c, _) in chosen.items() if c is m), None)
    _derive(chosen, text)
    _total_from_product(chosen, mentions)
    stated = Stated(
        slots={s: v for s, (_, v) in chosen.items()},
        said={s: _said(text, m) for s, (m, _) in chosen.items()},
        currencies={s: m.currency for s, (m, _) in chosen.items() if m.currency},
    )
    for name, (value, words) in read_flags(text).items():
        stated.slots[name], stated.said[name] = value, words
    in_slot = {id(m) for m, _ in chosen.values()}
    for m in mentions:
        # A product's factors ("8 courses", "4 credits") are never slot values themselves.
        parts = m.factors or ([] if id(m) in in_slot else [m])
        for part in parts:
            stated.unassigned.append(part.value)
            stated._unclear.append((part.value, part.text, part.kind))
    return stated


def currency_of(stated: Stated) -> str | None:
    """The one currency the person's amounts are written in ("£45k" and "£10k saved": GBP); None when they wrote
    none; "INR and USD" when they mixed them, which no calculation can use unconverted."""
    found = sorted(set(stated.currencies.values()))
    return " and ".join(found) if found else None


def unclear_question(stated: Stated) -> str | None:
    """One short question about the first unassigned amount or percent, so the answer asks instead of guessing."""
    unclear = stated._unclear or [(v, _fmt_money(v), "money") for v in stated.unassigned if v >= 1000]
    for _value, words, kind in unclear:
        if kind == "percent":
            return f"You mentioned {words}: is that the share you'd pay from savings, a loan's interest rate, or something else?"
        if kind == "money":
            return (
                f"You mentioned {words}: is that your salary, your savings, a cost of the program, or something else?"
            )
    return None


def _fmt_money(value: float) -> str:
    return f"${value:,.0f}"
