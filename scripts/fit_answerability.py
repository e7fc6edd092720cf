"""Fit the answerability model (models/answerability.json) on the evaluation's tune half, and nothing else.

For every tune question this runs the answer pipeline up to the coverage judgement: the rules' verdict (no model)
and the signals. The model is fitted on the questions it will decide: routed to a free-form answer, supported, and
not settled by a precise rule. The L2 weight is the one with the best leave-one-out log-loss. With leave-one-out
probabilities on the whole tune half, the thresholds `none_below` and `subject_below` abstain on the most
not-covered questions while abstaining on at most `--max-wrong` of the answerable ones. The leave-one-out figures
are saved with the weights.

usage: python scripts/fit_answerability.py [--questions tests/evals/data/questions.jsonl] [--out models/answerability.json]
"""

from __future__ import annotations

import argparse
import math
import sys
from dataclasses import replace
from datetime import date
from pathlib import Path

from app.answer.answerability import AnswerabilityModel, after_model, fit_model, leave_one_out, save_model
from app.answer.compose import asks_for_questions
from app.answer.coverage import PRECISE, Match
from app.evaluation import load_questions
from app.settings import get_settings
from app.wiring import build_advisor

L2_GRID = (0.3, 1.0, 3.0, 10.0, 30.0)
THRESHOLDS = tuple(round(0.05 * i, 2) for i in range(1, 20))


def observe(adv, question: str) -> dict:  # type: ignore[no-untyped-def]
    """What the judge sees for one question on a first turn: fixed outcome, or the rules' level and signals."""
    engine = adv.engine
    p = adv.conversation().prepare(question)
    if p.intent != "question" or asks_for_questions(p.standalone):
        return {"fixed": "full"}  # a tool, the finder or the checklist answers: coverage is not judged
    support, chosen = engine.selector.select(p.standalone, [h.chunk for h in p.hits], p.programs)
    if not (support >= adv.settings.abstain_threshold and chosen):
        return {"fixed": "none"}
    rules = engine.judge
    cov = rules.judge(p.standalone, True)
    return {"rules": cov.level, "precise": any(r in PRECISE for r in cov.reasons),
            "signals": rules.signals(p.standalone, Match(support, tuple(chosen), bool(p.programs)))}  # fmt: skip


def outcome(row: dict, likely: float | None, model: AnswerabilityModel) -> str:
    if "fixed" in row:
        return row["fixed"]
    return after_model(row["rules"], row["precise"], 1.0 if likely is None else likely, model)[0]


def log_loss(ps: list[float], ys: list[bool]) -> float:
    return -sum(math.log(max(1e-9, p if y else 1 - p)) for p, y in zip(ps, ys, strict=True)) / max(1, len(ps))


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--questions", type=Path, default=Path("tests/evals/data/questions.jsonl"))
    parser.add_argument("--out", type=Path, default=None, help="default: the settings' answerability_model")
    parser.add_argument("--max-wrong", type=float, default=0.05, help="answerable questions that may abstain")
    args = parser.parse_args(argv)
    settings = get_settings()
    questions = [q for q in load_questions(args.questions) if q.split == "tune"]
    # The rules alone: the model being fitted must not judge its own training questions.
    adv = build_advisor(settings.model_copy(update={"answerability_model": None}), log=lambda m: print(m, file=sys.stderr))
    rows = []
    for i, q in enumerate(questions, 1):
        rows.append(observe(adv, q.question) | {"answerable": q.answerable, "coverage": q.coverage})
        print(f"\r{i}/{len(questions)} tune questions judged", end="", file=sys.stderr)
    print(file=sys.stderr)
    fit = [r for r in rows if "signals" in r and not r["precise"]]
    signals, labels = [r["signals"] for r in fit], [r["answerable"] for r in fit]
    losses = {l2: log_loss(leave_one_out(signals, labels, l2), labels) for l2 in L2_GRID}
    l2 = min(losses, key=lambda k: (losses[k], -k))
    loo = dict(zip(map(id, fit), leave_one_out(signals, labels, l2), strict=True))
    answerable = [r for r in rows if r["answerable"]]
    not_covered = [r for r in rows if not r["answerable"]]

    def at(nb: float, sb: float) -> AnswerabilityModel:
        return replace(base, none_below=nb, subject_below=sb)

    def rates(m: AnswerabilityModel) -> tuple[float, float]:
        def abstains(r: dict) -> bool:
            return outcome(r, loo.get(id(r)), m) == "none"

        return (sum(map(abstains, answerable)) / len(answerable), sum(map(abstains, not_covered)) / len(not_covered))

    def accuracy(m: AnswerabilityModel) -> float:
        labelled = [r for r in rows if r["coverage"]]
        return sum(outcome(r, loo.get(id(r)), m) == r["coverage"] for r in labelled) / max(1, len(labelled))

    base = fit_model(signals, labels, l2)
    pairs = [(nb, sb) for nb in THRESHOLDS for sb in THRESHOLDS if sb >= nb]
    allowed = [t for t in pairs if rates(at(*t))[0] <= args.max_wrong] or [(0.0, 0.0)]
    # Most not-covered abstentions; then fewest wrong ones; then a missing subject word deciding least often.
    nb, sb = max(allowed, key=lambda t: (rates(at(*t))[1], -rates(at(*t))[0], -t[1]))
    model = at(nb, sb)
    wrong, right = rates(model)
    fitted = {"on": f"{args.questions.name}, split tune: {len(fit)} of {len(rows)} questions (the rest are "
                    "settled by a tool, low support or a precise rule)",
              "date": date.today().isoformat(), "l2": l2,
              "leave_one_out_log_loss": {str(k): round(v, 4) for k, v in losses.items()},
              "leave_one_out_tune_answerable_abstained": round(wrong, 4),
              "leave_one_out_tune_not_covered_abstained": round(right, 4),
              "leave_one_out_tune_coverage_accuracy": round(accuracy(model), 4)}  # fmt: skip
    model = replace(model, fitted=fitted)
    out = args.out or settings.answerability_model
    save_model(model, out)
    print(f"wrote {out}: l2 {l2}, none below {nb}, subject below {sb}; leave-one-out on tune: "
          f"answerable abstained {wrong:.3f}, not covered abstained {right:.3f}, coverage accuracy "
          f"{fitted['leave_one_out_tune_coverage_accuracy']:.3f}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
