"""`advisor cost`: the cost calculator on the command line; every assumed default is printed with its source."""

from __future__ import annotations

import json
import re
from typing import Any

import click

from app.cli.common import domain_errors
from app.corpus.load import corpus_for
from app.errors import InvalidInput
from app.settings import Settings
from app.tools.cost import ROLES, CostInputs, CostResult, calculate, parse_inputs
from app.tools.cost_render import breakdown

# Input field → the flag the user typed, so error messages name what they can fix ("--tuition-per-year").
_FLAG_NAMES = {"apr_percent": "--apr", "program_id": "--program", "repayment_plan": "--plan"}
FLAGS = {name: _FLAG_NAMES.get(name, "--" + name.replace("_", "-")) for name in CostInputs.model_fields}


def _flagged(message: str) -> str:
    return re.sub(r"\b(" + "|".join(FLAGS) + r")\b", lambda m: FLAGS[m.group(1)], message)


def render(result: CostResult, title: str | None = None) -> str:
    """Human-readable breakdown: the figures, every assumed default with source and as-of, notes, needed inputs."""
    cur, r = result.currency, result
    rows = breakdown(r)
    width = max(len(label) for label, _ in rows) + 2
    lines = [f"Cost estimate{' — ' + title if title else ''} (currency: {cur or 'not stated'})", ""]
    lines += [f"  {label:<{width}}{value:>16}" if len(value) <= 16 else f"  {label:<{width}}{value}"
              for label, value in rows]  # fmt: skip
    if r.loan_risk_note:
        lines += ["", r.loan_risk_note]
    if r.assumptions:
        lines += ["", "Assumed defaults (from data):"]
        for a in r.assumptions:
            where = "guide.md" + (f" § {a.section}" if a.section else "") if a.url == "guide" else a.url
            lines.append(f"  - {a.field} = {a.value:g} — {a.label}" if isinstance(a.value, float) else
                         f"  - {a.field} = {a.value} — {a.label}")  # fmt: skip
            lines.append(f'    source: {where} (as of {a.as_of}): "{a.quote}"')
    if r.notes:
        lines += ["", "Notes:"] + [f"  - {n}" for n in r.notes]
    if r.missing:
        lines.append("")
        lines += [f"needed: {name} ({r.missing_reasons.get(name, 'not given')})" for name in r.missing]
    return "\n".join(lines)


def _option(flag: str, help_: str) -> Any:
    return click.option(flag, type=click.FLOAT, default=None, help=help_)


@click.command("cost")
@_option("--tuition-per-year", "Tuition per year (give tuition one way only).")
@_option("--tuition-per-credit", "Tuition per credit; needs --credits or a --program with credits.")
@_option("--credits", "Credits in the degree.")
@_option("--tuition-total", "Tuition for the whole degree.")
@_option("--years", "Years of study (1.5 = 18 months).")
@_option("--living-per-month", "Living costs per month while studying.")
@_option("--relocation", "One-time relocation cost.")
@_option("--fees-per-year", "Mandatory fees per year.")
@_option("--employer-aid-per-year", "Tuition your employer pays a year; taken off the tuition.")
@_option("--salary-before", "Current annual salary (forgone while studying full-time).")
@_option("--salary-after", "Expected annual salary after the degree.")
@click.option("--role", type=click.Choice(ROLES), help="Target role; sets --salary-after from the guide if not given (US dollar salaries: only for costs "
                   "in US dollars, never converted).")
@click.option("--part-time/--full-time", default=None,
              help="Keep working while studying (no forgone income), or quit to study; unset: assumed from the "
                   "program (online and not only full-time: keeps working).")
@_option("--loan", "Amount borrowed.")
@_option("--savings", "Savings; the loan is the cost of attendance minus this.")
@_option("--savings-share", "Share of the cost of attendance paid from savings, 0 to 1 (0.4 = 40%); the rest is borrowed.")
@_option("--apr", "Loan APR in percent. Default for a loan in US dollars: the federal Direct Unsubsidized graduate "
         "rate; a loan in another currency has none (without --apr its payment is at that US rate, for illustration "
         "only).")
@_option("--term-years", "Repayment term in years. Default for a loan in US dollars: the federal standard term for "
         "the amount borrowed; in another currency: the US 10-year standard term, said so.")
@click.option("--accrue-in-school", is_flag=True,
              help="Interest accrues in school and in the federal 6-month grace period (loans in US dollars only: "
                   "our sources hold nothing on it for loans in other currencies).")
@click.option("--legacy-borrower", is_flag=True,
              help="You borrowed a Direct Loan for this program before July 1, 2026: Grad PLUS and the 10-year term "
                   "(US federal loans, in dollars).")
@click.option("--dependents", type=click.IntRange(min=0), default=None, help="Dependents, for the RAP payment.")
@click.option("--plan", "repayment_plan", type=click.Choice(["standard", "rap"]), default=None,
              help="Repayment plan for debt-to-income: standard (default) or rap (Repayment Assistance Plan; loans "
                   "in US dollars only).")
@click.option("--program", "program_id", help="Program id (e.g. gatech-omscs): tuition and duration from its record.")
@click.option("--json", "as_json", is_flag=True, help="Print the full result as JSON.")
@click.pass_obj
@domain_errors
def cost_cmd(settings: Settings, as_json: bool, apr: float | None, **values: Any) -> None:
    """Cost of a master's: cost of attendance, forgone income, loan payment, break-even.

    Defaults come from cited data and are listed with their source; inputs still needed are listed as 'needed:'.
    """
    values["apr_percent"] = apr
    # An unset flag is left to the calculator; --full-time is a False that the person said.
    data = {k: v for k, v in values.items() if v is not None and (v is not False or k == "part_time")}
    corpus = corpus_for(settings)
    try:
        result = calculate(parse_inputs(data), corpus)
    except InvalidInput as e:  # name the flag the user typed, not the field
        raise type(e)(_flagged(str(e))) from e
    if as_json:
        click.echo(json.dumps(result.model_dump(mode="json"), ensure_ascii=False, indent=2))
        return
    title = corpus.program(data["program_id"]).title if "program_id" in data else None
    click.echo(render(result, title))
