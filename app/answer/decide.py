"""How a decision answer reads ("is it worth it for me?"): a computed verdict line per program, the table of rows,
what the result depends on (the guide, cited) and what was assumed (each default with its source and how to
change it). Numbers come only from the decision rows (the calculator) and cited data; words from prompts/.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from app.answer.prompts import render
from app.answer.said import show_value
from app.corpus.records import Program
from app.corpus.text import markdown_table, money
from app.tools.compare import estimate_total
from app.tools.cost import Assumption
from app.tools.decision import (
    ASK_FOR,
    OWN_ID,
    SCENARIOS,
    DecisionRow,
    payback_cell,
    payback_years,
    payment_cell,
    scenario_label,
)

Cite = Callable[[Assumption, str | None], str]  # an assumption -> " [n]" (or "" when its quote is not in the corpus)

# How a person changes each default, in their own words.
HOW_TO_CHANGE = {
    "salary_after": "say 'my target is $150k' or 'I want to be a data scientist'",
    "years": "say 'it would take me 3 years'",
    "keep_working": "say 'I'd keep working' or 'I'd quit'",
    "apr_percent": "say 'at 6% over 10 years'",
}




def pick_weighed(programs: list[str], by_school: list[list[str]], record: Callable[[str], Program],
                 limit: int) -> list[str]:  # fmt: skip
    """The programs a decision (or an estimate, limit 1) weighs: all named, unless that is too many; then a school
    named only by its name ("UT Austin": three programs) gives one, its first with an estimated total tuition, so every
    school named is weighed (the answer's first line says which of its programs). Any still over are left out."""
    if len(programs) <= limit:
        return programs
    dropped = set()
    for ids in by_school:
        keep = next((pid for pid in ids if estimate_total(record(pid))[0] is not None), ids[0])
        dropped |= set(ids) - {keep}
    return [pid for pid in programs if pid not in dropped][:limit]


def shown(a: Assumption, currency: str | None) -> str:
    """An assumed value as a person reads it (said.show_value, the one formatter), with a program's tuition and fees
    in the row's currency when the record states none, and lengths to two decimals ("1.33 years")."""
    value = round(float(a.value), 2) if a.field in ("years", "term_years") and not isinstance(a.value, str) else a.value
    own = a.field in ("tuition", "fees_per_year")  # the program's money; everything else assumed is a US figure
    field = "salary_after" if "salary" in a.field else a.field  # the scenarios' "salary_after_pessimistic" too
    return show_value(field, value, a.currency or (currency if own else None))


def verdict(row: DecisionRow, cite_tuition: str, prompts: Path) -> str:
    """One computed line: cost all in, the salary given up, payback in the base case and what the worst case says;
    when the total is not computable, what is known and what is missing, once (prompts/decision_verdict.txt)."""
    cur = row.currency
    base, worst = row.payback["base"], row.payback["pessimistic"]
    if base.break_even_years is not None:
        # Their own salary after is their case, not the guide's middle one (as the table's "Payback, yours" row says).
        raise_ = f"your {money(base.salary_after, cur)} after" if row.salary_after_stated else "the base raise"
        pays = f"pays back in {payback_years(base.break_even_years)} at {raise_}"
    else:
        pays = base.reason or "no payback computed"
    forgone = None if row.forgone_income is None else money(row.forgone_income, cur, estimate=True) if row.forgone_income else ""
    total = None if row.total_economic_cost is None else money(row.total_economic_cost, cur, estimate=True)
    return render(prompts, "decision_verdict", title=row.title, total=total, cite=cite_tuition, keeps=row.keeps_working,
                  forgone=forgone, pays=pays, gap=row.cost_gap or "not computable from our data",
                  worst_never=worst.break_even_years is None and base.break_even_years is not None)  # fmt: skip


def verdict_lines(rows: list[DecisionRow], cite: Cite, prompts: Path) -> list[str]:
    """The decision's direct answer, one bullet per program, its tuition cited: what both engines open with."""
    lines = []
    for r in rows:
        tuition = next((a for a in r.assumptions if a.field == "tuition"), None)
        lines.append("- " + verdict(r, cite(tuition, r.program_id) if tuition else "", prompts))
    return lines


def table(rows: list[DecisionRow]) -> str:
    """The rows side by side, each column headed by its row's label: cost of attendance, income forgone, total,
    payback in three scenarios. Computed amounts in whole units (money's `estimate`)."""
    header = ["", *(r.label for r in rows)]

    def line(label: str, cell: Callable[[DecisionRow], str]) -> list[str]:
        return [label, *(cell(r) for r in rows)]

    def amount(v: float | None, r: DecisionRow) -> str:
        return "—" if v is None else money(v, r.currency, estimate=True)

    body = [
        line("Cost of attendance", lambda r: amount(r.cost_of_attendance, r)),
        line("Income forgone", lambda r: amount(r.forgone_income, r)),
        line("Total economic cost", lambda r: amount(r.total_economic_cost, r)),
        line("Keeps working?", lambda r: "yes" if r.keeps_working else "no"),
        *(line(f"Payback, {scenario_label(rows, s)} ({money(rows[0].payback[s].salary_after, rows[0].payback[s].currency)} after)",
               lambda r, s=s: payback_cell(r.payback[s]))
          for s in SCENARIOS),
        line("Monthly loan payment", payment_cell),
    ]
    return markdown_table(header, body)


def assumed_lines(rows: list[DecisionRow], cite: Cite) -> list[str]:
    """Each default once, with its value, source marker and how to change it."""
    seen: set[tuple[str, str]] = set()
    lines = []
    for r in rows:
        # Under "What I assumed" the calculator's "assumed: full-time study" would say it twice.
        lines.append(f"- {r.label}: {r.keeps_working_why.removeprefix('assumed: ')}.")
        for a in r.assumptions:
            key = (a.field, a.quote)
            if key in seen or a.field.startswith("salary_after_"):
                continue
            seen.add(key)
            value = shown(a, r.currency)
            change = HOW_TO_CHANGE.get(a.field, "")
            # The calculator names the program by its whole title; here its column's label says which, shorter.
            label = r.label + a.label.removeprefix(r.title) if a.label.startswith(r.title + ":") else a.label
            lines.append(f"- {label}: {value}{cite(a, r.program_id)}" + (f" ({change})" if change else ""))
    return lines


def compose_decision(rows: list[DecisionRow], you_said: str, cite: Cite, considerations: list[str], ask: str | None,
                     prompts: Path) -> list[str]:  # fmt: skip
    """The whole decision answer, as lines; `ask` is the input that would change it most (a DecisionInputs slot, see
    decision.most_needed_input), asked for with an example of that input; `you_said` echoes the person's numbers (said.you_said: in their
    own words where this message has them, "£60k", else in the currency they gave them in)."""
    own = [r.program_id for r in rows] == [OWN_ID]
    lines = [render(prompts, "decision_lead", n=len(rows), you_said=you_said, own=own),
             *verdict_lines(rows, cite, prompts)]
    lines += ["", table(rows)]
    if considerations:
        lines += ["", "**What this depends on**", *considerations]
    lines += ["", "**What I assumed**", *assumed_lines(rows, cite)]
    if ask:  # the programs it is missing for, named when more than one is weighed
        lacking = [r.label for r in rows if ask in r.missing] if len(rows) > 1 else []
        lines += ["", render(prompts, "decision_ask", slot=ask, missing=ASK_FOR.get(ask, ask), programs=lacking)]
    return lines
