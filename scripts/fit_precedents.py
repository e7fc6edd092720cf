"""Write the labelled questions retrieval learns from (models/precedents.json), from the tune half only.

Run it before `scripts/fit_answerability.py`: the answerability signals are read from retrieval, which uses these.

usage: python scripts/fit_precedents.py [--questions tests/evals/data/questions.jsonl] [--out FILE]
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from app.evaluation import load_questions  # noqa: E402
from app.fitting import fit_precedents  # noqa: E402
from app.index.build import load_embedder  # noqa: E402
from app.retrieval.precedents import save_precedents  # noqa: E402
from app.settings import get_settings  # noqa: E402


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--questions", type=Path, default=ROOT / "tests" / "evals" / "data" / "questions.jsonl")
    parser.add_argument("--out", type=Path, default=None, help="default: the settings' precedents")
    args = parser.parse_args(argv)
    settings = get_settings()
    tune = [q for q in load_questions(args.questions) if q.split == "tune"]
    precedents = fit_precedents(load_embedder(settings, lambda m: print(m, file=sys.stderr)), tune)
    out = args.out or settings.precedents or ROOT / "models" / "precedents.json"
    save_precedents(precedents, out)
    print(f"wrote {out}: {precedents.built_from}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
