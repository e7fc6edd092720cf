"""`advisor decide`: is a master's worth it for me? One row per program: cost, income forgone, payback."""

from __future__ import annotations

import json

import click

from app.answer.decide import shown
from app.cli.common import domain_errors
from app.corpus.load import corpus_for
from app.corpus.text import money
from app.errors import InvalidInput, UnknownProgram
from app.retrieval.names import matcher_for
from app.settings import Settings
from app.tools.cost import ROLES, format_validation_error
from app.tools.decision import SCENARIOS, DecisionInputs, DecisionRow, decide


def _inputs(values: dict[str, object]) -> DecisionInputs:
    from pydantic import ValidationError

    try:
        return DecisionInputs(**{k: v for k, v in values.items() if v is not None})
    except ValidationError as e:
        raise InvalidInput(format_validation_error(e)) from e


def _text(rows: list[DecisionRow]) -> str:
    lines = []
    for r in rows:
        cur = r.currency
        lines += [f"{r.title}", f"  {r.keeps_working_why}"]
        for label, v in (("cost of attendance", r.cost_of_attendance), ("income forgone", r.forgone_income),
                         ("total economic cost", r.total_economic_cost)):  # fmt: skip
            lines.append(f"  {label:<22}{'—' if v is None else money(v, cur, estimate=True):>16}")
        for s in SCENARIOS:
            pb = r.payback[s]
            years = f"{pb.break_even_years:g} years" if pb.break_even_years is not None else pb.reason
            lines.append(f"  payback, {s:<12} salary after {money(pb.salary_after, 'USD')}: {years}")
        lines += ["  assumed:"] + [f"    - {a.label}: {shown(a, cur)} ({a.url}, {a.as_of}): \"{a.quote}\"" for a in r.assumptions]
        lines.append("")
    return "\n".join(lines).rstrip()


@click.command("decide")
@click.option("--program", "programs", multiple=True, required=True, help="A program name, alias or id (repeatable).")
@click.option("--salary", type=click.FLOAT, help="Your salary now, per year.")
@click.option("--target-role", type=click.Choice(ROLES), help="Target job; its guide salary is the base case.")
@click.option("--salary-after", type=click.FLOAT, help="Your expected salary after the degree (the base case).")
@click.option("--keep-working/--quit", "keep_working", default=None, help="Keep your job while studying, or not.")
@click.option("--savings", type=click.FLOAT, help="Cash available; the rest is borrowed.")
@click.option("--legacy-borrower", is_flag=True, help="You borrowed for this program before July 1, 2026.")
@click.option("--json", "as_json", is_flag=True, help="One JSON object: {decision: [rows]}.")
@click.pass_obj
@domain_errors
def decide_cmd(settings: Settings, programs: tuple[str, ...], salary: float | None, target_role: str | None,
               salary_after: float | None, keep_working: bool | None, savings: float | None, legacy_borrower: bool,
               as_json: bool) -> None:  # fmt: skip
    """Weigh programs with your numbers: cost, income forgone, payback in three scenarios; every default cited."""
    if target_role and salary_after is not None:
        raise InvalidInput("give --target-role or --salary-after, not both")
    corpus = corpus_for(settings)
    matcher = matcher_for(corpus)
    resolved = {name: matcher.resolve(name) for name in programs}
    unknown = [name for name, pid in resolved.items() if pid is None]
    ids = list(dict.fromkeys(pid for pid in resolved.values() if pid is not None))
    if unknown:
        raise UnknownProgram("; ".join(f"unknown program '{n}': it matches no program in our data" for n in unknown))
    inputs = _inputs({"salary_before": salary, "target_role": target_role, "salary_after": salary_after,
                      "keep_working": keep_working, "savings": savings, "legacy_borrower": legacy_borrower})  # fmt: skip
    rows = decide(ids, inputs, corpus)
    if as_json:
        click.echo(json.dumps({"decision": [r.model_dump(mode="json") for r in rows]}, ensure_ascii=False))
    else:
        click.echo(_text(rows))
