"""The engine contract: what an answer engine receives and returns. Both engines implement it.

This module imports only data modules, so the pipeline, the engines and the composition root can all depend on it
without depending on each other.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any, Protocol

from app.answer.citations import AnswerResult, Intent
from app.answer.followups import ConversationState
from app.retrieval.hybrid import Hit, HybridRetriever
from app.retrieval.names import ProgramMatcher, UnheldProgram
from app.retrieval.wording import Speller
from app.settings import Settings

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
    find_query: dict[str, Any] | None = None  # finder filters, for 'find'
    decision_inputs: dict[str, Any] | None = None  # the person's numbers, for 'decide'
    by_school: list[list[str]] = field(default_factory=list)  # programs named only by their school ("CMU": two)
    # Degrees named at a school we hold that none of its programs is ("Oxford MSc in Machine Learning")
    unheld: list[UnheldProgram] = field(default_factory=list)


class AnswerEngine(Protocol):
    """The extension point: the grounded engine and the chat-model engine both implement it."""

    name: str

    def respond(self, prepared: Prepared) -> AnswerResult:
        """Answer a prepared turn.

        Args:
            prepared: the turn after condensing, routing and retrieval.

        Returns:
            The answer with its citations (every `[n]` backed), intent and tool calls.
        """
        ...

    def stream_respond(self, prepared: Prepared) -> Iterator[StreamEvent]:
        """Answer a prepared turn as text deltas.

        Args:
            prepared: the turn after condensing, routing and retrieval.

        Returns:
            An iterator of text deltas that ends with the final AnswerResult.
        """
        ...


class AnswerParts(Protocol):
    """What a conversation runs on; the composition root (`app.wiring.Advisor`) provides it."""

    settings: Settings
    matcher: ProgramMatcher
    retriever: HybridRetriever
    speller: Speller

    @property
    def engine(self) -> AnswerEngine:
        """The engine that answers prepared turns."""
        ...
