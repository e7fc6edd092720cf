"""Offline evaluation on labelled questions: retrieval (recall@5, MRR, recall within 1,000 characters, against plain
dense retrieval) and answers (citing an expected source, coverage, abstention, broken citations, filler cited).

Questions carry a `split`: "tune" (what thresholds may be fitted to) and "test" (reported, never tuned on).
Every figure is reported per split so both halves are seen side by side.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeVar

from app.answer.citations import AnswerResult, check
from app.corpus.chunks import Chunk
from app.corpus.units import filler_reason
from app.errors import InvalidInput
from app.retrieval.asked import asks_for_questions
from app.retrieval.hybrid import HybridRetriever
from app.retrieval.precedents import answers

CHAR_BUDGET = 1000
_Row = TypeVar("_Row", "EvalQuestion", "NumberRow")


@dataclass(frozen=True)
class EvalQuestion:
    id: str
    question: str
    expected_sections: tuple[str, ...]
    expected_programs: tuple[str, ...]
    answerable: bool
    split: str = "tune"
    coverage: str | None = None  # "full" | "partial" | "none" where labelled
    source_url: str | None = None  # where it was asked: questions from one page are held out together

    @property
    def page(self) -> str:
        """The unit held out together: its page, or the question alone when it has none (the dev questions)."""
        return self.source_url or self.id


def load_questions(path: Path) -> list[EvalQuestion]:
    try:
        rows = [json.loads(line) for line in Path(path).read_text(encoding="utf-8").splitlines() if line.strip()]
        return [
            EvalQuestion(
                r["id"], r["question"], tuple(r.get("expected_sections", [])), tuple(r.get("expected_programs", [])),
                bool(r.get("answerable", True)), r.get("split", "tune"), r.get("coverage"), r.get("source_url"),
            )
            for r in rows
        ]
    except (OSError, ValueError, KeyError) as e:
        raise InvalidInput(f"{path}: cannot read the questions file ({e})") from e


def by_split(rows: Iterable[_Row]) -> dict[str, list[_Row]]:
    """Labelled rows (questions or number phrasings) grouped by split, 'tune' first."""
    out: dict[str, list[_Row]] = {}
    for row in sorted(rows, key=lambda r: r.split != "tune"):
        out.setdefault(row.split, []).append(row)
    return out


def _expected(section: Sequence[str], kind: str, program_id: str | None, q: EvalQuestion) -> bool:
    """Whether a chunk or citation with this heading path, kind and program is one the question expects."""
    return answers(section, kind, program_id, q.expected_sections, q.expected_programs)


def is_hit(chunk: Chunk, q: EvalQuestion) -> bool:
    """A chunk counts when its heading path holds an expected section or it is an expected program."""
    return _expected(chunk.section, chunk.kind, chunk.program_id, q)


def score_ranking(chunks: list[Chunk], q: EvalQuestion, k: int = 5, budget: int = CHAR_BUDGET) -> dict[str, float]:
    """recall@k, reciprocal rank and 'hit within the first `budget` characters' for one ranking."""
    first = next((i for i, c in enumerate(chunks[:k]) if is_hit(c, q)), None)
    offset, within = 0, 0.0
    for c in chunks[:k]:
        if offset >= budget:
            break
        if is_hit(c, q):
            within = 1.0
            break
        offset += len(c.text)
    return {"recall": float(first is not None), "rr": 0.0 if first is None else 1.0 / (first + 1), "within": within}


def _mean(values: list[float]) -> float:
    return round(sum(values) / len(values), 3) if values else 0.0


def wilson(values: list[float], z: float = 1.96) -> tuple[float, float]:
    """The 95% Wilson score interval of a rate of yes/no outcomes: with 60 questions a rate of 0.67 could be anywhere
    from about 0.54 to 0.78, and a figure is read with that in mind."""
    n = len(values)
    if not n:
        return (0.0, 0.0)
    p = sum(values) / n
    centre, half = (p + z * z / (2 * n)) / (1 + z * z / n), z * ((p * (1 - p) + z * z / (4 * n)) / n) ** 0.5 / (1 + z * z / n)
    return (round(max(0.0, centre - half), 3), round(min(1.0, centre + half), 3))


def _retrieval_split(retriever: HybridRetriever, questions: list[EvalQuestion], k: int) -> dict[str, Any]:
    answerable = [q for q in questions if q.answerable and (q.expected_sections or q.expected_programs)]
    report: dict[str, Any] = {"questions": len(answerable), "k": k}
    for mode in ("hybrid", "dense"):
        rows = []
        for q in answerable:
            with retriever.holding_out(q.page):
                hits = retriever.search(q.question, k=k, mode=mode)  # type: ignore[arg-type]
            rows.append({"id": q.id, **score_ranking([h.chunk for h in hits], q, k)})
        report[mode] = {
            f"recall@{k}": _mean([r["recall"] for r in rows]),
            f"recall@{k}_ci95": wilson([r["recall"] for r in rows]),
            "mrr": _mean([r["rr"] for r in rows]),
            f"recall_within_{CHAR_BUDGET}_chars": _mean([r["within"] for r in rows]),
            "misses": [r["id"] for r in rows if not r["recall"]],
        }
    return report


def evaluate_retrieval(retriever: HybridRetriever, questions: list[EvalQuestion], k: int = 5) -> dict[str, Any]:
    """Per split: mean recall@k, MRR and recall within 1,000 characters, hybrid and dense, on answerable questions."""
    return {split: _retrieval_split(retriever, qs, k) for split, qs in by_split(questions).items()}


def _cites_expected(result: AnswerResult, q: EvalQuestion) -> bool:
    return any(_expected(c.section, c.kind, c.program_id, q) for c in result.citations)


def _filler_cited(question: str, result: AnswerResult) -> int:
    """Filler sentences cited; the guide's own questions count unless the person asked which questions to ask."""
    exempt = {"a question"} if asks_for_questions(question) else set()
    return sum(1 for c in result.citations if c.kind == "guide" and filler_reason(c.quote) not in (None, *exempt))


def _count_reasons(rows: Iterable[dict[str, Any]]) -> dict[str, int]:
    counts: dict[str, int] = {}
    for row in rows:
        for reason in row["reasons"] or ["(none given)"]:
            counts[reason] = counts.get(reason, 0) + 1
    return dict(sorted(counts.items(), key=lambda kv: -kv[1]))


def _answers_split(ask: Callable[[EvalQuestion], AnswerResult], questions: list[EvalQuestion],
                   sources: list[str]) -> dict:  # fmt: skip
    rows = []
    for q in questions:
        r = ask(q)
        rows.append({
            "id": q.id, "answerable": q.answerable, "abstained": r.abstained, "cites_expected": _cites_expected(r, q),
            "problems": check(r, sources), "filler": _filler_cited(q.question, r), "coverage": r.coverage,
            "coverage_ok": q.coverage is None or r.coverage == q.coverage, "reasons": r.coverage_reasons,
        })  # fmt: skip
    answerable = [r for r in rows if r["answerable"]]
    not_covered = [r for r in rows if not r["answerable"]]
    return {
        "questions": len(rows),
        "answerable": len(answerable),
        "answerable_citing_expected": _mean([r["cites_expected"] for r in answerable]),
        "answerable_citing_expected_ci95": wilson([r["cites_expected"] for r in answerable]),
        "answerable_abstained": _mean([r["abstained"] for r in answerable]),
        "answerable_abstained_ci95": wilson([r["abstained"] for r in answerable]),
        "not_covered": len(not_covered),
        "not_covered_abstained": _mean([r["abstained"] for r in not_covered]),
        "not_covered_abstained_ci95": wilson([r["abstained"] for r in not_covered]),
        "coverage_accuracy": _mean([r["coverage_ok"] for r in rows]),
        "broken_citations": sum(len(r["problems"]) for r in rows),
        "filler_cited": sum(r["filler"] for r in rows),
        "misses": [r["id"] for r in answerable if not r["cites_expected"]],
        "wrongly_abstained": [r["id"] for r in answerable if r["abstained"]],
        # Which rule made each abstention: where wrong ones come from, without reading the questions.
        "wrongly_abstained_by": _count_reasons(r for r in answerable if r["abstained"]),
        "rightly_abstained_by": _count_reasons(r for r in not_covered if r["abstained"]),
        "answered_not_covered": [r["id"] for r in not_covered if not r["abstained"]],
        "problems": {r["id"]: r["problems"] for r in rows if r["problems"]},
    }


def evaluate_answers(adv: Any, questions: list[EvalQuestion]) -> dict[str, Any]:
    """Answer every question in a fresh conversation, its page held out of the precedents; per split: citation hit
    rate, coverage, abstention, broken citations and filler sentences cited."""
    sources = adv.corpus.verbatim_texts()

    def ask(q: EvalQuestion) -> AnswerResult:
        with adv.retriever.holding_out(q.page):  # never with its own label, or its thread's, among the precedents
            return adv.conversation().ask(q.question)  # type: ignore[no-any-return]

    return {split: _answers_split(ask, qs, sources) for split, qs in by_split(questions).items()}


# ---------------------------------------------------------------- the number reader on labelled phrasings


@dataclass(frozen=True)
class NumberRow:
    """A person's sentence with the slots a careful reader fills and the numbers that must stay unassigned."""

    id: str
    text: str
    slots: dict[str, float | bool]
    unassigned: tuple[float, ...]
    split: str = "tune"


def load_number_rows(path: Path) -> list[NumberRow]:
    try:
        rows = [json.loads(line) for line in Path(path).read_text(encoding="utf-8").splitlines() if line.strip()]
        return [NumberRow(r["id"], r["text"], dict(r["slots"]), tuple(r.get("unassigned", [])), r.get("split", "tune"))
                for r in rows]  # fmt: skip
    except (OSError, ValueError, KeyError, TypeError) as e:
        raise InvalidInput(f"{path}: cannot read the phrasings file ({e})") from e


def _same(a: float | bool, b: float | bool) -> bool:
    if isinstance(a, bool) or isinstance(b, bool):
        return a is b
    return abs(float(a) - float(b)) <= 1e-6 * max(1.0, abs(float(b)))


def _numbers_split(read: Callable[[str], dict[str, float | bool]], rows: list[NumberRow]) -> dict[str, Any]:
    placed = expected = right = guessed = 0
    exact, wrong_rows = [], []
    for row in rows:
        got = read(row.text)
        ok = [s for s, v in got.items() if s in row.slots and _same(v, row.slots[s])]
        # A guess: a number the label keeps unassigned (an age, someone else's salary) put into a slot it is not.
        guesses = [s for s, v in got.items() if not isinstance(v, bool) and s not in ok
                   and any(_same(v, u) for u in row.unassigned)]  # fmt: skip
        placed, expected, right, guessed = placed + len(got), expected + len(row.slots), right + len(ok), guessed + len(guesses)
        good = len(ok) == len(got) == len(row.slots)
        exact.append(float(good))
        if not good:
            wrong_rows.append(row.id)
    return {
        "rows": len(rows),
        "rows_read_exactly": _mean(exact),
        "rows_read_exactly_ci95": wilson(exact),
        "slot_precision": round(right / placed, 3) if placed else 1.0,
        "slot_recall": round(right / expected, 3) if expected else 1.0,
        "numbers_guessed_into_a_slot": guessed,
        "wrong_rows": wrong_rows,
    }


def evaluate_numbers(read: Callable[[str], dict[str, float | bool]], rows: list[NumberRow]) -> dict[str, Any]:
    """Per split: share of phrasings read exactly (every slot and value, nothing more), slot precision and recall,
    and how many numbers that must stay unassigned were put into a slot."""
    return {split: _numbers_split(read, rs) for split, rs in by_split(rows).items()}
