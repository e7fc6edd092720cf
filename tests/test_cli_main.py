"""The `advisor` group's error edge: one line, an exit code, no traceback (app/cli/main.py)."""

from __future__ import annotations

from pathlib import Path

from app.settings import Settings
from tests.helpers import run


def test_bad_corpus_is_one_line_naming_the_file(built_settings: Settings, corpus_copy: Path) -> None:
    (corpus_copy / "programs.yaml").write_bytes(b"\xff\xfe\x00 not utf8")
    out = run(["index"], built_settings, ADVISOR_CORPUS_DIR=str(corpus_copy))
    assert out.returncode == 1
    assert "programs.yaml: not valid UTF-8" in out.stderr and "Traceback" not in out.stderr
