"""Fit the answerability model (models/answerability.json) on the evaluation's tune half, and nothing else.

For every tune question this runs the answer pipeline up to the coverage judgement: the rules' verdict (no model)
and the signals. The model is fitted on the questions it will decide: routed to a free-form answer, supported, and
not settled by a precise rule. The L2 weight is the one with the best leave-one-out log-loss; the two thresholds
are the ones whose leave-one-out outcome on the whole tune half abstains on the most not-covered questions while
abstaining on at most `--max-wrong` of the answerable ones. The leave-one-out figures are saved with the weights.

usage: python scripts/fit_answerability.py [--questions tests/evals/data/questions.jsonl] [--out models/answerability.json]
"""

from __future__ import annotations

import argparse
import math
import sys
from datetime import date
from pathlib import Path

from app.answer.answerability import after_model, fit_model, leave_one_out, save_model
from app.answer.compose import asks_for_questions
from app.answer.coverage import PRECISE
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
            "signals": rules.signals(p.standalone, support, bool(p.programs))}  # fmt: skip


def outcome(row: dict, likely: float | None, none_below: float, partial_below: float) -> str:
    if "fixed" in row:
        return row["fixed"]
    return after_model(row["rules"], row["precise"], likely if likely is not None else 1.0, none_below,
                       partial_below)[0]  # fmt: skip


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
        rows.append(observe(adv, q.question) | {"answerable": q.answerable})
        print(f"\r{i}/{len(questions)} tune questions judged", end="", file=sys.stderr)
    print(file=sys.stderr)
    fit = [r for r in rows if "signals" in r and not r["precise"]]
    signals, labels = [r["signals"] for r in fit], [r["answerable"] for r in fit]
    losses = {l2: log_loss(leave_one_out(signals, labels, l2), labels) for l2 in L2_GRID}
    l2 = min(losses, key=lambda k: (losses[k], -k))
    loo = dict(zip(map(id, fit), leave_one_out(signals, labels, l2), strict=True))
    answerable = [r for r in rows if r["answerable"]]
    not_covered = [r for r in rows if not r["answerable"]]

    def rates(nb: float, pb: float) -> tuple[float, float]:
        def abstains(r: dict) -> bool:
            return outcome(r, loo.get(id(r)), nb, pb) == "none"

        return (sum(map(abstains, answerable)) / len(answerable), sum(map(abstains, not_covered)) / len(not_covered))

    grid = [(nb, pb) for nb in THRESHOLDS for pb in THRESHOLDS if pb >= nb]
    allowed = [(nb, pb) for nb, pb in grid if rates(nb, pb)[0] <= args.max_wrong] or [(0.0, 0.0)]
    # Most not-covered abstentions; then fewest wrong ones; then the narrowest "uncertain" band.
    nb, pb = max(allowed, key=lambda t: (rates(*t)[1], -rates(*t)[0], -(t[1] - t[0])))
    wrong, right = rates(nb, pb)
    fitted = {"on": f"{args.questions.name}, split tune: {len(fit)} of {len(rows)} questions (the rest are "
                    "settled by a tool, low support or a precise rule)",
              "date": date.today().isoformat(), "l2": l2,
              "leave_one_out_log_loss": {str(k): round(v, 4) for k, v in losses.items()},
              "leave_one_out_tune_answerable_abstained": round(wrong, 4),
              "leave_one_out_tune_not_covered_abstained": round(right, 4)}  # fmt: skip
    model = fit_model(signals, labels, l2, nb, pb, fitted)
    out = args.out or settings.answerability_model
    save_model(model, out)
    print(f"wrote {out}: l2 {l2}, none below {nb}, partial below {pb}; leave-one-out on tune: "
          f"answerable abstained {wrong:.3f}, not covered abstained {right:.3f}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
