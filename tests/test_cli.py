"""The `advisor` command line as a user runs it: real processes, real exit codes, no tracebacks."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from app.settings import Settings


def run(args: list[str], settings: Settings, stdin: str | None = None, **env: str) -> subprocess.CompletedProcess[str]:
    full_env = {**os.environ, "ADVISOR_INDEX_DIR": str(settings.index_dir), **env}
    return subprocess.run([sys.executable, "-m", "app", *args], input=stdin, capture_output=True, text=True,
                          env=full_env, timeout=300)  # fmt: skip


def test_search_json_shape(built_settings: Settings) -> None:
    out = run(["search", "Will I need linear algebra?", "--k", "3", "--json"], built_settings)
    assert out.returncode == 0, out.stderr
    hits = json.loads(out.stdout)
    assert len(hits) == 3
    assert set(hits[0]) == {"id", "kind", "section", "program_id", "title", "text", "score"}
    assert any(h["section"][-1:] == ["Applied mathematics"] for h in hits)


def test_search_batch_mode_reads_stdin(built_settings: Settings) -> None:
    out = run(["search", "--k", "2"], built_settings, stdin="online study\n\nfederal loan rate\n")
    assert out.returncode == 0, out.stderr
    lines = [json.loads(x) for x in out.stdout.splitlines()]
    assert len(lines) == 2 and all(len(x) == 2 for x in lines)
    assert lines[1][0]["kind"] == "figure"


def test_empty_query_exits_2_with_one_line(built_settings: Settings) -> None:
    out = run(["search", "   "], built_settings)
    assert out.returncode == 2
    assert out.stderr.strip() == "error: the query is empty"


def test_long_query_is_truncated_with_a_warning(built_settings: Settings) -> None:
    out = run(["search", "tuition " * 400, "--json"], built_settings)
    assert out.returncode == 0
    assert "warning: query truncated from 3199 to 2000 characters" in out.stderr
    assert "Traceback" not in out.stderr


def test_bad_corpus_is_one_line_naming_the_file(built_settings: Settings, corpus_copy: Path) -> None:
    (corpus_copy / "programs.yaml").write_bytes(b"\xff\xfe\x00 not utf8")
    out = run(["index"], built_settings, ADVISOR_CORPUS_DIR=str(corpus_copy))
    assert out.returncode == 1
    assert "programs.yaml: not valid UTF-8" in out.stderr and "Traceback" not in out.stderr


def test_index_json_reports_zero_embedded_on_rerun(scratch_settings: Settings) -> None:
    env = {"ADVISOR_CORPUS_DIR": str(scratch_settings.corpus_dir)}
    first = run(["index", "--json"], scratch_settings, **env)
    assert first.returncode == 0, first.stderr
    again = json.loads(run(["index", "--json"], scratch_settings, **env).stdout)
    assert again["embedded"] == 0 and again["unchanged"] == json.loads(first.stdout)["added"]


def test_first_search_builds_a_missing_index(scratch_settings: Settings) -> None:
    out = run(
        ["search", "hybrid programs", "--json"], scratch_settings, ADVISOR_CORPUS_DIR=str(scratch_settings.corpus_dir)
    )
    assert out.returncode == 0, out.stderr
    assert "Building the index" in out.stderr and json.loads(out.stdout)


@pytest.mark.slow
def test_eval_retrieval_prints_both_modes(built_settings: Settings) -> None:
    from tests.conftest import DEV_QUESTIONS

    out = run(["eval", "retrieval", "--questions", str(DEV_QUESTIONS), "--json"], built_settings)
    report = json.loads(out.stdout)["tune"]  # the dev questions are all in the tuning half
    assert {"hybrid", "dense"} <= set(report) and report["hybrid"]["recall@5"] >= 0.9


def test_config_lists_every_setting_and_hides_the_password(built_settings: Settings) -> None:
    out = run(["config"], built_settings, ADVISOR_AUTH="me:s3cret")
    assert out.returncode == 0
    assert "ADVISOR_INDEX_DIR=" in out.stdout and "ADVISOR_ABSTAIN_THRESHOLD=0.27" in out.stdout
    assert "ADVISOR_AUTH=***" in out.stdout and "s3cret" not in out.stdout
