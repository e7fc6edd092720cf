"""The finder's reading of free-text record fields: is the GRE not required, does a record name a field of study,
is a program open to someone without a CS degree. Each answers True / False / None (the record does not say) with
the words that decided it.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from app.corpus.records import Program
from app.tools.finder_query import FIELD_LABELS, Verdict

# GRE: the text before any parenthesis is the policy; the parenthesis is a note (date, who reported it).
_GRE_HEDGE = re.compile(r"\b(?:not confirmed|unconfirmed|unclear|unknown)\b")
_GRE_NOT_REQUIRED = re.compile(r"\b(?:not required|optional|not accepted|not considered|waived|no gre)\b")
_GRE_REQUIRED = re.compile(r"(?<!not )\brequired\b")


def classify_gre(text: str | None) -> tuple[Verdict, str]:
    """Is the GRE *not* required? True ('not required', 'optional', 'not accepted'), False ('required'),
    None when unpublished, hedged ('current policy not confirmed'), mixed by applicant, or unrecognised."""
    if text is None:
        return None, "GRE policy not published"
    low = text.lower()
    head = low.split("(")[0]
    if _GRE_HEDGE.search(low):
        return None, f"GRE policy not confirmed: “{text}”"
    says_not, says_req = bool(_GRE_NOT_REQUIRED.search(head)), bool(_GRE_REQUIRED.search(head))
    if says_not and says_req:
        return None, f"GRE depends on the applicant: “{text}”"
    if says_not:
        return True, f"GRE: “{text}”"
    if says_req:
        return False, f"GRE required: “{text}”"
    return None, f"GRE wording not recognised: “{text}”"


_FIELD_PATTERNS: dict[str, re.Pattern[str]] = {
    "machine-learning": re.compile(r"\bmachine learning\b", re.I),
    # 'AI' only in capitals: a lowercase 'ai' inside a word or name is not the field.
    "ai": re.compile(r"\bartificial intelligence\b|\bAI\b"),
    "computer-science": re.compile(r"\bcomputer science\b", re.I),
    "data-science": re.compile(r"\bdata science\b", re.I),
}
# Degree abbreviations that name a field by themselves (a record's `field` normally says it too).
_DEGREE_FIELDS = {
    "MCS": ("computer-science",), "MSCS": ("computer-science",), "MDS": ("data-science",),
    "MIDS": ("data-science",), "MADS": ("data-science",), "MCDS": ("data-science",),
    "MDSAI": ("data-science", "ai"), "MAISI": ("ai",),
}  # fmt: skip


def classify_field(p: Program, key: str) -> tuple[Verdict, str]:
    """True when the record's field, degree or name names the field; None only when `field` is null and the
    name and degree do not say; otherwise False. Literal: an 'AI' query does not take in 'machine learning'."""
    label = FIELD_LABELS[key]
    for what, text in (("field", p.field), ("name", p.name)):
        if text and _FIELD_PATTERNS[key].search(text):
            return True, f"{what}: “{text}”"
    if p.degree and key in _DEGREE_FIELDS.get(p.degree.upper(), ()):
        return True, f"degree: {p.degree}"
    if p.field is None:
        return None, "field of study not published"
    return False, f"field “{p.field}” is not {label}"


_SENTENCE_END = re.compile(r"(?<=[.;])\s+")
# Prerequisites that open the program to people without a CS degree, in so many words.
_BG_OPEN = re.compile(
    r"\bany (?:undergraduate )?(?:major|subject|field|discipline)\b|\bno (?:computer science|cs) (?:background|degree)\b"
    r"|\bdegree is not required\b|\bno fixed prerequisites\b|\bor if not\b|\bnon-cs\b"
)
# ...or that name non-computing subjects as acceptable degrees (in a sentence about the degree).
_BG_OTHER_SUBJECT = re.compile(
    r"\b(?:mathematics|statistics|physics|economics|psychology|linguistics|philosophy|quantitative subject"
    r"|science and engineering graduates)\b"
)
_BG_DEGREE_CONTEXT = re.compile(r"\b(?:degree|major|graduates?|bachelor'?s?)\b")
# 'Most candidates have...' describes the intake; it is not a requirement either way.
_BG_DESCRIPTIVE = re.compile(r"\bmost (?:candidates|students|applicants|admits)\b")
_BG_CS_REQUIRED = re.compile(
    r"\b(?:degree|bachelor'?s?) in (?:computer science|computer engineering|electrical and computer engineering|informatics)\b"
)


def classify_background(text: str | None) -> tuple[Verdict, str]:
    """Open to someone without a CS degree? From the `prerequisites` text, with the deciding sentence quoted.

    True: a CS degree is not needed ('any major', 'no computer science background', 'degree is not required',
    'or if not') or non-computing degrees are named as acceptable; False: a degree in CS (or another named
    computing degree) is required; None: not published, silent on the subject, or only describing the intake.
    """
    if text is None:
        return None, "prerequisites not published"
    sentences = [s for s in _SENTENCE_END.split(text.strip()) if s]
    plain = [s.lower().replace("’", "'") for s in sentences]

    def first(test: Callable[[str], bool]) -> str | None:
        return next((sentences[i] for i, s in enumerate(plain) if test(s)), None)

    if found := first(lambda s: bool(_BG_OPEN.search(s))):
        return True, f"prerequisites: “{found}”"
    if found := first(lambda s: bool(_BG_OTHER_SUBJECT.search(s) and _BG_DEGREE_CONTEXT.search(s))):
        return True, f"prerequisites name non-CS subjects: “{found}”"
    if found := first(lambda s: bool(_BG_DESCRIPTIVE.search(s))):
        return None, f"prerequisites describe typical admits, not a requirement: “{found}”"
    if found := first(lambda s: bool(_BG_CS_REQUIRED.search(s))):
        return False, f"prerequisites require a computing degree: “{found}”"
    return None, f"prerequisites do not say whether a CS degree is needed: “{clip(text)}”"


def clip(text: str, n: int = 160) -> str:
    return text if len(text) <= n else text[: n - 1].rstrip() + "…"
