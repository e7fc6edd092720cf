"""`advisor compare` through CliRunner (app/cli/compare.py)."""

from __future__ import annotations

import json

import click
import pytest
from click.testing import CliRunner

from app.cli.compare import compare_cmd
from app.corpus.records import NOT_PUBLISHED
from app.settings import Settings


@pytest.fixture
def run() -> object:
    group = click.Group()
    group.add_command(compare_cmd)
    return lambda *args: CliRunner().invoke(group, ["compare", *args], obj=Settings())


def test_cli_prints_the_table_and_reports_unknown_names_on_stderr(run) -> None:
    result = run("OMSCS", "CMU MSML", "Hogwarts")
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith("| Field | gatech-omscs | cmu-msml |")
    assert "Sources:" in result.stdout and "$225 × 30 credit hours = $6,750" in result.stdout
    assert "unknown program 'Hogwarts': it matches no program in our data" in result.stderr
    assert "Hogwarts" not in result.stdout


def test_cli_json(run) -> None:
    result = run("Georgia Tech online", "drexel-ms-ai-ml", "--json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert [p["id"] for p in data["programs"]] == ["gatech-omscs", "drexel-ms-ai-ml"]
    assert data["programs"][1]["tuition"]["display"] == NOT_PUBLISHED


def test_cli_exits_2_when_no_name_matched(run) -> None:
    result = run("Hogwarts", "Narnia University")
    assert result.exit_code == 2
    assert "unknown program 'Hogwarts': it matches no program in our data" in result.stderr
    assert "unknown program 'Narnia University': it matches no program in our data" in result.stderr
    assert "Traceback" not in result.output and isinstance(result.exception, SystemExit)
