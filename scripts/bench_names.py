"""Program-name matching at scale: build time of the matcher and `mentions` + `unheld_schools` per question.

usage: .venv/bin/python scripts/bench_names.py [--scale 10000] [--runs 20]   (prints JSON)

Synthetic programs are the real records copied with new ids, names and schools (scripts/bench.py's
`synthetic_corpus`); compare the two sizes within one run.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "scripts"))

from bench import synthetic_corpus  # noqa: E402

from app.corpus.load import load_corpus  # noqa: E402
from app.retrieval.names import matcher_for  # noqa: E402

QUESTIONS = [
    "Does the University of Southern California's MS in CS need the GRE?", "Is OMSCS worth it?",
    "What are my chances at Iowa State University?", "I am non CS, can I get into an MSCS?",
    "How much is Carnegie Mellon's MSML?", "Is online study worth it for someone working full time?",
]  # fmt: skip


def measure(corpus_dir: Path, runs: int) -> dict[str, float]:
    corpus = load_corpus(corpus_dir)
    start = time.perf_counter()
    matcher = matcher_for(corpus)
    build = time.perf_counter() - start
    times = []
    for _ in range(runs):
        for q in QUESTIONS:
            start = time.perf_counter()
            matcher.mentions(q)
            matcher.unheld_schools(q)
            times.append(time.perf_counter() - start)
    return {"programs": len(corpus.programs), "build_s": round(build, 3),
            "per_question_p50_ms": round(statistics.median(times) * 1000, 3),
            "per_question_max_ms": round(max(times) * 1000, 2)}  # fmt: skip


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--scale", type=int, default=10000)
    ap.add_argument("--runs", type=int, default=20)
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        synthetic_corpus(ROOT / "corpus", Path(tmp) / "corpus", args.scale)
        report = {"real": measure(ROOT / "corpus", args.runs), "scaled": measure(Path(tmp) / "corpus", args.runs)}
    print(json.dumps(report, indent=1))


if __name__ == "__main__":
    main()
