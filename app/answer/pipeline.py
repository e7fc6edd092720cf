"""The answer chain: condense a follow-up, route by intent, retrieve, answer — as LangChain runnables.

Both engines share the first three steps (`prepare_chain`); they differ only in the last one.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from langchain_core.runnables import Runnable, RunnableLambda

from app.answer.citations import AnswerResult
from app.answer.engine import AnswerParts, Prepared, StreamEvent
from app.answer.followups import ConversationState, condense, record_turn, update_profile
from app.answer.intent import extract_cost_args, route


def _condense(adv: AnswerParts) -> Runnable[Prepared, Prepared]:
    def step(p: Prepared) -> Prepared:
        p.standalone, p.programs = condense(p.question, p.state, adv.matcher)
        return p

    return RunnableLambda(step, name="condense")


def _route(adv: AnswerParts) -> Runnable[Prepared, Prepared]:
    def step(p: Prepared) -> Prepared:
        follows_cost = p.state.last_intent == "cost"
        p.intent = route(p.standalone, len(p.programs), follows_cost)  # type: ignore[assignment]
        if p.intent == "compare" and len(p.programs) < 2:
            p.intent = "question"
        if p.intent == "cost":
            p.cost_args = merge_cost_args(p, follows_cost)
        return p

    return RunnableLambda(step, name="route")


def merge_cost_args(p: Prepared, follows_cost: bool) -> dict[str, Any]:
    """Profile < the numbers of the last cost turn (for 'what if…' follow-ups) < what this message says."""
    args: dict[str, Any] = dict(p.state.profile.cost_args())
    if follows_cost:
        args.update(p.state.last_cost_args)
    said = extract_cost_args(p.question)
    # A newly stated loan replaces savings-based borrowing, and vice versa.
    if "loan" in said:
        args.pop("savings", None)
    if "savings" in said:
        args.pop("loan", None)
    args.update(said)
    if p.programs:
        args["program_id"] = p.programs[0]
    return args


def _retrieve(adv: AnswerParts) -> Runnable[Prepared, Prepared]:
    def step(p: Prepared) -> Prepared:
        p.hits = adv.retriever.search(p.standalone, k=adv.settings.k)
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

    def _prepare(self, question: str) -> Prepared:
        self.state.profile = update_profile(self.state.profile, question)
        return self._chain.invoke(Prepared(question=question, state=self.state))

    def ask(self, question: str) -> AnswerResult:
        """Answer one turn and record it."""
        prepared = self._prepare(question)
        result = self.adv.engine.respond(prepared)
        self._remember(prepared, result)
        return result

    def stream(self, question: str) -> Iterator[StreamEvent]:
        """Answer one turn as text deltas, then the AnswerResult; the turn is recorded at the end."""
        prepared = self._prepare(question)
        for event in self.adv.engine.stream_respond(prepared):
            if isinstance(event, AnswerResult):
                self._remember(prepared, event)
            yield event

    def _remember(self, prepared: Prepared, result: AnswerResult) -> None:
        record_turn(self.state, prepared.question, result, prepared.cost_args)
