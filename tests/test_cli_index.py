"""`advisor index`, `advisor eval` and `advisor config` as subprocesses (app/cli/index.py)."""

from __future__ import annotations

import json

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
