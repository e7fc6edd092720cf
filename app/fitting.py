"""Fitting on the evaluation's tune half, and nothing else: the precedents retrieval learns from
(models/precedents.json, `fit_precedents`) and the answerability model (models/answerability.json).

Each tune question is observed with its own page held out of the precedents, as a new question would be.

For every tune question the answer pipeline runs up to the coverage judgement: the rules' verdict (no model) and
the signals. The model is fitted on the questions it will decide: routed to a free-form answer, supported, and not
settled by a precise rule. The L2 weight is the one with the best leave-one-out log-loss. With leave-one-out
probabilities on the whole tune half, the thresholds `none_below` and `subject_below` abstain on the most
not-covered questions while abstaining on at most `max_wrong` of the answerable ones (the issue's goal). The
leave-one-out figures are saved with the weights. They are in-tune figures and lean optimistic: the L2 weight and
the thresholds are chosen on the same probabilities, and rules set on the tune half decide some rows; the held-out
splits (`advisor eval answers`) say how it does on new questions.
`scripts/fit.py` runs both, in that order, on a freshly built index; `tests/evals/test_answerability_fit.py` and
`test_precedents_fit.py` check the shipped files are what the current code fits.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from typing import Any

import numpy as np

from app.answer.answerability import AnswerabilityModel, Level, after_model, fit_model, leave_one_out
from app.answer.coverage import PRECISE
from app.evaluation import EvalQuestion
from app.retrieval.precedents import Precedent, Precedents

L2_GRID = (0.3, 1.0, 3.0, 10.0, 30.0)
THRESHOLDS = tuple(round(0.05 * i, 2) for i in range(1, 20))


@dataclass
class Observed:
    """What the judge sees for one question: a fixed level, or the rules' level and the model's signals."""

    answerable: bool
    coverage: str | None
    fixed: Level | None = None
    rules: Level = "full"
    precise: bool = False
    signals: dict[str, float] = field(default_factory=dict)
    likely: float | None = None  # the leave-one-out probability, once fitted

    def level(self, model: AnswerabilityModel) -> Level:
        if self.fixed is not None:
            return self.fixed
        return after_model(self.rules, self.precise, 1.0 if self.likely is None else self.likely, model)[0]


def observe(adv: Any, q: EvalQuestion) -> Observed:
    """Run one question on a first turn up to the coverage judgement (a grounded engine whose judge has no model)."""
    with adv.retriever.holding_out(q.page):  # as a new question: its own label is not among the precedents
        return _observe(adv, q)


def _observe(adv: Any, q: EvalQuestion) -> Observed:
    engine, base = adv.engine, Observed(q.answerable, q.coverage)
    p = adv.conversation().prepare(q.question)
    if p.intent != "question":
        return replace(base, fixed="full")  # a tool or the finder answers: coverage is not judged
    a = engine.assess(p)
    if a.checklist or a.no_subject or not a.supported:
        return replace(base, fixed="full" if a.checklist else "none")
    cov = engine.judge.judge(p.standalone, True, a.match)
    return replace(base, rules=cov.level, precise=any(r in PRECISE for r in cov.reasons),
                   signals=engine.judge.signals(p.standalone, a.match))


def log_loss(ps: Sequence[float], ys: Sequence[bool]) -> float:
    return -sum(math.log(max(1e-9, p if y else 1 - p)) for p, y in zip(ps, ys, strict=True)) / max(1, len(ps))


def fit_answerability(adv: Any, questions: Sequence[EvalQuestion], max_wrong: float = 0.05,
                      progress: Callable[[int, int], None] = lambda i, n: None) -> AnswerabilityModel:  # fmt: skip
    """The model fitted on these (tune) questions, with its leave-one-out figures in `fitted`."""
    if any(q.split != "tune" for q in questions):
        raise ValueError("the answerability model is fitted on the tune half only")
    rows = []
    for i, q in enumerate(questions, 1):
        rows.append(observe(adv, q))
        progress(i, len(questions))
    fit = [r for r in rows if r.signals and not r.precise]
    signals, labels = [r.signals for r in fit], [r.answerable for r in fit]
    losses = {l2: log_loss(leave_one_out(signals, labels, l2), labels) for l2 in L2_GRID}
    l2 = min(losses, key=lambda k: (losses[k], -k))
    for r, p in zip(fit, leave_one_out(signals, labels, l2), strict=True):
        r.likely = p
    answerable, not_covered = [r for r in rows if r.answerable], [r for r in rows if not r.answerable]

    def rates(m: AnswerabilityModel) -> tuple[float, float]:
        def share(group: list[Observed]) -> float:
            return sum(r.level(m) == "none" for r in group) / max(1, len(group))

        return share(answerable), share(not_covered)

    base = fit_model(signals, labels, l2)
    candidates = [replace(base, none_below=nb, subject_below=sb) for nb in THRESHOLDS for sb in THRESHOLDS if sb >= nb]
    scored = [(m, *rates(m)) for m in candidates]  # (model, answerable abstained, not covered abstained)
    allowed = [t for t in scored if t[1] <= max_wrong] or [(base, *rates(base))]
    # Most not-covered abstentions; then fewest wrong ones; then a missing subject word deciding least often.
    model, wrong, right = max(allowed, key=lambda t: (t[2], -t[1], -t[0].subject_below))
    labelled = [r for r in rows if r.coverage]
    return replace(model, fitted={
        "on": f"split tune: {len(fit)} of {len(rows)} questions (the rest are settled by a tool, low support or a "
              "precise rule)",
        "l2": l2, "leave_one_out_log_loss": {str(k): round(v, 4) for k, v in losses.items()},
        "leave_one_out_tune_answerable_abstained": round(wrong, 4),
        "leave_one_out_tune_not_covered_abstained": round(right, 4),
        "leave_one_out_tune_coverage_accuracy": round(
            sum(r.level(model) == r.coverage for r in labelled) / max(1, len(labelled)), 4),
    })  # fmt: skip


def fit_precedents(embedder: Any, questions: Sequence[EvalQuestion]) -> Precedents:
    """The labelled questions retrieval learns from: the tune half's answerable questions with expected passages."""
    if any(q.split != "tune" for q in questions):
        raise ValueError("precedents are taken from the tune half only")
    kept = [q for q in questions if q.answerable and (q.expected_sections or q.expected_programs)]
    entries = tuple(Precedent(q.question, q.page, q.expected_sections, q.expected_programs) for q in kept)
    vectors = np.asarray(embedder.embed_documents([q.question for q in kept]), dtype=np.float32)
    return Precedents(entries, vectors.reshape(len(entries), -1),
                      f"split tune: {len(kept)} answerable questions with expected passages")
