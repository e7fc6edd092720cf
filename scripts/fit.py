"""Re-fit what the product learns from the evaluation's tune half, in order, on a freshly built index.

1. the precedents retrieval learns from (models/precedents.json, `app.fitting.fit_precedents`);
2. the answerability model (models/answerability.json, `app.fitting.fit_answerability`), whose signals are read
   through retrieval, so through the precedents just written.

Always on a fresh index in a temporary folder: Chroma's HNSW graph is approximate, and an index updated in place
answers slightly differently from a freshly built one (weights moved by about 1e-3), while the eval tests that check
the shipped files re-fit on a fresh one. Run it after any change to retrieval, scoring, coverage or the corpus.

usage: python scripts/fit.py [--questions tests/evals/data/questions.jsonl] [--max-wrong 0.05]
                             [--precedents-out FILE] [--model-out FILE]
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from app.answer.answerability import save_model  # noqa: E402
from app.errors import AdvisorError  # noqa: E402
from app.evaluation import load_questions  # noqa: E402
from app.fitting import fit_answerability, fit_precedents  # noqa: E402
from app.index.build import build_index, load_embedder  # noqa: E402
from app.retrieval.precedents import save_precedents  # noqa: E402
from app.settings import get_settings  # noqa: E402
from app.wiring import build_advisor  # noqa: E402


def log(message: str) -> None:
    print(message, file=sys.stderr)


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--questions", type=Path, default=ROOT / "tests" / "evals" / "data" / "questions.jsonl")
    parser.add_argument("--max-wrong", type=float, default=0.05, help="share of answerable questions that may abstain")
    parser.add_argument("--precedents-out", type=Path, default=None, help="default: the settings' precedents")
    parser.add_argument("--model-out", type=Path, default=None, help="default: the settings' answerability_model")
    args = parser.parse_args(argv)
    settings = get_settings()
    precedents_out = args.precedents_out or settings.precedents or ROOT / "models" / "precedents.json"
    model_out = args.model_out or settings.answerability_model or ROOT / "models" / "answerability.json"
    try:
        tune = [q for q in load_questions(args.questions) if q.split == "tune"]
        with tempfile.TemporaryDirectory(prefix="advisor-fit-") as index_dir:
            fresh = settings.model_copy(update={"index_dir": Path(index_dir), "llm": None})
            log(f"building a fresh index in {index_dir}")
            build_index(fresh, progress=sys.stderr.isatty(), log=log)

            precedents = fit_precedents(load_embedder(fresh, log), tune)
            # Written beside the index until the model is fitted too: a failed fit leaves both shipped files as they
            # were, never a new precedents file with a model fitted on the old one.
            staged = Path(index_dir) / "precedents.json"
            save_precedents(precedents, staged)
            # The grounded engine with the rules alone: the model being fitted must not judge its own questions.
            rules_only = build_advisor(fresh.model_copy(update={"precedents": staged, "answerability_model": None}),
                                       log=log)  # fmt: skip
            model = fit_answerability(
                rules_only,
                tune,
                args.max_wrong,
                lambda i, n: print(f"\r{i}/{n} tune questions judged", end="", file=sys.stderr),
            )
            print(file=sys.stderr)
    except (AdvisorError, OSError, ValueError) as e:
        print(f"error: {e}", file=sys.stderr)
        return 1
    save_precedents(precedents, precedents_out)
    print(f"wrote {precedents_out}: {precedents.built_from}")
    save_model(model, model_out)
    f = model.fitted
    print(
        f"wrote {model_out}: l2 {f['l2']}, none below {model.none_below}, subject below {model.subject_below}; "
        f"leave-one-out on tune: answerable abstained {f['leave_one_out_tune_answerable_abstained']:.3f}, "
        f"not covered abstained {f['leave_one_out_tune_not_covered_abstained']:.3f}"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
