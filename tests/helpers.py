"""Plain helpers shared by several test modules (fixtures are in conftest.py)."""

from __future__ import annotations

import os
import subprocess
import sys
from datetime import date
from functools import cache
from typing import Any

from app.answer.citations import AnswerResult, check
from app.corpus.load import Corpus, load_corpus
from app.retrieval.names import ProgramMatcher, matcher_for
from app.settings import PROJECT_ROOT, Settings
from app.tools.compare import Comparison, compare_programs

TODAY = date(2026, 11, 25)  # the tests' today: fixed, so 'possibly outdated' flags never drift


def run(args: list[str], settings: Settings, stdin: str | None = None, **env: str) -> subprocess.CompletedProcess[str]:
    full_env = {**os.environ, "ADVISOR_INDEX_DIR": str(settings.index_dir), **env}
    return subprocess.run([sys.executable, "-m", "app", *args], input=stdin, capture_output=True, text=True,
                          env=full_env, timeout=300)  # fmt: skip


def assert_well_cited(result: AnswerResult, adv: Any) -> None:
    """Every marker has a citation, every citation is used, every quote is verbatim corpus text."""
    assert check(result, adv.corpus.verbatim_texts()) == []


@cache
def corpus_and_matcher() -> tuple[Corpus, ProgramMatcher]:
    """The real corpus and its name matcher, loaded once per test session."""
    corpus = load_corpus(PROJECT_ROOT / "corpus")
    return corpus, matcher_for(corpus)


def compare(*names: str, today: date = TODAY) -> Comparison:
    """compare_programs on the real corpus."""
    corpus, matcher = corpus_and_matcher()
    return compare_programs(list(names), corpus, matcher, today)
