"""`advisor cost` through CliRunner (app/cli/cost.py)."""

from __future__ import annotations

import json
from typing import Any

import click
import pytest
from click.testing import CliRunner

from app.cli.cost import cost_cmd
from app.settings import Settings
from tests.test_tools_cost import RATE_LABEL


def run_cli(*args: str) -> Any:
    group = click.Group()
    group.add_command(cost_cmd)
    return CliRunner().invoke(group, ["cost", *args], obj=Settings())


def test_cli_legacy_borrower_flag() -> None:
    res = run_cli("--loan", "41000", "--legacy-borrower", "--json")
    assert res.exit_code == 0, res.output
    assert json.loads(res.stdout)["term_years"] == 10
    human = run_cli("--loan", "60000", "--years", "2", "--salary-after", "70000").stdout
    assert "Federal loan (capped at $41,000)" in human and "$19,000" in human and "15 years" in human
    assert "Repayment Assistance Plan" in human and RATE_LABEL in human


def test_cli_pace_and_employer_aid_flags() -> None:
    kept = json.loads(run_cli("--program", "gatech-omscs", "--salary-before", "90000", "--years", "3", "--json").stdout)
    assert kept["forgone_income"] == 0  # online OMSCS: the job is assumed kept, as a decision assumes
    quit_ = run_cli("--program", "gatech-omscs", "--salary-before", "90000", "--years", "3", "--full-time", "--json")
    assert json.loads(quit_.stdout)["forgone_income"] == 270000
    aided = json.loads(run_cli("--program", "cmu-msml", "--employer-aid-per-year", "5250", "--json").stdout)
    assert aided["employer_aid"] == 7000 and aided["total_cost_of_attendance"] == aided["tuition"] - 7000


def test_cli_json_has_the_output_keys() -> None:
    res = run_cli("--loan", "80000", "--apr", "7", "--term-years", "10", "--json")
    assert res.exit_code == 0, res.output
    out = json.loads(res.stdout)
    keys = {"total_cost_of_attendance", "forgone_income", "total_economic_cost", "monthly_payment", "total_interest",
            "total_repaid", "break_even_years", "debt_to_income", "accrued_interest", "loan_principal", "schedule",
            "assumptions", "missing", "notes", "currency"}  # fmt: skip
    assert keys <= out.keys()
    assert (out["monthly_payment"], out["total_interest"]) == (928.87, 31464.14)
    assert len(out["schedule"]) == 10


def test_cli_human_output_lists_sources_and_needed() -> None:
    args = ["--program", "gatech-omscs", "--part-time", "--salary-before", "90000", "--role", "data_scientist"]
    res = run_cli(*args, "--savings", "0")
    assert res.exit_code == 0, res.output
    assert "duration 'up to six years' is not a single number, so the guide's typical 2 years" in res.stdout
    assert "Total cost of attendance" in res.stdout and "$6,750" in res.stdout
    assert "guide.md § Data scientist" in res.stdout and "$139,202 annually" in res.stdout
    assert "(as of 2025-26)" in res.stdout and "$180 per credit" in res.stdout


def test_cli_missing_goes_into_json() -> None:
    out = json.loads(run_cli("--program", "gatech-omscs", "--json").stdout)
    assert "years" not in out["missing"] and out["years"] == 2.0 and out["tuition"] == 6750.0
    assert any(a["field"] == "years" and a["url"] == "guide" for a in out["assumptions"])  # cited, not silent


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--years", "-1"], "error: invalid input: --years: Input should be greater than 0"),
        (["--apr", "150"], "error: invalid input: --apr:"),
        (["--years", "nan"], "error: invalid input: --years:"),
        (
            ["--tuition-total", "5", "--tuition-per-year", "1"],
            "error: invalid input: conflicting tuition inputs --tuition-per-year",
        ),
        (["--program", "nope"], "error: unknown program id 'nope'"),
    ],
)
def test_cli_invalid_input_is_one_line_exit_2(args: list[str], message: str) -> None:
    res = run_cli(*args)
    assert res.exit_code == 2
    assert res.stderr.startswith(message) and res.stderr.count("\n") == 1 and "Traceback" not in res.stderr
    assert res.stdout == ""


def test_cli_non_numeric_is_a_click_usage_error() -> None:
    res = run_cli("--years", "abc")
    assert res.exit_code == 2 and "not a valid float" in res.stderr


def test_help_says_the_federal_defaults_are_for_loans_in_us_dollars() -> None:
    import re

    res = run_cli("--help")
    assert res.exit_code == 0, res.output
    text = re.sub(r"\s+", " ", res.output)  # click wraps the help text
    apr = text.split("--apr FLOAT ")[1].split(" --term-years")[0]
    assert "Default for a loan in US dollars: the federal Direct Unsubsidized graduate rate" in apr
    assert "a loan in another currency has none" in apr and "for illustration only" in apr
    term = text.split("--term-years FLOAT ")[1].split(" --accrue-in-school")[0]
    assert "Default for a loan in US dollars: the federal standard term for the amount borrowed" in term
    assert "in another currency: the US 10-year standard term" in term
    assert "loans in US dollars only" in text.split("--accrue-in-school ")[1].split(" --legacy-borrower")[0]
    # What the help promises is what the calculator does for a loan in pounds.
    gbp = json.loads(run_cli("--program", "edinburgh-msc-ai", "--loan", "20000", "--json").stdout)
    assert gbp["payment_basis"] == "illustration" and gbp["term_years"] == 10 and gbp["term_tier"] is None
