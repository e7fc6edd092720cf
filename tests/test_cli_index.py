"""`advisor index`, `advisor eval` and `advisor config` as subprocesses (app/cli/index.py)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from app.settings import Settings
from tests.helpers import run


def test_index_json_reports_zero_embedded_on_rerun(scratch_settings: Settings) -> None:
    env = {"ADVISOR_CORPUS_DIR": str(scratch_settings.corpus_dir)}
    first = run(["index", "--json"], scratch_settings, **env)
    assert first.returncode == 0, first.stderr
    again = json.loads(run(["index", "--json"], scratch_settings, **env).stdout)
    assert again["embedded"] == 0 and again["unchanged"] == json.loads(first.stdout)["added"]


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


def test_eval_numbers_reports_both_halves_and_a_bad_file_is_one_line(built_settings: Settings, tmp_path: Path) -> None:
    from tests.conftest import FORUM_PHRASINGS

    out = run(["eval", "numbers", "--phrasings", str(FORUM_PHRASINGS), "--json"], built_settings)
    assert out.returncode == 0, out.stderr
    report = json.loads(out.stdout)
    assert set(report) == {"tune", "test"} and report["tune"]["rows"] + report["test"]["rows"] == 101
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"id": "x"}\n')
    failed = run(["eval", "numbers", "--phrasings", str(bad)], built_settings)
    assert failed.returncode != 0 and len(failed.stderr.strip().splitlines()) == 1, failed.stderr
