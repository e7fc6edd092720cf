"""Answer latency on the real corpus: warm grounded answers, decisions and finder answers, and a cold `advisor ask`.

usage: .venv/bin/python scripts/bench_answers.py [--runs 5] [--index-dir DIR]   (prints JSON)

Warm: one process, the advisor built once, each question in a fresh conversation, after one warm-up pass.
Cold: `python -m app ask` in a new process, wall time. Compare figures within one run.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from app.evaluation import load_questions  # noqa: E402
from app.settings import Settings  # noqa: E402
from app.wiring import build_advisor  # noqa: E402


def pct(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return round(ordered[min(len(ordered) - 1, int(p / 100 * len(ordered)))] * 1000, 2)


def warm(adv: object, questions: list[list[str]]) -> dict[str, float]:
    def one(turns: list[str]) -> float:
        conv = adv.conversation()  # type: ignore[attr-defined]
        for t in turns[:-1]:
            conv.ask(t)
        start = time.perf_counter()
        conv.ask(turns[-1])
        return time.perf_counter() - start

    for turns in questions:  # warm-up: caches, lazy imports
        one(turns)
    times = [one(turns) for turns in questions]
    return {"n": len(times), "p50_ms": pct(times, 50), "p95_ms": pct(times, 95)}


def cold(index_dir: Path, runs: int) -> dict[str, float]:
    env = {**os.environ, "ADVISOR_INDEX_DIR": str(index_dir)}
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run([sys.executable, "-m", "app", "ask", "How much does the Georgia Tech OMSCS cost?"],
                       cwd=ROOT, env=env, check=True, capture_output=True)  # fmt: skip
        times.append(time.perf_counter() - start)
    return {"runs": runs, "median_s": round(statistics.median(times), 2), "min_s": round(min(times), 2)}


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--index-dir", type=Path, default=Path("/tmp/advisor-bench-index"))
    a = ap.parse_args()
    adv = build_advisor(Settings(index_dir=a.index_dir), log=lambda m: None)
    real = [[q.question] for q in load_questions(ROOT / "tests" / "evals" / "data" / "questions.jsonl")]
    decisions = [json.loads(line)["turns"] for line in (ROOT / "tests" / "data" / "decision_questions.jsonl").open()]
    finds = [["online programs under $20k without the GRE"], ["cheapest in-person program in the UK"],
             ["programs for someone without a CS degree"], ["something I can finish in a year"]] * 5  # fmt: skip
    report = {
        "machine": {"cpus": os.cpu_count(), "python": platform.python_version(), "platform": platform.platform()},
        "warm_answer_real_questions": warm(adv, real),
        "warm_decision_answer": warm(adv, decisions),
        "warm_finder_answer": warm(adv, finds),
        "cold_advisor_ask": cold(a.index_dir, a.runs),
    }
    print(json.dumps(report, indent=1))


if __name__ == "__main__":
    main()
