"""`advisor find` through CliRunner and main() (app/cli/find.py)."""

from __future__ import annotations

import json
from typing import Any

import pytest
from click.testing import CliRunner

from app.cli.main import cli, main


def _invoke(*args: str) -> Any:
    return CliRunner().invoke(cli, ["find", *args])


def test_cli_json_shape() -> None:
    res = _invoke("--max-tuition", "20000", "--no-gre", "--json")
    assert res.exit_code == 0, res.output
    data = json.loads(res.output)
    assert set(data) == {"query", "matches", "unknown"}
    keys = ["program_id", "school", "name", "modality", "pace", "country", "estimated_total_tuition", "currency",
            "duration", "gre", "matched", "reasons", "citations"]  # fmt: skip
    for row in data["matches"] + data["unknown"]:
        assert list(row) == keys
        assert set(row["matched"]) == {"max_tuition", "no_gre"} == set(row["reasons"])
        for c in row["citations"]:
            assert set(c) == {"field", "url", "as_of", "quote"}
    edinburgh = next(r for r in data["unknown"] if r["program_id"] == "edinburgh-msc-ai")
    assert edinburgh["matched"]["max_tuition"] is None  # null, not false
    assert '"max_tuition": null' in res.output
    gatech = next(r for r in data["matches"] if r["program_id"] == "gatech-omscs")
    assert (gatech["estimated_total_tuition"], gatech["currency"]) == (6750.0, "USD")


def test_cli_markdown() -> None:
    res = _invoke("--modality", "online", "--pace", "part-time", "--country", "us", "--sort", "cost")
    assert res.exit_code == 0, res.output
    assert "Georgia Institute of Technology" in res.output and "Sources:" in res.output


@pytest.mark.parametrize(
    "args",
    [
        ["--max-tuition", "-1"],
        ["--max-years", "0"],
        ["--modality", "by-post"],
        ["--pace", "sometimes"],
        ["--sort", "price"],
        ["--field", "biology"],
        ["--background", "lots of CS"],
        ["--country", "Narnia"],
        ["--max-tuition", "nan"],
    ],
)
def test_cli_bad_input_exits_2(args: list[str], capsys: pytest.CaptureFixture[str]) -> None:
    assert _invoke(*args).exit_code == 2
    with pytest.raises(SystemExit) as e:
        main(["find", *args])
    assert e.value.code == 2
    assert "Traceback" not in capsys.readouterr().err
