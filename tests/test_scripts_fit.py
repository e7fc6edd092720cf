"""`scripts/fit.py` on bad input: a one-line error, a non-zero exit, and the shipped files left as they were (its
success path is what the eval tests check: the shipped files equal a re-fit)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def test_a_missing_questions_file_is_one_line_and_writes_nothing(tmp_path: Path) -> None:
    precedents, model = tmp_path / "precedents.json", tmp_path / "answerability.json"
    run = subprocess.run([sys.executable, str(ROOT / "scripts" / "fit.py"), "--questions", str(tmp_path / "none.jsonl"),
                          "--precedents-out", str(precedents), "--model-out", str(model)],
                         capture_output=True, text=True, timeout=120)  # fmt: skip
    assert run.returncode == 1
    assert run.stderr.startswith("error: ") and len(run.stderr.strip().splitlines()) == 1
    assert not precedents.exists() and not model.exists()
