"""The answer chain: condense a follow-up, route by intent, retrieve, answer — as LangChain runnables.

Both engines share the first three steps (`prepare_chain`); they differ only in the last one.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

from langchain_core.runnables import Runnable, RunnableLambda

from app.answer.citations import AnswerResult
from app.answer.decide import pick_weighed
from app.answer.engine import AnswerParts, Prepared, StreamEvent
from app.answer.followups import (
    DROPS,
    ConversationState,
    condense,
    named_by_school,
    record_turn,
    referenced_programs,
    update_profile,
)
from app.answer.intent import FIND_CUE, asks_cost, extract_cost_args, extract_find_query, follow_up_args, route
from app.answer.numbers import read_numbers
from app.answer.numbers_places import rent_of_a_place
from app.retrieval.names import ProgramMatcher
from app.retrieval.wording import formal
from app.tools.cost import OWN_TUITION
from app.tools.decision import STATED


def _condense(adv: AnswerParts) -> Runnable[Prepared, Prepared]:
    def step(p: Prepared) -> Prepared:
        p.standalone, p.programs = condense(p.question, p.state, adv.matcher)
        p.by_school = named_by_school(p.question, p.programs, adv.matcher)
        p.unheld = adv.matcher.unheld_programs(p.question, p.programs)
        return p

    return RunnableLambda(step, name="condense")


def _route(adv: AnswerParts) -> Runnable[Prepared, Prepared]:
    def step(p: Prepared) -> Prepared:
        follows_cost, follows_find = p.state.last_intent == "cost", p.state.last_intent == "find"
        p.intent = route(p.standalone, len(p.programs), follows_cost, follows_find,  # type: ignore[assignment]
                         first_turn=not p.state.turns)
        if p.intent == "question" and p.state.last_intent in ("compare", "decide") and DROPS.search(p.question):
            p.intent = p.state.last_intent  # "drop Berkeley": the same comparison or decision, less that program
        if (p.intent == "question" and follows_find and len(p.programs) > 1
                and set(p.programs) == set(p.state.last_programs) and extract_find_query(p.question)):
            # "any of those online and under 20k?": "those" are the programs just found, so it narrows that search
            # (its filters and these), not a question about twenty programs at once.
            p.intent, p.programs, p.by_school, p.unheld = "find", [], [], []
        if p.intent == "compare" and len(p.programs) < 2:
            p.intent = "question"
        if p.intent == "question" and "employer_aid" in read_numbers(p.question).slots:
            # "my employer pays 5250 a year": the last estimate again, now with it, even after a question in between
            # ("what about Grad PLUS?"); with none yet, an estimate on what they have said.
            last = next((t.result.intent for t in reversed(p.state.turns) if t.result.intent in ("cost", "decide")), None)
            p.intent = last or "cost"
            follows_cost = follows_cost or last == "cost"
        if p.intent == "question" and len(p.programs) == 1 and VERSUS.search(p.question):
            # "UIUC MCS vs Princeton's online ML master's?": one known program against a name we don't hold is weighed
            # as a decision, which says the other name matches nothing.
            p.intent = "decide"
        # A new estimate asked of a program not weighed ("What would Edinburgh's MSc AI cost me?") is a cost question,
        # not a follow-up of the decision before it.
        new_estimate = p.intent == "cost" and asks_cost(p.question) and not set(p.programs) <= set(p.state.last_programs)
        if p.intent in ("question", "cost") and p.state.last_intent == "decide" and not new_estimate and (
            (p.programs and CONTINUES.search(p.question)) or WHAT_IF.search(p.question) or extract_cost_args(p.question)
        ):
            p.intent = "decide"  # "and the online one?", "what if I stayed part-time?", "I'm at 90k, by the way"
        if p.intent == "cost":
            p.cost_args = merge_cost_args(p, follows_cost, adv.matcher)
        elif p.intent == "find":
            refine = follows_find and not FIND_CUE.search(p.question)
            p.find_query = {**((p.state.last_find or {}) if refine else {}), **extract_find_query(p.question)}
        elif p.intent == "decide":
            p.decision_inputs = decision_inputs(p, adv.matcher)
            p.find_query = extract_find_query(p.question)  # "no CS degree", "online": used to pick candidates
            # "and if I kept my job for OMSCS?" keeps the others weighed beside it; "OMSCS instead" replaces them.
            narrows = (set(p.programs) <= set(p.state.last_programs) and "part_time" in extract_cost_args(p.question)
                       and not INSTEAD.search(p.question))  # fmt: skip
            if p.state.last_intent == "decide" and (not p.programs or ALSO.search(p.question) or narrows):
                p.programs = list(dict.fromkeys([*p.state.last_programs, *p.programs]))  # "what about OMSCS too?"
        return p

    return RunnableLambda(step, name="route")


# A turn that carries on the last one ("and the online one?", "what about OMSCS too?"), not a new question.
CONTINUES = re.compile(r"^\W*(?:and|what about|how about|what if|ok(?:ay)?|so|but|also|ok what about)\b|\b(?:too|also|"
                       r"as well|instead|specifically|the \w+ one)\b", re.I)  # fmt: skip
VERSUS = re.compile(r"\bvs\.?(?=\s)|\bversus\b", re.I)
CLAUSE = re.compile(r"\bvs\.?\b|\bversus\b|\bor\b|[,;—]", re.I)
THAT_ONE = re.compile(r"\b(?:that one|this one|for it|that program|that)\b", re.I)
INSTEAD = re.compile(r"\binstead\b", re.I)
ALSO = re.compile(r"\b(?:too|also|as well|and also)\b", re.I)
WHAT_IF = re.compile(r"\b(?:what if|instead|stayed|kept|keep working|quit|part[- ]time|full[- ]time)\b", re.I)


def keep_working_per_program(question: str, matcher: ProgramMatcher) -> dict[str, bool]:
    """'UW part-time while working vs all in on NYU', 'what about OMSCS too, if I kept working for that one?':
    a keep-working or quitting statement in the same clause as a program (or pointing at the one program the
    message names) is about that program only."""
    clauses = [c for c in CLAUSE.split(question) if c.strip()]
    named = matcher.mentions(question)
    out: dict[str, bool] = {}
    for clause in clauses:
        flag = read_numbers(clause).slots.get("keep_working")
        if not isinstance(flag, bool):
            continue
        ids = matcher.mentions(clause) or (named if len(named) == 1 and THAT_ONE.search(clause) else [])
        out |= dict.fromkeys(ids, flag)
    return out


def decision_inputs(p: Prepared, matcher: ProgramMatcher) -> dict[str, Any]:
    """The person's numbers for a decision: the profile, then what this message says (the message wins)."""
    said = extract_cost_args(p.question)
    for_program = keep_working_per_program(p.question, matcher)
    # "and the in-person one if I quit? rent is 1500 a month", after weighing it with others: said of that one only.
    last_programs = set(p.state.last_programs) if p.state.last_intent == "decide" else set()
    of_some = set(p.programs) < last_programs and not for_program
    if of_some and "part_time" in said:
        for_program = dict.fromkeys(p.programs, said["part_time"])
    if for_program:
        said.pop("part_time", None)  # it was said of one program, not of all
    living_for = dict.fromkeys(p.programs, said.pop("living_per_month")) if of_some and "living_per_month" in said else {}
    if place := rent_of_a_place(p.question):
        # Rent in the city they'd move to is the living cost of the one in-person program weighed (where each program
        # is, we don't hold); their rent now is no cost of any degree, so no rent goes to every program.
        said.pop("living_per_month", None)
        in_person = [x.id for x in matcher.programs if x.id in p.programs and x.modality == "in-person"]
        living_for |= dict.fromkeys(in_person, place.value) if len(in_person) == 1 else {}
    profile = p.state.profile
    # A follow-up of a decision keeps the numbers it weighed ("what if I took 3 years" keeps their 45k/yr), though a
    # tuition, and a length said of the programs weighed, are not carried to other programs the follow-up names: "what
    # if I took 3 years" of CMU had made Edinburgh's one-year MSc three years of salary given up.
    last = p.state.last_decision if p.state.last_intent == "decide" else {}
    theirs = (*OWN_TUITION, *(() if set(p.programs) <= set(p.state.last_programs) else ("years",)))
    carried = {k: v for k, v in last.items() if k in (*STATED, "years", "living_for")
               and not (p.programs and k in theirs)}  # fmt: skip
    out: dict[str, Any] = carried | {"salary_before": profile.salary, "savings": profile.savings,
                                     "currency": profile.currency, "employer_aid_per_year": profile.employer_aid}  # fmt: skip
    per_program = len(p.programs) > 1 and "part_time" in said and p.state.last_intent != "decide"
    if profile.pace and not per_program and not for_program:  # a pace said of one program is not everyone's
        out["keep_working"] = profile.pace == "part-time"
    out = _paying_as_said(out, said) | {k: said[k] for k in (*STATED, "years") if k in said}
    if len(p.programs) > 1:  # a tuition said with several programs named is no one program's: never applied to all
        out = {k: v for k, v in out.items() if k not in OWN_TUITION}
    if "role" in said:
        out["target_role"] = said["role"]
    # One program, or a follow-up: "I'd keep working" / "quit" applies. With two programs named at once the choice
    # is per program ("UIUC online, or quit for CMU"), so each keeps its own assumption.
    if "part_time" in said and (len(p.programs) <= 1 or p.state.last_intent == "decide"):
        out["keep_working"] = said["part_time"]
    # "what about OMSCS instead if I keep my job?", then "what if it took me 3 years": the job kept for that program
    # stays kept (the profile's pace was not changed by it), unless this message says keep working or quit for all.
    kept_for = {} if "part_time" in said else last.get("keep_working_for", {})
    out["keep_working_for"] = kept_for | for_program
    out["living_for"] = {**out.get("living_for", {}), **living_for}
    return {k: v for k, v in out.items() if v is not None}


_PAYING = {"loan", "savings", "savings_share"}


def _paying_as_said(earlier: dict[str, Any], said: dict[str, Any]) -> dict[str, Any]:
    """The earlier numbers less their way of paying, when this message states another (a loan, savings, a share)."""
    return {k: v for k, v in earlier.items() if not (_PAYING & set(said) and k in _PAYING - set(said))}


def merge_cost_args(p: Prepared, follows_cost: bool, matcher: ProgramMatcher) -> dict[str, Any]:
    """Profile < the numbers of the last cost turn (for 'what if…' follow-ups) < what this message says."""
    args: dict[str, Any] = dict(p.state.profile.cost_args())
    if follows_cost:
        args.update(p.state.last_cost_args)
    said = extract_cost_args(p.question)
    if follows_cost:
        said.update(follow_up_args(p.question))
    args = _paying_as_said(args, said) | said
    if p.programs:  # one estimate: of a school named with several programs, its first with a priced tuition
        args["program_id"] = pick_weighed(p.programs, p.by_school, {x.id: x for x in matcher.programs}.__getitem__, 1)[0]
    return args


def _retrieve(adv: AnswerParts) -> Runnable[Prepared, Prepared]:
    def step(p: Prepared) -> Prepared:
        # Routed on the person's words; retrieved, scored and judged in the corpus's ("math" is "mathematics").
        p.standalone = formal(p.standalone)
        p.hits = adv.retriever.search(p.standalone, k=adv.settings.answer_k)
        return p

    return RunnableLambda(step, name="retrieve")


def prepare_chain(adv: AnswerParts) -> Runnable[Prepared, Prepared]:
    """condense | route | retrieve."""
    return _condense(adv) | _route(adv) | _retrieve(adv)


class Conversation:
    """One user's conversation: runs turns through the chain and remembers what they discussed."""

    def __init__(self, adv: AnswerParts, state: ConversationState | None = None) -> None:
        self.adv = adv
        self.state = state or ConversationState()
        self._chain = prepare_chain(adv)

    def prepare(self, question: str) -> Prepared:
        """Condense, route and retrieve one turn, without answering it (the evaluation and fitting use it too)."""
        question = self.adv.speller.correct(question)  # "is omscs worht it?": every step reads "worth"
        # A pace said of one program, by name or as "the in-person one" of those just weighed, is not the person's.
        last = self.state.last_programs
        some = referenced_programs(question, last, {p.id: p for p in self.adv.matcher.programs})
        of_one = bool(keep_working_per_program(question, self.adv.matcher)) or 0 < len(some) < len(last)
        self.state.profile = update_profile(self.state.profile, question, pace_of_one=of_one)
        return self._chain.invoke(Prepared(question=question, state=self.state))

    def ask(self, question: str) -> AnswerResult:
        """Answer one turn and record it."""
        prepared = self.prepare(question)
        result = self.adv.engine.respond(prepared)
        self._remember(prepared, result)
        return result

    def stream(self, question: str) -> Iterator[StreamEvent]:
        """Answer one turn as text deltas, then the AnswerResult; the turn is recorded at the end."""
        prepared = self.prepare(question)
        for event in self.adv.engine.stream_respond(prepared):
            if isinstance(event, AnswerResult):
                self._remember(prepared, event)
            yield event

    def _remember(self, prepared: Prepared, result: AnswerResult) -> None:
        record_turn(self.state, prepared.question, result, prepared.cost_args, prepared.find_query,
                    prepared.decision_inputs)  # fmt: skip
