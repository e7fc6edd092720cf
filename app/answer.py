"""The answer chain: condense a follow-up, route by intent, retrieve, answer — as LangChain runnables.

Both engines share the first three steps (`prepare_chain`); they differ only in the last one.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Protocol

from langchain_core.runnables import Runnable, RunnableLambda

from app.citations import AnswerResult, Intent
from app.conversation import ConversationState, condense, record_turn, update_profile
from app.intent import extract_cost_args, route
from app.retrieval import Hit

if TYPE_CHECKING:
    from app.advisor import Advisor

# What a stream yields: text deltas, then the final AnswerResult.
StreamEvent = str | AnswerResult


@dataclass
class Prepared:
    """One turn after condensing, routing and retrieval: everything the answer step needs."""

    question: str
    state: ConversationState
    standalone: str = ""
    programs: list[str] = field(default_factory=list)
    intent: Intent = "question"
    hits: list[Hit] = field(default_factory=list)
    cost_args: dict[str, Any] | None = None


class AnswerEngine(Protocol):
    """The extension point: the grounded engine and the chat-model engine both implement it."""

    name: str

    def respond(self, prepared: Prepared) -> AnswerResult:
        """Answer a prepared turn."""
        ...

    def stream_respond(self, prepared: Prepared) -> Iterator[StreamEvent]:
        """Answer a prepared turn as text deltas, ending with the AnswerResult."""
        ...


def _condense(adv: Advisor) -> Runnable[Prepared, Prepared]:
    def step(p: Prepared) -> Prepared:
        p.standalone, p.programs = condense(p.question, p.state, adv.matcher)
        return p

    return RunnableLambda(step, name="condense")


def _route(adv: Advisor) -> Runnable[Prepared, Prepared]:
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


def _retrieve(adv: Advisor) -> Runnable[Prepared, Prepared]:
    def step(p: Prepared) -> Prepared:
        p.hits = adv.retriever.search(p.standalone, k=adv.settings.k)
        return p

    return RunnableLambda(step, name="retrieve")


def prepare_chain(adv: Advisor) -> Runnable[Prepared, Prepared]:
    """condense | route | retrieve."""
    return _condense(adv) | _route(adv) | _retrieve(adv)


def build_engine(adv: Advisor) -> AnswerEngine:
    """The grounded engine, wrapped by the chat-model engine when one is configured."""
    from app.grounded import GroundedEngine

    grounded = GroundedEngine(adv)
    model = adv.chat_model
    if model is None and adv.settings.llm:
        from app.llm_engine import load_chat_model

        model = load_chat_model(adv.settings)
    if model is None:
        return grounded
    from app.llm_engine import LLMEngine

    return LLMEngine(adv, model, fallback=grounded)


class Conversation:
    """One user's conversation: runs turns through the chain and remembers what they discussed."""

    def __init__(self, adv: Advisor, state: ConversationState | None = None) -> None:
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
