"""Build tests/evals/data/questions.jsonl: the team's dev questions plus real questions from public forums.

Every real question keeps the url where a person asked it. The split is fixed by a hash of the id, so adding
questions never moves old ones between halves: tune on "tune", report "test" as well, never tune on it.
Non-English questions are left out (the product answers in English); the count is printed.

A file given with --held-out SPLIT=FILE is a held-out set collected later, after tuning: all of it is that split,
never tuned on ("fresh" on 2026-11-25, "fresh2" and "fresh3" on 2026-11-26).

usage: python scripts/build_eval_set.py tests/evals/data/dev_questions.jsonl tests/evals/data/forum_questions.jsonl \
           --held-out fresh=tests/evals/data/fresh_questions.jsonl \
           --held-out fresh2=tests/evals/data/fresh2_questions.jsonl \
           --held-out fresh3=tests/evals/data/fresh3_questions.jsonl > tests/evals/data/questions.jsonl
"""

from __future__ import annotations

import argparse
import hashlib
import json
import re
import sys

CJK_OR_HANGUL = re.compile(r"[\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af]")


def split_of(qid: str) -> str:
    return "tune" if int(hashlib.sha1(qid.encode()).hexdigest(), 16) % 2 == 0 else "test"


def rows(path: str) -> list[dict]:
    with open(path, encoding="utf-8") as f:
        return [json.loads(line) for line in f if line.strip()]


def main(argv: list[str]) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("dev", help="the team's dev questions (all 'tune')")
    parser.add_argument("real", nargs="*", help="real questions, split tune/test by a hash of the id")
    parser.add_argument("--held-out", action="append", default=[], metavar="SPLIT=FILE",
                        help="a held-out file, all of it in split SPLIT")
    args = parser.parse_args(argv)
    skipped = 0
    for row in rows(args.dev):
        row |= {"split": "tune", "source": "dev", "coverage": "full" if row["answerable"] else "none"}
        print(json.dumps(row, ensure_ascii=False))
    held_out = [tuple(spec.split("=", 1)) for spec in args.held_out]
    if any(len(h) != 2 or not h[0] or h[0] in ("tune", "test") for h in held_out):
        parser.error("--held-out takes SPLIT=FILE, SPLIT not tune or test (held-out questions are never tuned on)")
    for path, split in [*((p, None) for p in args.real), *((f, s) for s, f in held_out)]:
        for row in rows(path):
            if CJK_OR_HANGUL.search(row["question"]):
                skipped += 1
                continue
            row |= {"split": split or split_of(row["id"]), "source": "forum"}
            print(json.dumps(row, ensure_ascii=False))
    print(f"left out {skipped} non-English questions", file=sys.stderr)


if __name__ == "__main__":
    main(sys.argv[1:])
