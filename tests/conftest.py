"""Shared fixtures: the real corpus, the real model and a real Chroma store, all in temp dirs.

Test layout: tests follow modules. app/<package>/<module>.py is tested in tests/test_<package>_<module>.py
(test_answer_intent.py, test_corpus_chunks.py, test_tools_cost.py, test_cli_cost.py ...) and a top-level
app/<module>.py in tests/test_<module>.py (test_evaluation.py). Not module tests: test_architecture.py (layout and
size rules), test_load.py (20 concurrent sessions), test_browser.py (the web app in a browser) and tests/evals/
(quality goals on the labelled questions). Plain helpers shared by several modules are in tests/helpers.py.
"""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from app.index.build import ONNX_SUBDIR, build_index
from app.settings import PROJECT_ROOT, Settings

CORPUS = PROJECT_ROOT / "corpus"
DEV_QUESTIONS = PROJECT_ROOT / "tests" / "evals" / "data" / "dev_questions.jsonl"  # a copy of ../shared/eval/
EVAL_QUESTIONS = PROJECT_ROOT / "tests" / "evals" / "data" / "questions.jsonl"  # dev + real questions, two halves
# Real first-person sentences with numbers, held out from the number reader's development, in two halves.
FORUM_PHRASINGS = PROJECT_ROOT / "tests" / "evals" / "data" / "number_phrasings_forum.jsonl"


@pytest.fixture(autouse=True)
def _isolated_env(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """Tests never touch the real index/ or feedback file."""
    for var in ("ADVISOR_CHROMA_URL", "ADVISOR_LLM", "ADVISOR_CORPUS_DIR"):
        monkeypatch.delenv(var, raising=False)
    monkeypatch.setenv("ADVISOR_INDEX_DIR", str(tmp_path / "index"))
    monkeypatch.setenv("ADVISOR_FEEDBACK_DB", str(tmp_path / "feedback.sqlite3"))
    monkeypatch.setenv("ADVISOR_TODAY", "2026-11-25")


@pytest.fixture(scope="session")
def built_settings(tmp_path_factory: pytest.TempPathFactory) -> Settings:
    """One real index of the real corpus, built once per test session (exports ONNX once)."""
    index_dir = tmp_path_factory.mktemp("index")
    settings = Settings(index_dir=index_dir, corpus_dir=CORPUS, today="2026-11-25")
    build_index(settings, progress=False, log=lambda m: None)
    return settings


@pytest.fixture
def corpus_copy(tmp_path: Path) -> Path:
    """A writable copy of the corpus for tests that edit it."""
    dst = tmp_path / "corpus"
    shutil.copytree(CORPUS, dst)
    return dst


@pytest.fixture
def scratch_settings(built_settings: Settings, corpus_copy: Path, tmp_path: Path) -> Iterator[Settings]:
    """Settings with their own empty index dir and corpus copy; the ONNX export is reused, not redone."""
    index_dir = tmp_path / "index"
    index_dir.mkdir()
    shutil.copytree(built_settings.index_dir / ONNX_SUBDIR, index_dir / ONNX_SUBDIR)
    yield Settings(index_dir=index_dir, corpus_dir=corpus_copy, today="2026-11-25")


@pytest.fixture(scope="session")
def advisor(built_settings: Settings):
    from app.wiring import build_advisor

    return build_advisor(built_settings, log=lambda m: None)
