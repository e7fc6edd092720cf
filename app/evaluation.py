"""Offline evaluation on labelled questions: retrieval recall/MRR now, answer quality later."""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from app.corpus.chunks import Chunk
from app.errors import InvalidInput
from app.retrieval.hybrid import HybridRetriever

CHAR_BUDGET = 1000


@dataclass(frozen=True)
class EvalQuestion:
    id: str
    question: str
    expected_sections: tuple[str, ...]
    expected_programs: tuple[str, ...]
    answerable: bool


def load_questions(path: Path) -> list[EvalQuestion]:
    try:
        rows = [json.loads(line) for line in Path(path).read_text(encoding="utf-8").splitlines() if line.strip()]
        return [
            EvalQuestion(
                r["id"],
                r["question"],
                tuple(r.get("expected_sections", [])),
                tuple(r.get("expected_programs", [])),
                bool(r.get("answerable", True)),
            )
            for r in rows
        ]
    except (OSError, ValueError, KeyError) as e:
        raise InvalidInput(f"{path}: cannot read the questions file ({e})") from e


def is_hit(chunk: Chunk, q: EvalQuestion) -> bool:
    """A chunk counts when its heading path holds an expected section or it is an expected program."""
    return bool(set(chunk.section) & set(q.expected_sections)) or chunk.program_id in q.expected_programs


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


def evaluate_retrieval(retriever: HybridRetriever, questions: list[EvalQuestion], k: int = 5) -> dict[str, Any]:
    """Mean recall@k, MRR and recall within 1,000 characters, hybrid and dense baseline, on answerable questions."""
    answerable = [q for q in questions if q.answerable]
    report: dict[str, Any] = {"questions": len(answerable), "k": k}
    for mode in ("hybrid", "dense"):
        rows = []
        for q in answerable:
            hits = retriever.search(q.question, k=k, mode=mode)  # type: ignore[arg-type]
            rows.append({"id": q.id, **score_ranking([h.chunk for h in hits], q, k)})
        n = max(len(rows), 1)
        report[mode] = {
            f"recall@{k}": round(sum(r["recall"] for r in rows) / n, 3),
            "mrr": round(sum(r["rr"] for r in rows) / n, 3),
            f"recall_within_{CHAR_BUDGET}_chars": round(sum(r["within"] for r in rows) / n, 3),
            "misses": [r["id"] for r in rows if not r["recall"]],
        }
    return report


def _cites_expected(result: Any, q: EvalQuestion) -> bool:
    return any(
        set(c.section) & set(q.expected_sections) or c.program_id in q.expected_programs for c in result.citations
    )


def evaluate_answers(adv: Any, questions: list[EvalQuestion]) -> dict[str, Any]:
    """Answer every question in a fresh conversation; report citation hit rate, abstention and broken citations."""
    from app.answer.citations import check
    from app.answer.pipeline import Conversation

    sources = adv.corpus.verbatim_texts()
    rows = []
    for q in questions:
        result = Conversation(adv).ask(q.question)
        rows.append({
            "id": q.id, "answerable": q.answerable, "abstained": result.abstained,
            "cites_expected": _cites_expected(result, q), "problems": check(result, sources),
        })  # fmt: skip
    answerable = [r for r in rows if r["answerable"]]
    off_topic = [r for r in rows if not r["answerable"]]
    return {
        "questions": len(rows),
        "answerable_citing_expected": round(sum(r["cites_expected"] for r in answerable) / max(len(answerable), 1), 3),
        "answerable_abstained": [r["id"] for r in answerable if r["abstained"]],
        "off_topic_abstained": round(sum(r["abstained"] for r in off_topic) / max(len(off_topic), 1), 3),
        "broken_citations": sum(len(r["problems"]) for r in rows),
        "misses": [r["id"] for r in answerable if not r["cites_expected"]],
        "problems": {r["id"]: r["problems"] for r in rows if r["problems"]},
    }


__all__ = [
    "EvalQuestion",
    "evaluate_answers",
    "evaluate_retrieval",
    "is_hit",
    "load_questions",
    "score_ranking",
]
