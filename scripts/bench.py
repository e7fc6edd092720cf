"""Benchmarks for the knowledge base and the answer engine (not a test: these machines are noisy).

Usage: .venv/bin/python scripts/bench.py [--scale 10000] [--runs 5] [--out bench.json] [--finder-only]

Measures, in one run on this machine: full / incremental / no-change index time, warm query and grounded-answer
latency (p50/p95), peak RSS, cold `advisor search` and `advisor ask` wall time (median of runs) next to a
sentence-transformers query path, the same index/query figures with N synthetic program records, and the program
finder (`find_programs`) over N synthetic records (`--finder-only` runs just that, in seconds).
"""

from __future__ import annotations

import argparse
import gc
import json
import os
import platform
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import yaml

from app.settings import PROJECT_ROOT as ROOT
from app.settings import Settings

QUIET = {"progress": False, "log": lambda m: None}
QUESTIONS = [
    json.loads(x)["question"] for x in (ROOT.parent / "shared/eval/dev_questions.jsonl").read_text().splitlines() if x
]


def pct(values: list[float], p: float) -> float:
    s = sorted(values)
    return s[min(len(s) - 1, round(p / 100 * (len(s) - 1)))]


def ms(values: list[float]) -> dict[str, float]:
    return {"p50_ms": round(1000 * pct(values, 50), 2), "p95_ms": round(1000 * pct(values, 95), 2), "n": len(values)}


def timed(fn: Any) -> float:
    t = time.perf_counter()
    fn()
    return time.perf_counter() - t


def cold(args: list[str], env: dict[str, str], runs: int) -> dict[str, float]:
    """Median wall time and peak RSS of a fresh `advisor` process."""
    walls, rss = [], []
    for _ in range(runs):
        t = time.perf_counter()
        # GNU time reports the child's own peak RSS (getrusage would count this big parent, forked).
        done = subprocess.run(["/usr/bin/time", "-f", "%M", str(ROOT / ".venv/bin/advisor"), *args], env=env,
                              check=True, capture_output=True, text=True)  # fmt: skip
        walls.append(time.perf_counter() - t)
        rss.append(int(done.stderr.strip().splitlines()[-1]))
    return {"median_s": round(statistics.median(walls), 3), "min_s": round(min(walls), 3), "runs": runs,
            "peak_rss_mb": round(max(rss) / 1024, 1)}  # fmt: skip


ST_SEARCH = """
import os, sys, time
os.environ["HF_HUB_OFFLINE"] = "1"
from app.index.embeddings import load_sentence_transformer
from app.index.build import make_client, open_collection
from app.settings import Settings
s = Settings()
model = load_sentence_transformer()
coll, _ = open_collection(make_client(s), s)
v = model.encode(["online programs"], normalize_embeddings=True)[0].tolist()
print(coll.query(query_embeddings=[v], n_results=5)["ids"][0])
"""


def cold_st(env: dict[str, str], runs: int) -> dict[str, float]:
    walls = []
    for _ in range(runs):
        t = time.perf_counter()
        subprocess.run([sys.executable, "-c", ST_SEARCH], env=env, check=True, capture_output=True, cwd=ROOT)
        walls.append(time.perf_counter() - t)
    return {"median_s": round(statistics.median(walls), 3), "runs": runs}


def synthetic_corpus(src: Path, dst: Path, n: int) -> None:
    """A copy of the corpus whose programs.yaml holds n records derived from the real ones."""
    shutil.copytree(src, dst)
    real = yaml.safe_load((src / "programs.yaml").read_text())
    out = []
    for i in range(n):
        r = json.loads(json.dumps(real[i % len(real)]))
        r["id"] = f"{r['id']}-syn{i}"
        r["name"] = f"{r['name']} (synthetic {i})"
        r["school"] = f"Synthetic University {i}"
        r["aliases"] = [f"SYN{i}"]
        out.append(r)
    (dst / "programs.yaml").write_text(yaml.safe_dump(out, allow_unicode=True, sort_keys=False))


def change_one_program(corpus_dir: Path) -> None:
    path = corpus_dir / "programs.yaml"
    data = yaml.load(path.read_text(), Loader=yaml.CSafeLoader)
    data[0]["prerequisites"] = f"Changed for the benchmark at {time.time()}."
    path.write_text(yaml.dump(data, Dumper=yaml.CSafeDumper, allow_unicode=True, sort_keys=False))


def index_and_query(corpus_dir: Path, work: Path, onnx_src: Path, runs: int, answers: bool) -> dict[str, Any]:
    from app.answer.pipeline import Conversation
    from app.index.build import ONNX_SUBDIR, build_index
    from app.wiring import build_advisor

    settings = Settings(index_dir=work / "index", corpus_dir=corpus_dir)
    out: dict[str, Any] = {}
    shutil.copytree(onnx_src, settings.index_dir / ONNX_SUBDIR)
    out["full_index_s"] = round(timed(lambda: build_index(settings, **QUIET)), 2)
    out["no_change_index_s"] = round(timed(lambda: build_index(settings, **QUIET)), 2)
    change_one_program(corpus_dir)
    stats: dict[str, Any] = {}
    out["one_program_changed_index_s"] = round(timed(lambda: stats.update(build_index(settings, **QUIET).as_dict())), 2)
    out["one_program_changed_counts"] = stats
    adv = build_advisor(settings, log=lambda m: None)
    for q in QUESTIONS:  # warm-up: first ONNX runs allocate
        adv.retriever.search(q)
    lat = []
    for run in range(runs):
        for q in QUESTIONS:  # a new text each run: the query-embedding cache must not serve it
            lat.append(timed(lambda q=f"{q} ({run})": adv.retriever.search(q)))
    out["warm_search"] = ms(lat)
    if answers:
        for q in QUESTIONS:
            Conversation(adv).ask(q)
        lat = []
        for run in range(runs):
            for q in QUESTIONS:
                lat.append(timed(lambda q=f"{q} [answer {run}]": Conversation(adv).ask(q)))
        out["warm_grounded_answer"] = ms(lat)
    out["process_peak_rss_mb"] = round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)
    out["settings"] = settings
    return out


# (name, FinderQuery fields): a selective search, a whole-corpus sort, text-rule filters, a background search.
FINDER_SHAPES: list[tuple[str, dict[str, Any]]] = [
    ("online, max tuition 20000 USD", {"modality": "online", "max_tuition": 20000}),
    ("no filter, sort by cost (every record returned)", {"sort": "cost"}),
    ("no GRE, machine learning, max 2 years", {"no_gre": True, "field": "machine-learning", "max_years": 2}),
    ("part-time, no CS degree, sort by fit", {"pace": "part-time", "background": "no CS degree"}),
]


def finder_bench(n: int, runs: int) -> dict[str, Any]:
    """`find_programs` over n records derived from the real ones (new ids, names and schools, as
    `synthetic_corpus` makes them): the first query (fills the per-program facts cache), then warm p50/p95 per shape."""
    from app.corpus.load import corpus_for
    from app.tools.finder import FinderQuery, find_programs

    real = corpus_for(Settings()).programs
    programs = []
    for i in range(n):
        r = real[i % len(real)]
        update = {"id": f"{r.id}-syn{i}", "name": f"{r.name} (synthetic {i})", "school": f"Synthetic University {i}"}
        programs.append(r.model_copy(update=update))
    out: dict[str, Any] = {"records": n, "runs_per_shape": runs}
    first = FinderQuery(**FINDER_SHAPES[0][1])
    out["first_query_cold_cache_ms"] = round(1000 * timed(lambda: find_programs(first, programs)), 2)

    def warm() -> dict[str, Any]:
        shapes = {}
        for name, fields in FINDER_SHAPES:
            q = FinderQuery(**fields)
            result = find_programs(q, programs)  # warm-up
            lat = [timed(lambda q=q: find_programs(q, programs)) for _ in range(runs)]
            shapes[name] = ms(lat) | {"matches": len(result.matches), "unknown": len(result.unknown)}
        return shapes

    out["warm"] = warm()
    # p95 is set by the cyclic GC's full collections, which walk every object of the 10,000 records; a server that
    # freezes its loaded corpus (gc.freeze) takes those objects out of the walk. Measured both ways.
    gc.collect()
    gc.freeze()
    try:
        out["warm_after_gc_freeze"] = warm()
    finally:
        gc.unfreeze()
    return out


def machine() -> dict[str, Any]:
    cpu = next((ln.split(":", 1)[1].strip() for ln in Path("/proc/cpuinfo").read_text().splitlines()
                if ln.startswith("model name")), platform.processor())  # fmt: skip
    return {"cpus": os.cpu_count(), "cpu": cpu, "platform": platform.platform(), "python": platform.python_version(),
            "mem_gb": round(os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**30, 1)}  # fmt: skip


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--scale", type=int, default=10000)
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--out", type=Path)
    ap.add_argument("--finder-runs", type=int, default=200, help="warm finder queries per shape")
    ap.add_argument("--finder-only", action="store_true", help="only the finder benchmark (no index, no models)")
    args = ap.parse_args()
    report: dict[str, Any] = {"machine": machine(), "date": time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime())}
    report[f"finder_{args.scale}_programs"] = finder_bench(args.scale or 10000, args.finder_runs)
    print(json.dumps({k: report[k] for k in list(report)[-1:]}, indent=1), flush=True)
    if args.finder_only:
        if args.out:
            args.out.write_text(json.dumps(report, indent=1))
        return
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        corpus = work / "corpus"
        shutil.copytree(ROOT / "corpus", corpus)
        onnx = work / "onnx"
        export = f"from pathlib import Path; from app.index.embeddings import export_onnx; export_onnx(Path({str(onnx)!r}), 'all-MiniLM-L6-v2')"
        t = time.perf_counter()
        subprocess.run([sys.executable, "-c", export], check=True, capture_output=True)
        report["onnx_export_once_s"] = round(time.perf_counter() - t, 2)
        real = index_and_query(corpus, work / "real", onnx, args.runs, answers=True)
        settings: Settings = real.pop("settings")
        env = {**os.environ, "ADVISOR_INDEX_DIR": str(settings.index_dir), "ADVISOR_CORPUS_DIR": str(corpus)}
        real["cold_advisor_search"] = cold(["search", "online programs", "--json"], env, args.runs)
        real["cold_advisor_ask"] = cold(
            ["ask", "How long does a full-time ML master's take?", "--json"], env, args.runs
        )
        real["cold_search_sentence_transformers_path"] = cold_st(env, max(2, args.runs // 2))
        report["corpus"] = real
        print(json.dumps({"corpus": real}, indent=1), flush=True)
        if args.scale:
            syn = work / f"syn{args.scale}"
            synthetic_corpus(ROOT / "corpus", syn, args.scale)
            scaled = index_and_query(syn, work / "scaled", onnx, args.runs, answers=False)
            s2: Settings = scaled.pop("settings")
            env2 = {**os.environ, "ADVISOR_INDEX_DIR": str(s2.index_dir), "ADVISOR_CORPUS_DIR": str(syn)}
            scaled["cold_advisor_search"] = cold(["search", "online programs", "--json"], env2, max(2, args.runs // 2))
            report[f"synthetic_{args.scale}_programs"] = scaled
    text = json.dumps(report, indent=1, default=str)
    print(text)
    if args.out:
        args.out.write_text(text)


if __name__ == "__main__":
    main()
