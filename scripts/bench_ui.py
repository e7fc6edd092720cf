"""Benchmark the web app end to end, through `advisor serve` and gradio_client.

Measures: server start to first page (cold: empty index dir, so the ONNX export and the index build are
included; warm: index already built), then time to first streamed output and full-answer latency of /chat,
p50/p95, for 1 user and for N concurrent users (each its own session). Prints Markdown, then JSON.

    .venv/bin/python scripts/bench_ui.py [--users 20] [--rounds 2] [--json]
"""

from __future__ import annotations

import argparse
import json
import math
import os
import platform
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

import httpx

from app.settings import PROJECT_ROOT as ROOT

PROGRAMS = ("gatech-omscs", "cmu-msml", "uiuc-mcs-online", "stanford-ms-cs-ai", "toronto-mscac", "jhu-ms-ai-online",
            "columbia-ms-cs-ml", "penn-mcit-online", "northwestern-ms-ai", "edinburgh-msc-ai")  # fmt: skip


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start_server(index_dir: Path, port: int) -> tuple[subprocess.Popen[bytes], float]:
    """Spawn `advisor serve`; returns the process and seconds until GET / answered 200."""
    env = os.environ | {"ADVISOR_INDEX_DIR": str(index_dir), "ADVISOR_FEEDBACK_DB": str(index_dir / "fb.sqlite3"),
                        "GRADIO_ANALYTICS_ENABLED": "False"}  # fmt: skip
    t0 = time.perf_counter()
    proc = subprocess.Popen([sys.executable, "-m", "app", "serve", "--port", str(port)], cwd=ROOT, env=env,
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)  # fmt: skip
    while time.perf_counter() - t0 < 300:
        if proc.poll() is not None:
            raise RuntimeError(f"advisor serve exited with {proc.returncode}")
        try:
            if httpx.get(f"http://127.0.0.1:{port}/", timeout=1).status_code == 200:
                return proc, time.perf_counter() - t0
        except httpx.TransportError:
            pass
        time.sleep(0.05)
    raise TimeoutError("the server did not answer within 300 s")


def stop(proc: subprocess.Popen[bytes]) -> None:
    proc.send_signal(signal.SIGTERM)
    try:
        proc.wait(timeout=20)
    except subprocess.TimeoutExpired:
        proc.kill()


def questions(corpus: Any, user: int, rounds: int) -> list[str]:
    """Each round: a question naming a program, a follow-up about it, a general question."""
    out = []
    for r in range(rounds):
        p = corpus.program(PROGRAMS[(user + r) % len(PROGRAMS)])
        out += [f"What does {p.school} charge for the {p.name}?", "How long is it?",
                "Is a master's in machine learning worth it?"]  # fmt: skip
    return out


def timed_chat(c: Any, question: str) -> tuple[float, float]:
    """(seconds to the first streamed output, seconds to the full answer) for one /chat call."""
    t0 = time.perf_counter()
    job = c.submit(question, api_name="/chat")
    first = None
    while not job.done():
        if first is None and job.outputs():
            first = time.perf_counter() - t0
        time.sleep(0.002)
    answer = job.result()
    total = time.perf_counter() - t0
    if "[1]" not in answer:
        raise AssertionError(f"uncited answer to {question!r}: {answer[:200]}")
    return (total if first is None else first), total


def run_users(url: str, corpus: Any, users: int, rounds: int) -> dict[str, Any]:
    from gradio_client import Client

    clients = [Client(url, verbose=False, analytics_enabled=False, download_files=False) for _ in range(users)]
    barrier = threading.Barrier(users)

    def user(i: int) -> list[tuple[float, float]]:
        barrier.wait()
        return [timed_chat(clients[i], q) for q in questions(corpus, i, rounds)]

    t0 = time.perf_counter()
    with ThreadPoolExecutor(users) as pool:
        samples = [s for per_user in pool.map(user, range(users)) for s in per_user]
    wall = time.perf_counter() - t0
    ttft, total = [s[0] for s in samples], [s[1] for s in samples]
    return {"users": users, "requests": len(samples), "wall_s": round(wall, 2),
            "throughput_rps": round(len(samples) / wall, 2), "ttft_p50_s": pct(ttft, 50), "ttft_p95_s": pct(ttft, 95),
            "full_p50_s": pct(total, 50), "full_p95_s": pct(total, 95)}  # fmt: skip


def pct(values: list[float], p: float) -> float:
    """Nearest-rank percentile."""
    ordered = sorted(values)
    return round(ordered[max(0, math.ceil(p / 100 * len(ordered)) - 1)], 3)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--users", type=int, default=20)
    ap.add_argument("--rounds", type=int, default=2, help="rounds of 3 questions per user")
    ap.add_argument("--json", action="store_true", help="print only the JSON")
    args = ap.parse_args()

    from app.corpus.load import load_corpus
    from app.settings import Settings

    settings = Settings()
    corpus = load_corpus(settings.corpus_dir, settings.chunk_chars)
    with tempfile.TemporaryDirectory(prefix="bench-ui-") as tmp:
        index_dir = Path(tmp) / "index"
        proc, cold = start_server(index_dir, free_port())  # empty index dir: export + build included
        stop(proc)
        port = free_port()
        proc, warm = start_server(index_dir, port)
        try:
            url = f"http://127.0.0.1:{port}/"
            run_users(url, corpus, 1, 1)  # warm-up: first ONNX run, first queue job
            single = run_users(url, corpus, 1, args.rounds * 2)
            many = run_users(url, corpus, args.users, args.rounds)
        finally:
            stop(proc)
    report = {
        "machine": {"python": platform.python_version(), "cpus": os.cpu_count(), "platform": platform.platform()},
        "concurrency_limit": settings.concurrency, "engine": settings.llm or "grounded (no LLM)",
        "start_to_first_page_s": {"cold_no_index": round(cold, 2), "warm_index_built": round(warm, 2)},
        "chat_1_user": single, f"chat_{args.users}_users": many,
    }  # fmt: skip
    if not args.json:
        print(markdown(report, args.users))
    print(json.dumps(report, indent=2))


def markdown(r: dict[str, Any], users: int) -> str:
    s = r["start_to_first_page_s"]
    lines = [
        f"Engine: {r['engine']}; queue concurrency limit {r['concurrency_limit']}; {r['machine']['cpus']} CPUs, "
        f"Python {r['machine']['python']}.",
        "",
        "| Start to first page | seconds |", "|---|---|",
        f"| cold (no index: ONNX export + index build) | {s['cold_no_index']} |",
        f"| warm (index already built) | {s['warm_index_built']} |",
        "",
        "| /chat | requests | first streamed output p50 / p95 (s) | full answer p50 / p95 (s) | throughput (req/s) |",
        "|---|---|---|---|---|",
    ]  # fmt: skip
    for key, label in (("chat_1_user", "1 user"), (f"chat_{users}_users", f"{users} concurrent users")):
        m = r[key]
        lines.append(f"| {label} | {m['requests']} | {m['ttft_p50_s']} / {m['ttft_p95_s']} | "
                     f"{m['full_p50_s']} / {m['full_p95_s']} | {m['throughput_rps']} |")  # fmt: skip
    return "\n".join(lines) + "\n"


if __name__ == "__main__":
    main()
