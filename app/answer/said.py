"""What the person said, shown back: their numbers in their own words ("salary now 95k, tuition 45k/yr, 2 years of
study"), else in their currency, for cost and decision answers (the wording in prompts/you_said.txt); and a
calculator value as a person reads it. One home for both, used by both engines' cost and decision answers.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from app.answer.numbers import Stated
from app.answer.prompts import render
from app.corpus.text import plural
from app.tools.cost import fmt_money

MONEY_FIELDS = {
    "tuition",
    "tuition_per_year",
    "tuition_per_credit",
    "tuition_total",
    "fees_per_year",
    "salary_after",
    "salary_before",
    "living_per_month",
    "relocation",
    "loan",
    "savings",
    "federal_cap",
    "aggregate_limit",
    "rap_min_payment",
    "rap_dependent_reduction",
}


def show_value(field: str, value: Any, currency: str | None = None) -> str:
    """A value as the user reads it: money in its currency ($ unless said otherwise), % for rates and shares,
    units for durations."""
    if not isinstance(value, float | int):
        return str(value)
    if field in MONEY_FIELDS:
        return fmt_money(value, currency or "USD")
    if field == "savings_share":
        return f"{value:.0%}"
    counted = {"term_years": "year", "years": "year", "grace_period_months": "month", "rap_forgiveness_years": "year"}
    if field in counted:  # '1 year', not '1 years'
        return plural(value, counted[field])
    units = {"apr_percent": "%", "rap_percent_of_agi": "% of AGI"}
    return f"{value:g}{units.get(field, '')}"



_SAID_SLOTS = {"part_time": "keep_working", "employer_aid_per_year": "employer_aid"}  # calculator input -> the slot whose words the person used
_NOT_ECHOED = ("program_id", "part_time", "accrue_in_school", "repayment_plan", "legacy_borrower", "currency")
# Words that already say per what or of what ("45k/yr", "1500 a month", "30 credits", "6%", "2 years").
_HAS_UNIT = re.compile(r"/|%|\bper\b|\ba (?:year|month)\b|\b(?:annual(?:ly)?|yearly|monthly|total|yrs?|mo|years?|months?|"
                       r"credits?|units?|semesters?|quarters?|terms?|dependents?|kids?|children)\b", re.I)
# A duration said as an adjective ("a 2 year masters"): its count and unit, echoed as "2 years".
_ADJECTIVE_SPAN = re.compile(r"^(?:(?:over|in|for)\s+)?(?P<n>\S+)[\s-](?P<unit>year|month|semester|quarter)s?$", re.I)


def _words(slot: str, words: str) -> str:
    """A duration in the person's words as a noun: "2 year" (of "a 2 year masters") → "2 years", "over three years" →
    "three years" (the echo gives its own "repaid over" / "of study")."""
    if (m := _ADJECTIVE_SPAN.match(words) if slot in ("years", "term_years") else None) is None:
        return words
    return f"{m['n']} {m['unit'].lower()}{'' if m['n'].lower() in ('1', 'one', 'a', 'an') else 's'}"


def you_said(args: dict[str, Any], stated: Stated, prompts: Path) -> str:
    """The person's own numbers, echoed back in their words where this message has them ("salary now 95k, tuition
    45k/yr, 2 years of study"), else in the currency they gave them in; one home for "you said" in cost and decision
    answers (the wording in prompts/you_said.txt)."""
    parts = []
    for k, v in ((k, v) for k, v in args.items() if k not in _NOT_ECHOED and v is not None):
        words = stated.said.get(_SAID_SLOTS.get(k, k))
        shown = _words(k, words or (show_value(k, v, args.get("currency")) if isinstance(v, float | int)
                                    and not isinstance(v, bool) else str(v)))  # fmt: skip
        parts.append({"slot": k, "words": shown, "unit": bool(_HAS_UNIT.search(shown))})
    return render(prompts, "you_said", parts=parts) if parts else ""
