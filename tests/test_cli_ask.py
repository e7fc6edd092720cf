"""`advisor search` as a user runs it (app/cli/ask.py): real processes, real exit codes, no tracebacks."""

from __future__ import annotations

import json

from app.settings import Settings
from tests.helpers import run


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


def test_first_search_builds_a_missing_index(scratch_settings: Settings) -> None:
    out = run(
        ["search", "hybrid programs", "--json"], scratch_settings, ADVISOR_CORPUS_DIR=str(scratch_settings.corpus_dir)
    )
    assert out.returncode == 0, out.stderr
    assert "Building the index" in out.stderr and json.loads(out.stdout)
