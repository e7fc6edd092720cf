"""Any LangChain chat model as the answer engine: tool calling, a citation check, and a grounded fallback."""

from __future__ import annotations

import json
import queue
import re
import threading
from collections.abc import Callable, Iterator
from typing import Any

from langchain_core.language_models import BaseChatModel
from langchain_core.messages import AIMessage, AIMessageChunk, BaseMessage, HumanMessage, SystemMessage, ToolMessage
from langchain_core.tools import BaseTool, StructuredTool
from pydantic import BaseModel, Field

from app.answer.citations import MARKER, AnswerResult, Citation, Ledger, ToolCall, finalize
from app.answer.engine import AnswerEngine, Prepared, StreamEvent
from app.answer.leads import Facts, framing, plan_facts
from app.answer.prompts import render
from app.answer.scoring import EvidenceSelector, cite_evidence, cite_quote
from app.corpus.chunks import Chunk
from app.corpus.load import Corpus
from app.corpus.text import sentences, where
from app.corpus.units import units_for
from app.errors import AdvisorError
from app.retrieval.hybrid import HybridRetriever
from app.settings import Settings

HISTORY_TURNS = 6
TOOL_RESULT_CHARS = 6000


def load_chat_model(settings: Settings) -> BaseChatModel:
    """`provider:model` from ADVISOR_LLM, e.g. 'ollama:llama3.1' or 'openai:gpt-4o-mini' (honours OPENAI_BASE_URL)."""
    spec = settings.llm or ""
    provider, sep, model = spec.partition(":")
    if not sep or not provider or not model:
        raise AdvisorError(f"ADVISOR_LLM must look like provider:model (e.g. ollama:llama3.1), got {spec!r}")
    from langchain.chat_models import init_chat_model

    try:
        return init_chat_model(model, model_provider=provider)
    except ImportError as e:
        raise AdvisorError(
            f"ADVISOR_LLM={spec}: the provider's package is missing ({e}); pip install langchain-{provider}"
        ) from e
    except ValueError as e:
        raise AdvisorError(f"ADVISOR_LLM={spec}: {e}") from e


class SearchArgs(BaseModel):
    query: str = Field(description="What to look up in the guide and the program data.")
    kind: str | None = Field(None, description="Optional: 'guide', 'program' or 'figure'.")
    program_id: str | None = Field(None, description="Optional: only this program id.")


class Turn:
    """One generation: numbers passages as they are retrieved, so markers can be checked against them."""

    def __init__(self, engine: LLMEngine, p: Prepared) -> None:
        self.engine, self.p = engine, p
        self.passages: dict[int, Chunk] = {}
        self.calls: list[ToolCall] = []
        self.plan: AnswerResult | None = None  # for planned intents: the grounded engine's step results
        self.facts = Facts()  # the leads and notes the answer opens (and closes) with, as the grounded engine's
        self.fact_cites: dict[int, Citation] = {}  # their sources, numbered with the passages: one [n] space
        self._fact_ledger = Ledger()  # resolves a fact's source to its chunk; its numbers map to the turn's:
        self._fact_numbers: dict[int, int] = {}

    def _next_number(self) -> int:
        return len(self.passages) + len(self.fact_cites) + 1

    def number(self, chunk: Chunk) -> int:
        for n, c in self.passages.items():
            if c.id == chunk.id:
                return n
        n = self._next_number()
        self.passages[n] = chunk
        return n

    def cite_fact(self, src: Any, program_id: str | None) -> str:
        """A fact's source (url, as_of, quote), numbered in this turn's [n] space like a passage: " [n]", or "" when
        the quote is in no chunk (the grounded engine then shows the figure uncited too)."""
        k = cite_quote(self._fact_ledger, self.engine.corpus, src.quote, program_id, src.url, src.as_of)
        if k is None:
            return ""
        if k not in self._fact_numbers:
            self._fact_numbers[k] = n = self._next_number()
            self.fact_cites[n] = next(c for c in self._fact_ledger.citations if c.n == k)
        return f" [{self._fact_numbers[k]}]"

    def without_facts(self, text: str) -> str:
        """The model's text less any fact line it copied: the answer already opens with them, once."""
        if not (lines := {line.strip() for line in self.facts.lines() if line.strip()}):
            return text
        return "\n".join(line for line in text.splitlines() if line.strip() not in lines)

    def render(self, chunks: list[Chunk]) -> str:
        out = []
        for c in chunks:
            out.append(f"[{self.number(c)}] ({c.kind}: {where(c.kind, c.section, c.title)})\n{c.text}")
        return "\n\n".join(out) or "(nothing found)"

    def search_tool(self) -> BaseTool:
        retriever = self.engine.retriever

        def search_guide(query: str, kind: str | None = None, program_id: str | None = None) -> str:
            hits = retriever.search(query, kind=kind, program_id=program_id)
            return self.render([h.chunk for h in hits])

        return StructuredTool.from_function(
            search_guide, name="search_guide", args_schema=SearchArgs,
            description="Search the guide and the sourced program data; returns numbered passages to cite as [n].",
        )  # fmt: skip

    def messages(self) -> list[BaseMessage]:
        p, settings = self.p, self.engine.settings
        profile = {k: v for k, v in p.state.profile.model_dump().items() if v is not None}
        system = render(settings.prompts_dir, "system", profile=profile, facts="\n".join(self.facts.lines()),
                        passages=self.render([h.chunk for h in p.hits]))  # fmt: skip
        msgs: list[BaseMessage] = [SystemMessage(system)]
        for t in p.state.turns[-HISTORY_TURNS:]:
            msgs += [HumanMessage(t.question), AIMessage(t.result.answer)]
        return [*msgs, HumanMessage(p.question)]

    def plan_messages(self) -> list[BaseMessage]:
        """The plan's results (decision rows, finder rows) as a tool call and its result, so the model sees them."""
        assert self.plan is not None
        data = {"decision": self.plan.decision, "finder": self.plan.finder}
        call = {"name": "plan_results", "args": {"intent": self.p.intent}, "id": "plan"}
        self.calls.append(ToolCall(name="plan_results", args=call["args"], result=data))
        return [AIMessage(content="", tool_calls=[call]),
                ToolMessage(content=json.dumps(data, default=str)[:TOOL_RESULT_CHARS], tool_call_id="plan")]  # fmt: skip

    def backing(self) -> str:
        """Every text a figure in the answer may come from: the question, the facts, passages, tool and plan results."""
        parts = [self.p.question, *self.facts.lines(), *(c.text for c in self.passages.values())]
        parts += [json.dumps(c.result, default=str) if not isinstance(c.result, str) else c.result for c in self.calls]
        return "\n".join(parts)

    def run_tool(self, call: dict[str, Any], tools: dict[str, BaseTool]) -> ToolMessage:
        tool = tools.get(call["name"])
        try:
            result: Any = tool.invoke(call["args"]) if tool else f"unknown tool {call['name']!r}"
        except Exception as e:  # a bad tool call is the model's problem to fix, not a crash
            result = f"error: {e}"
        self.calls.append(ToolCall(name=call["name"], args=call["args"], result=result))
        content = result if isinstance(result, str) else json.dumps(result, default=str)
        return ToolMessage(content=content[:TOOL_RESULT_CHARS], tool_call_id=call.get("id") or call["name"])


PLANNED = ("decide", "find")  # intents answered from a plan of steps, whose results the model is given
_FIGURE = re.compile(r"\$\s?\d[\d,]*(?:\.\d+)?k?|\b\d+(?:\.\d+)?\s?(?:%|years?|months?)")


def unbacked_numbers(answer: str, backing: str) -> list[str]:
    """Figures in a model's answer ('$196,000', '7.6 years', '8%') that no step result, passage or the question holds."""
    known = {_norm(m.group(0)) for m in re.finditer(r"\d[\d,]*(?:\.\d+)?", backing)}
    out = []
    for m in _FIGURE.finditer(MARKER.sub("", answer)):
        number = _norm(re.search(r"\d[\d,]*(?:\.\d+)?", m.group(0)).group(0))  # type: ignore[union-attr]
        scaled = _norm(str(float(number) * 1000)) if m.group(0).lower().endswith("k") else number
        rounded = not m.group(0).endswith("%") and _rounds_from(number, known)  # a rate is quoted exactly
        if number not in known and scaled not in known and not rounded:
            out.append(m.group(0).strip())
    return list(dict.fromkeys(out))


def _norm(text: str) -> str:
    """'196,000.00' and '196000' → '196000'; '7.60' → '7.6'."""
    value = float(text.replace(",", ""))
    return f"{value:.2f}".rstrip("0").rstrip(".")


def _rounds_from(number: str, known: set[str]) -> bool:
    """A figure the model rounded ('7.6 years' from 7.57) is backed by the one it rounds."""
    value = float(number)
    digits = len(number.split(".")[1]) if "." in number else 0
    return any(round(float(k), digits) == value for k in known if abs(float(k) - value) < 1)


def _text(msg: BaseMessage) -> str:
    if isinstance(msg.content, str):
        return msg.content
    return "".join(part.get("text", "") for part in msg.content if isinstance(part, dict))


class LLMEngine:
    """Generates with a chat model over numbered passages and tools; falls back to the grounded engine."""

    name = "llm"

    def __init__(self, model: BaseChatModel, *, retriever: HybridRetriever, tools: list[BaseTool],
                 fallback: AnswerEngine, selector: EvidenceSelector, corpus: Corpus, settings: Settings) -> None:  # fmt: skip
        self.model, self.retriever, self.tools, self.fallback = model, retriever, tools, fallback
        self.selector, self.corpus, self.settings = selector, corpus, settings

    def _generate(self, p: Prepared, emit: Callable[[str], None]) -> AnswerResult:
        turn = Turn(self, p)
        tools = {t.name: t for t in (turn.search_tool(), *self.tools)}
        bound = self.model.bind_tools(list(tools.values()))
        if p.intent in PLANNED:  # the same step results the grounded engine answers from, as a tool result
            turn.plan = self.fallback.respond(p)
        # The leads and notes the grounded engine would give (app/answer/leads.py), numbered before the passages:
        # the model is told them in its prompt; the answer opens with them, written by code, streamed first.
        turn.facts = plan_facts(p, turn.plan, self.corpus, self.settings.prompts_dir, turn.cite_fact)
        if opening := turn.facts.opening():
            emit(opening + "\n\n")
        messages = turn.messages()
        if turn.plan is not None:
            messages += turn.plan_messages()
        for _ in range(self.settings.llm_max_steps):
            msg: AIMessageChunk | None = None
            for chunk in bound.stream(messages):
                msg = chunk if msg is None else msg + chunk
                if isinstance(chunk.content, str) and chunk.content:
                    emit(chunk.content)
            if msg is None:
                raise AdvisorError("the model returned nothing")
            messages.append(msg)
            if not msg.tool_calls:
                return self.check(p, turn, _text(msg))
            messages += [turn.run_tool(call, tools) for call in msg.tool_calls]
        raise AdvisorError(f"no answer after {self.settings.llm_max_steps} tool rounds")

    def check(self, p: Prepared, turn: Turn, text: str) -> AnswerResult:
        """Open (and close) the model's text with the turn's facts; keep markers that point at passages retrieved
        or facts given in this turn; strip and flag the rest; flag figures that nothing of the turn holds."""
        ledger = Ledger()
        text = turn.without_facts(text).strip()  # a streamed text may end in a space; notes may follow it
        renumbered = {n: ledger.cite(**c.model_dump(exclude={"n"})) for n, c in turn.fact_cites.items()}
        claims = sentences(text)
        for n, chunk in turn.passages.items():
            if f"[{n}]" not in text:
                continue
            claim = next((s for s in claims if f"[{n}]" in s), text)
            _, best = self.selector.select(claim, [chunk])
            units = best or units_for([chunk], self.corpus)
            if units:
                renumbered[n] = cite_evidence(ledger, units[0])
        flagged: list[str] = []

        def renumber(m: re.Match[str]) -> str:  # to the ledger's numbering; a marker backed by nothing is removed
            if int(m.group(1)) in renumbered:
                return f"[{renumbered[int(m.group(1))]}]"
            flagged.append(m.group(0))
            return ""

        text = MARKER.sub(renumber, turn.facts.around(text))
        if p.intent == "question":  # which programs a free-form answer shows is known once its markers are checked
            cited = [c.program_id for c in ledger.citations if c.program_id]
            text = framing(p, p.intent, cited, self.corpus, self.settings.prompts_dir).around(text)
        answer, cites, _ = finalize(text, ledger.citations)
        unbacked = unbacked_numbers(answer, turn.backing())
        programs = list(dict.fromkeys([*p.programs, *(c.program_id for c in cites if c.program_id)]))
        notes = [f"Removed {len(flagged)} citation marker(s) that pointed at nothing retrieved."] if flagged else []
        if unbacked:
            notes.append(f"These figures come from no calculation or source of this turn: {', '.join(unbacked)}.")
        return AnswerResult(
            answer=answer, citations=cites, intent=p.intent, tool_calls=turn.calls, flagged_markers=flagged,
            flagged_numbers=unbacked, standalone_question=p.standalone, programs=programs,
            decision=turn.plan.decision if turn.plan else [], finder=turn.plan.finder if turn.plan else None,
            notice=" ".join(notes) or None,
        )  # fmt: skip

    def _fallback(self, p: Prepared, reason: str) -> AnswerResult:
        result = self.fallback.respond(p)
        model = (
            getattr(self.model, "model", None) or getattr(self.model, "model_name", None) or type(self.model).__name__
        )
        result.notice = render(self.settings.prompts_dir, "fallback_notice", model=model, reason=reason)
        return result

    def respond(self, p: Prepared) -> AnswerResult:
        result: AnswerResult | None = None
        for event in self.stream_respond(p):
            if isinstance(event, AnswerResult):
                result = event
        assert result is not None
        return result

    def stream_respond(self, p: Prepared) -> Iterator[StreamEvent]:
        """Stream the model's text; on an error, a timeout or silence, answer with the grounded engine instead."""
        events: queue.Queue[tuple[str, Any]] = queue.Queue()

        def work() -> None:
            try:
                events.put(("done", self._generate(p, lambda d: events.put(("delta", d)))))
            except Exception as e:  # any model failure: the user still gets an answer
                events.put(("error", f"{type(e).__name__}: {e}".strip()[:200]))

        threading.Thread(target=work, daemon=True, name="llm-answer").start()
        while True:
            try:
                kind, value = events.get(timeout=self.settings.llm_timeout)
            except queue.Empty:
                yield self._fallback(p, f"no reply within {self.settings.llm_timeout:g} s")
                return
            if kind == "delta":
                yield value
            elif kind == "done":
                yield value
                return
            else:
                yield self._fallback(p, value)
                return
