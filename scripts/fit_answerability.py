"""Fit the answerability model (models/answerability.json) on the evaluation's tune half: see app/fitting.py.

usage: python scripts/fit_answerability.py [--questions tests/evals/data/questions.jsonl] [--out FILE] [--max-wrong 0.05]
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from app.answer.answerability import save_model  # noqa: E402
from app.evaluation import load_questions  # noqa: E402
from app.fitting import fit_answerability  # noqa: E402
from app.settings import get_settings  # noqa: E402
from app.wiring import build_advisor  # noqa: E402


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--questions", type=Path, default=ROOT / "tests" / "evals" / "data" / "questions.jsonl")
    parser.add_argument("--out", type=Path, default=None, help="default: the settings' answerability_model")
    parser.add_argument("--max-wrong", type=float, default=0.05, help="share of answerable questions that may abstain")
    args = parser.parse_args(argv)
    settings = get_settings()
    # The grounded engine with the rules alone: the model being fitted must not judge its own training questions.
    adv = build_advisor(settings.model_copy(update={"answerability_model": None, "llm": None}),
                        log=lambda m: print(m, file=sys.stderr))  # fmt: skip
    tune = [q for q in load_questions(args.questions) if q.split == "tune"]
    model = fit_answerability(adv, tune, args.max_wrong,
                              lambda i, n: print(f"\r{i}/{n} tune questions judged", end="", file=sys.stderr))
    print(file=sys.stderr)
    out = args.out or settings.answerability_model
    save_model(model, out)
    f = model.fitted
    print(f"wrote {out}: l2 {f['l2']}, none below {model.none_below}, subject below {model.subject_below}; "
          f"leave-one-out on tune: answerable abstained {f['leave_one_out_tune_answerable_abstained']:.3f}, "
          f"not covered abstained {f['leave_one_out_tune_not_covered_abstained']:.3f}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
