"""Route a standalone question (question / cost / compare) and read the numbers a cost question gives.

Rule-based on purpose: the default engine must run offline and explain itself; off-topic is decided later,
by retrieval support, because only the corpus knows what it covers.
"""

from __future__ import annotations

import re
from typing import Any

from app.corpus.text import parse_amount

_NUM = r"\$?\s?(\d{1,3}(?:,\d{3})+|\d+(?:\.\d+)?)\s?(k|K|thousand)?"

COMPARE_CUE = re.compile(
    r"\b(compare|comparison|versus|vs\.?|side[- ]by[- ]side|differences? between|which (?:one |of (?:them|these|those) )?is (?:cheaper|better|shorter|longer))\b",
    re.I,
)
# Cues that ask for a calculation on their own, and cues that do only when numbers come with them.
_COST_STRONG = re.compile(
    r"\b(monthly payments?|afford|break[- ]?even|pay (?:it |them )?(?:off|back)|total cost|cost of attendance|roi|"
    r"return on investment|forgone income|what if|calculate|estimate|how much would i (?:owe|pay)|cost me|"
    r"(?:would|will) (?:it|this|that|the \w+(?: \w+)?) cost)\b",
    re.I,
)
_COST_WEAK = re.compile(r"\b(loans?|borrow\w*|apr|interest|debt|savings?|salary|cost)\b", re.I)

# (argument, pattern): the first number after the cue word(s) is the value.
_ARGS: list[tuple[str, re.Pattern[str]]] = [
    ("loan", re.compile(_NUM + r"\s+(?:in\s+)?(?:loans?|debt)\b", re.I)),
    ("loan", re.compile(r"(?:loan|borrow(?:ed|ing)?|principal)\D{0,25}?" + _NUM + r"(?!\s?%|\d)", re.I)),
    ("apr_percent", re.compile(r"(\d+(?:\.\d+)?)\s?%", re.I)),
    ("term_years", re.compile(r"(?:over|term of|repay(?:ing)? (?:over|in))\s+(\d+(?:\.\d+)?)\s*years?", re.I)),
    ("term_years", re.compile(r"(\d+)[- ]year (?:term|repayment|loan)", re.I)),
    (
        "salary_before",
        re.compile(
            r"(?:i (?:make|earn)|i'm making|i am making|my (?:current )?salary is|currently (?:make|earn)|salary of)\D{0,10}?"
            + _NUM,
            re.I,
        ),
    ),
    (
        "salary_after",
        re.compile(
            r"(?:after (?:the degree|graduating|graduation)|expect(?:ed)? (?:to (?:make|earn))?|new salary)\D{0,25}?"
            + _NUM,
            re.I,
        ),
    ),
    ("savings", re.compile(r"(?:have|got|with)\s+" + _NUM + r"\s+(?:saved|in savings|of savings)", re.I)),
    ("savings", re.compile(r"savings (?:of|are|is)\D{0,5}?" + _NUM, re.I)),
    ("living_per_month", re.compile(_NUM + r"\s*(?:a|per|/)\s*month", re.I)),
    ("relocation", re.compile(r"(?:relocation|moving|move)\D{0,20}?" + _NUM, re.I)),
    ("tuition_per_year", re.compile(r"tuition\D{0,15}?" + _NUM + r"\s*(?:a|per|/)\s*year", re.I)),
    ("tuition_total", re.compile(r"tuition\D{0,15}?" + _NUM + r"(?!\s*(?:a|per|/)\s*(?:year|credit))", re.I)),
    (
        "years",
        re.compile(r"(?:study(?:ing)?|program|degree) (?:for|of|takes?|lasting)\s+(\d+(?:\.\d+)?)\s*years?", re.I),
    ),
]
_ROLES = {
    "machine_learning_engineer": r"\b(?:ml|machine learning) engineer",
    "data_scientist": r"\bdata scientist",
    "data_engineer": r"\bdata engineer",
    "software_engineer": r"\bsoftware engineer",
}


def extract_cost_args(text: str) -> dict[str, Any]:
    """Cost-calculator arguments stated in a message, e.g. 'a $40k loan at 6.5%' -> {loan: 40000, apr_percent: 6.5}."""
    out: dict[str, Any] = {}
    for name, pattern in _ARGS:
        if name in out:
            continue
        m = pattern.search(text)
        if m:
            groups = [g for g in m.groups()]
            out[name] = float(groups[0]) if len(groups) == 1 else parse_amount(groups[0] + (groups[1] or ""))
    if "tuition_per_year" in out:
        out.pop("tuition_total", None)
    for role, pattern in _ROLES.items():
        if re.search(pattern + r"\b", text, re.I) and re.search(
            r"\b(?:as an?|become|work(?:ing)? as|salary|role)\b", text, re.I
        ):
            out["role"] = role
            break
    if re.search(r"\baccru\w*|interest (?:while|during) (?:in )?school|in-school interest", text, re.I):
        out["accrue_in_school"] = True
    if re.search(r"\bpart[- ]time\b|keep (?:my job|working)|while working", text, re.I):
        out["part_time"] = True
    elif re.search(r"\bfull[- ]time\b|quit (?:my )?job", text, re.I):
        out["part_time"] = False
    return out


def route(text: str, n_programs: int, follows_cost: bool = False) -> str:
    """'compare' for two or more programs with a comparison cue, 'cost' for calculator cues, else 'question'."""
    if n_programs >= 2 and COMPARE_CUE.search(text):
        return "compare"
    money_args = set(extract_cost_args(text)) - {"role", "part_time"}
    if _COST_STRONG.search(text):
        return "cost"
    if money_args and (_COST_WEAK.search(text) or follows_cost):
        return "cost"
    return "question"
