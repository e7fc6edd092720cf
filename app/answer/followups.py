"""Conversation state: the user's profile, the programs and numbers last discussed, and follow-up resolution."""

from __future__ import annotations

import re
from typing import Any

from pydantic import BaseModel, Field

from app.answer.citations import AnswerResult
from app.answer.intent import BARE_COMPARATIVE, COMPARE_CUE, extract_cost_args
from app.answer.numbers import read_numbers
from app.corpus.records import Program
from app.retrieval.names import ProgramMatcher, tokens
from app.tools.compare import cheapest_first, estimate_total


class Profile(BaseModel):
    """Facts the user stated about themselves; cost answers use them."""

    background: str | None = None
    salary: float | None = Field(None, ge=0)
    savings: float | None = Field(None, ge=0)
    pace: str | None = Field(None, description="'full-time' or 'part-time'")
    currency: str | None = Field(None, description="The currency the salary and savings were given in, when said")
    employer_aid: float | None = Field(None, ge=0, description="Tuition their employer pays a year, when said: taken "
                                       "off the tuition in every cost answer and decision, and said so")  # fmt: skip

    def cost_args(self) -> dict[str, Any]:
        out: dict[str, Any] = {}
        if self.salary is not None:
            out["salary_before"] = self.salary
        if self.savings is not None:
            out["savings"] = self.savings
        if self.pace:
            out["part_time"] = self.pace == "part-time"
        if self.employer_aid is not None:
            out["employer_aid_per_year"] = self.employer_aid
        if self.currency and {"salary_before", "savings", "employer_aid_per_year"} & set(out):
            out["currency"] = self.currency
        return out


class Turn(BaseModel):
    """A question and the full result, citations included, so a reloaded conversation keeps its sources."""

    question: str
    result: AnswerResult


class ConversationState(BaseModel):
    """Everything a follow-up may refer to. Plain data: the UI keeps one per browser session."""

    turns: list[Turn] = []
    profile: Profile = Field(default_factory=Profile)
    last_programs: list[str] = []
    last_cost_args: dict[str, Any] = {}
    last_intent: str | None = None
    last_find: dict[str, Any] | None = None  # the last finder query, refined by "only part-time ones"
    last_decision: dict[str, Any] = {}  # the numbers the last decision weighed, for "what if I took 3 years"


_BACKGROUND = re.compile(
    r"\b(?:i (?:studied|majored in|have a (?:degree|bachelor'?s?) in)|my background is(?: in)?|i(?:'m| am) an? )"
    r"\s*([a-z][a-z \-]{2,40}?)(?=[.,;!?]| and | but |$)",
    re.I,
)


def update_profile(profile: Profile, text: str, pace_of_one: bool = False) -> Profile:
    """A copy of the profile with whatever the message states (salary, savings, pace, background). A pace said of one
    program ("UIUC online, or should I quit and do Stanford?") is not the person's pace: `pace_of_one` keeps it out,
    or a later "what if I get $180k after?" had them quit the online program too."""
    args = extract_cost_args(text)
    changes: dict[str, Any] = {}
    if "salary_before" in args:
        changes["salary"] = args["salary_before"]
    if "savings" in args:
        changes["savings"] = args["savings"]
    if "currency" in args or "salary_before" in args:
        changes["currency"] = args.get("currency")  # "I make 90k" after "12 lakhs" is no longer in INR
    if "part_time" in args and not pace_of_one:
        changes["pace"] = "part-time" if args["part_time"] else "full-time"
    if isinstance(aid := read_numbers(text).slots.get("employer_aid"), float):
        changes["employer_aid"] = aid
    m = _BACKGROUND.search(text)
    if m:
        changes["background"] = m.group(1).strip()
    return profile.model_copy(update=changes)


_ORDINALS = {"first": 0, "1st": 0, "second": 1, "2nd": 1, "third": 2, "3rd": 2, "last": -1, "latter": -1, "former": 0}
_REFERENCE = re.compile(
    r"\b(it|its|it's|that one|this one|that program|this program|the program|the degree|there|them|they|both|"
    r"these|those|the (?:\w+[- ])?one)\b",
    re.I,
)


# "Is it worth it?", "make it work": an "it" that points at no program.
_IDIOMS = re.compile(r"\b(?:worth it|is it worth|make it|it depends|is it (?:smart|wise|possible|realistic|true))\b", re.I)


def _words_of(p: Program) -> str:
    return " ".join([p.school, p.name, *p.aliases]).lower()


def referenced_programs(text: str, last: list[str], programs: dict[str, Program]) -> list[str]:
    """Programs a follow-up points at: 'the second one', 'the online one', 'it', 'both'."""
    if not last:
        return []
    # "the top three", "the first two", "the last two": a count of programs, not one program.
    m = re.search(r"\b(?:the )?(top|first|last) (two|three|four|five|\d)\b(?=\s*(?:ones?|programs?|schools?|degrees?)?"
                  r"\s*[?.!]*$)", text, re.I)  # fmt: skip
    if m:
        n = {"two": 2, "three": 3, "four": 4, "five": 5}.get(m.group(2).lower()) or int(m.group(2))
        return list(last[-n:] if m.group(1).lower() == "last" else last[:n])
    m = re.search(r"\bthe (first|1st|second|2nd|third|3rd|last|latter|former)\b", text, re.I)
    if m:
        idx = _ORDINALS[m.group(1).lower()]
        return [last[idx]] if -len(last) <= idx < len(last) else []
    m = re.search(r"\bthe (cheaper|cheapest|less expensive)(?: (?:one|program|degree|of the two|of them))?\b", text, re.I)
    if m:  # by estimated total tuition, as "which is cheaper?" is answered; never across currencies
        priced = {pid: a for pid in last if (a := estimate_total(programs[pid])[0]) is not None}
        order, mixed = cheapest_first(priced, lambda pid: programs[pid].tuition.currency)
        return order[:1] if len(order) >= 2 and not mixed else []
    m = re.search(
        r"\bthe (online|in-person|in person|hybrid|uk|us) (?:one|program|degree)\b", text, re.I
    )
    if m:
        want = m.group(1).lower().replace(" ", "-")
        if want in {"online", "in-person", "hybrid"}:
            found = [pid for pid in last if (programs[pid].modality or "") == want]
        else:
            found = [
                pid
                for pid in last
                if (programs[pid].country or "").lower() in ({"uk", "gb"} if want == "uk" else {"us"})
            ]
        return found[:1] if found else []
    m = re.search(r"\bthe ([A-Za-z&]+) one\b", text)  # "the Berkeley one": a word of its school or name
    if m and (found := [pid for pid in last if m.group(1).lower() in _words_of(programs[pid])]):
        return found[:1]
    # "which one is faster?", "cheaper?": a choice between the programs just discussed is about all of them.
    if re.search(r"\b(both|them|they|these|those)\b|\bwhich one\b", text, re.I) or BARE_COMPARATIVE.fullmatch(text):
        return list(last)
    if _REFERENCE.search(_IDIOMS.sub(" ", text)):
        return last[:1]
    return []


# "forget CMU", "drop Berkeley", "instead of UVA": the programs named after these are taken out, not added.
DROPS = re.compile(r"\b(?:forget(?: about)?|drop|remove|rather than|instead of|never mind)\s+"
                   r"((?:the\s+)?[\w'’&.-]+(?:\s+(?!and\b|or\b|but\b|compare\b)[\w'’&.-]+){0,3})", re.I)  # fmt: skip


def condense(text: str, state: ConversationState, matcher: ProgramMatcher) -> tuple[str, list[str]]:
    """A standalone question and the programs it is about, resolving references against the history."""
    weighing = state.last_intent in ("compare", "decide")  # "drop X" takes X out of a comparison or a decision
    dropped = {pid for m in DROPS.finditer(text) for pid in matcher.mentions(m.group(1))} if weighing else set()
    named = [pid for pid in matcher.mentions(text, in_text_order=True) if pid not in dropped]
    if dropped and not named:  # "drop Berkeley": the programs discussed, less that one
        return text, [pid for pid in state.last_programs if pid not in dropped]
    ref = referenced_programs(text, state.last_programs, {p.id: p for p in matcher.programs})
    if named:
        # "compare it with OMSCS": the reference joins the named programs; otherwise names win. "How does UCL
        # compare?" names one program to compare with something: the programs just discussed.
        compares = bool(COMPARE_CUE.search(text))
        if compares and not ref and len(named) == 1 and not set(named) & set(state.last_programs):
            ref = list(state.last_programs)
        joined = list(dict.fromkeys([*ref, *named])) if ref and compares else named
        return text, joined
    if not ref:
        return text, []
    by_id = {p.id: p for p in matcher.programs}
    names = "; ".join(f"{by_id[pid].name}, {by_id[pid].school}" for pid in ref)
    return f"{text} (about: {names})", ref


def named_by_school(text: str, programs: list[str], matcher: ProgramMatcher) -> list[list[str]]:
    """Groups of programs that a message names only by their school ("Is CMU worth it?": CMU's MSML and MCDS), so
    the answer can say it holds several there. A group whose programs the message tells apart ("CMU MSML vs CMU
    MCDS") is not listed: each was named."""
    by_id = {p.id: p for p in matcher.programs}
    said = set(tokens(text))
    groups: dict[str, list[str]] = {}
    for pid in programs:
        groups.setdefault(by_id[pid].school_name, []).append(pid)
    out = []
    for school, ids in groups.items():
        siblings = [p for p in matcher.programs if p.school_name == school]
        if len(ids) < 2 or len(ids) < len(siblings):
            continue
        words = {p.id: set(tokens(" ".join([p.name, *p.aliases, p.id.replace("-", " ")]))) for p in siblings}
        shared = set.intersection(*words.values()) | set(tokens(school))
        if not any((words[pid] - shared) & said for pid in ids):
            out.append(ids)
    return out


def record_turn(
    state: ConversationState, question: str, result: AnswerResult, cost_args: dict[str, Any] | None,
    find_query: dict[str, Any] | None = None, decision_inputs: dict[str, Any] | None = None,
) -> None:
    """Remember what this turn discussed so the next one can refer to it."""
    state.turns.append(Turn(question=question, result=result))
    if find_query is not None:
        state.last_find = find_query
    if decision_inputs is not None:
        state.last_decision = decision_inputs
    # A decision's programs are exactly what it weighed: none when it weighed the program the person described.
    if result.programs or (result.intent == "decide" and result.decision):
        state.last_programs = list(result.programs)
    if cost_args is not None:
        state.last_cost_args = cost_args
    state.last_intent = result.intent
