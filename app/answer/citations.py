"""Citation bookkeeping: numbers are assigned in code, and every [n] maps to exactly one stored citation."""

from __future__ import annotations

import re
from typing import Any, Literal

from pydantic import BaseModel, Field

Intent = Literal["question", "cost", "compare", "find", "decide", "off-topic"]
# How much of the question our sources answer: all of it, part of it (the answer says which part not), or none.
Coverage = Literal["full", "partial", "none"]
MARKER = re.compile(r"\[(\d+)\]")


class Citation(BaseModel):
    """One numbered source: the chunk it comes from and the exact text that supports the claim."""

    n: int
    id: str
    kind: str
    section: list[str] = []
    program_id: str | None = None
    title: str
    url: str | None = None
    as_of: str | None = None
    quote: str


class ToolCall(BaseModel):
    name: str
    args: dict[str, Any]
    result: Any


class AnswerResult(BaseModel):
    """What every engine returns; stored with the message so citations survive streaming and reloads."""

    answer: str
    citations: list[Citation] = []
    intent: Intent = "question"
    abstained: bool = False  # true exactly when coverage is "none"
    coverage: Coverage = "full"
    coverage_reasons: list[str] = Field(
        default_factory=list, description="The rules that found something not covered (app/answer/coverage.py)."
    )
    tool_calls: list[ToolCall] = []
    notice: str | None = None
    flagged_markers: list[str] = Field(
        default_factory=list, description="Markers stripped because nothing backed them."
    )
    flagged_numbers: list[str] = Field(
        default_factory=list, description="Figures a chat model wrote that no step result or source of the turn holds."
    )
    standalone_question: str = ""
    programs: list[str] = Field(default_factory=list, description="Program ids this turn discussed, for follow-ups.")
    decision: list[dict[str, Any]] = Field(default_factory=list, description="Per program: cost, forgone income, payback.")
    finder: dict[str, Any] | None = Field(None, description="The finder's query and rows, when programs were searched.")


class Ledger:
    """Hands out citation numbers: the same (chunk, quote) always gets the same number within one answer."""

    def __init__(self) -> None:
        self._by_key: dict[tuple[str, str], Citation] = {}

    def cite(self, *, id: str, kind: str, title: str, quote: str, section: list[str] | tuple[str, ...] = (),
             program_id: str | None = None, url: str | None = None, as_of: str | None = None) -> int:  # fmt: skip
        key = (id, quote)
        if key not in self._by_key:
            self._by_key[key] = Citation(
                n=len(self._by_key) + 1, id=id, kind=kind, section=list(section), program_id=program_id,
                title=title, url=url, as_of=as_of, quote=quote,
            )  # fmt: skip
        return self._by_key[key].n

    @property
    def citations(self) -> list[Citation]:
        return sorted(self._by_key.values(), key=lambda c: c.n)


def markers(text: str) -> list[int]:
    """Citation numbers in order of appearance (repeats kept)."""
    return [int(m) for m in MARKER.findall(text)]


def finalize(text: str, citations: list[Citation]) -> tuple[str, list[Citation], list[str]]:
    """Enforce the invariants: strip markers with no citation, drop unused citations, renumber 1..N by first use.

    Returns the new text, the kept citations and the stripped markers (as written, e.g. '[7]').
    """
    by_n = {c.n: c for c in citations}
    stripped: list[str] = []

    def strip(m: re.Match[str]) -> str:
        if int(m.group(1)) in by_n:
            return m.group(0)
        stripped.append(m.group(0))
        return ""

    text = MARKER.sub(strip, text)
    order: dict[int, int] = {}
    for n in markers(text):
        order.setdefault(n, len(order) + 1)
    text = MARKER.sub(lambda m: f"[{order[int(m.group(1))]}]", text)
    kept = [by_n[old].model_copy(update={"n": new}) for old, new in order.items()]
    return re.sub(r"[ \t]+([.,;:])", r"\1", text), kept, stripped


def check(result: AnswerResult, verbatim_sources: list[str]) -> list[str]:
    """Problems with a result's citations; empty means every marker is backed and every quote is verbatim."""
    problems = []
    numbers = {c.n for c in result.citations}
    used = set(markers(result.answer))
    problems += [f"marker [{n}] has no citation" for n in sorted(used - numbers)]
    problems += [f"citation {n} is never used" for n in sorted(numbers - used)]
    for c in result.citations:
        if not any(c.quote in src for src in verbatim_sources):
            problems.append(f"citation {c.n} quote is not verbatim corpus text: {c.quote[:60]!r}")
    return problems
