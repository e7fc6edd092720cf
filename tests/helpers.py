"""Plain helpers shared by several test modules (fixtures are in conftest.py)."""

from __future__ import annotations

import os
import subprocess
import sys
from typing import Any

from app.answer.citations import AnswerResult, check
from app.settings import Settings


def run(args: list[str], settings: Settings, stdin: str | None = None, **env: str) -> subprocess.CompletedProcess[str]:
    full_env = {**os.environ, "ADVISOR_INDEX_DIR": str(settings.index_dir), **env}
    return subprocess.run([sys.executable, "-m", "app", *args], input=stdin, capture_output=True, text=True,
                          env=full_env, timeout=300)  # fmt: skip


def assert_well_cited(result: AnswerResult, adv: Any) -> None:
    """Every marker has a citation, every citation is used, every quote is verbatim corpus text."""
    assert check(result, adv.corpus.verbatim_texts()) == []
