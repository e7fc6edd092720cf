"""The yes/no facts of `app.answer.numbers`, read from phrases rather than numbers: will the person keep working,
and did they already borrow federal loans for this program (a legacy borrower under the July 2026 rules)?
"""

from __future__ import annotations

import re

_KEEP_WORKING: list[tuple[re.Pattern[str], bool]] = [
    (re.compile(r"\b(?:keep(?:ing)?|kept|stay(?:ed)? at) (?:my|the) (?:\S+ )?(?:day )?job\b"), True),  # "if I kept my job"
    (
        re.compile(
            r"\b(?:keep(?:ing)?|kept|still|while) working\b|\bstay(?:ing)? employed\b|\bwork(?:ing)? full[- ]time and stud(?:y|ying)\b|"
            # "I also have a family and work full time", "I was working full-time (…)": the person's own job
            r"\b(?:i|i'?m|i am|i was|i do|and|also|still|currently)\s+work(?:ing)?\s+full[- ]time\b"
        ),
        True,
    ),
    (re.compile(r"\bquit(?:ting)?\b|\bleav(?:e|ing) my job\b|\bunpaid leave\b|"
                r"\b(?:take|took|taking) (?:a |the )?(?:year|semester|time) off\b"), False),
    (re.compile(r"\b(?:go|going|attend|attending) full[- ]time\b"), False),
    (re.compile(r"(?<!working )(?<!work )\bfull[- ]time\b"), False),  # "working full time" is the job, not the study
]
_NOT_AN_OPTION = re.compile(r"^\W*(?:\w+\W+){0,2}(?:is|isn't|is not) (?:not )?(?:an option|possible)")
_LEGACY: list[tuple[re.Pattern[str], bool]] = [
    (
        re.compile(
            r"\balready (?:borrowed|took(?: out)?|taken(?: out)?|have|got)\b[^.?!]*\b(?:loans?|for (?:this|the|my) "
            r"program|for it)\b"
        ),
        True,
    ),
    (re.compile(r"\bborrowed\b[^.?!]*\bfor (?:this|the|my) (?:program|degree|master'?s)\b"), True),
    (
        re.compile(
            r"\bnew borrower\b|\bnever (?:took|borrowed|had)\b[^.?!]*\bgrad|\bnothing for grad(?:uate)? school\b"
        ),
        False,
    ),
]


# "I can't quit", "I won't leave my job": a job phrase negated just before it says the opposite ("I can't keep my job"
# is quitting). "I don't go full time" says only that the study is part-time, nothing of a job: it is left out.
_NEGATED = re.compile(r"(?:\bnot|n[’']t|\bnever)\s+(?:\w+\s+){0,3}$")  # "I don't want to quit": no clause break


def _flag(text: str, patterns: list[tuple[re.Pattern[str], bool]]) -> tuple[bool, str] | None:
    """A yes/no read from phrases. Disagreeing phrases settle only across 'but' (the later one is the plan)."""
    low = text.lower()
    hits = sorted(
        (h.start(), h.end(), value != negated, h.group(0))
        for pattern, value in patterns
        for h in pattern.finditer(low)
        if not _NOT_AN_OPTION.match(low[h.end() :])
        and not ((negated := bool(_NEGATED.search(low[: h.start()]))) and "full" in h.group(0))
    )
    if not hits:
        return None
    last = hits[-1]
    earlier_other = [h for h in hits if h[2] != last[2]]
    if earlier_other and not re.search(r"\bbut\b", low[earlier_other[-1][1] : last[0]]):
        return None
    return last[2], text[last[0] : last[1]]


def read_flags(text: str) -> dict[str, tuple[bool, str]]:
    """{slot: (value, the person's words)} for keep_working and legacy_borrower, when the text settles them."""
    found = {}
    for name, patterns in (("keep_working", _KEEP_WORKING), ("legacy_borrower", _LEGACY)):
        if (flag := _flag(text, patterns)) is not None:
            found[name] = flag
    return found
