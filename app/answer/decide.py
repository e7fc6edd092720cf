"""How a decision answer reads ("is it worth it for me?"): a computed verdict line per program, the table of rows,
what the result depends on (the guide, cited) and what was assumed (each default with its source and how to
change it). Numbers come only from the decision rows (the calculator) and cited data; words from prompts/.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from app.answer.prompts import render
from app.corpus.records import Program
from app.corpus.text import markdown_table, money, plural
from app.tools.compare import estimate_total
from app.tools.cost import Assumption
from app.tools.decision import (
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
    """An assumed value as a person reads it: money, years, or a plain number."""
    if isinstance(a.value, str):
        return a.value
    if a.field in ("tuition", "fees_per_year") or "salary" in a.field:
        return money(float(a.value), "USD" if "salary" in a.field else currency or "USD")
    if a.field in ("years", "term_years"):
        return plural(round(float(a.value), 2), "year")
    return f"{a.value:g}%" if a.field == "apr_percent" else f"{a.value:g}"


def verdict(row: DecisionRow, cite_tuition: str) -> str:
    """One computed line: cost all in, the salary assumption, payback in the base case and what the worst case says."""
    cur = row.currency
    cost = "cost not computable" if row.total_economic_cost is None else f"about {money(row.total_economic_cost, cur)} all in{cite_tuition}"
    if row.keeps_working:
        salary = "keeps your salary"
    elif row.forgone_income:
        salary = f"including {money(row.forgone_income, cur)} of salary given up"
    else:
        salary = "without a salary meanwhile"
    base, worst = row.payback["base"], row.payback["pessimistic"]
    if base.break_even_years is not None:
        pays = f"pays back in {payback_years(base.break_even_years)} at the base raise"
    else:
        pays = base.reason or "no payback computed"
    if worst.break_even_years is None and base.break_even_years is not None:
        pays += ", never in the pessimistic case (no more than your salary now)"
    return f"**{row.title}**: {cost}, {salary}; {pays}."


def verdict_lines(rows: list[DecisionRow], cite: Cite) -> list[str]:
    """The decision's direct answer, one bullet per program, its tuition cited: what both engines open with."""
    lines = []
    for r in rows:
        tuition = next((a for a in r.assumptions if a.field == "tuition"), None)
        lines.append("- " + verdict(r, cite(tuition, r.program_id) if tuition else ""))
    return lines


def table(rows: list[DecisionRow]) -> str:
    """The rows side by side: cost of attendance, income forgone, total, payback in three scenarios."""
    header = ["", *(r.title.split(" — ")[-1] for r in rows)]

    def line(label: str, cell: Callable[[DecisionRow], str]) -> list[str]:
        return [label, *(cell(r) for r in rows)]

    def amount(v: float | None, r: DecisionRow) -> str:
        return "—" if v is None else money(v, r.currency)

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
        lines.append(f"- {r.title.split(' — ')[-1]}: {r.keeps_working_why}.")
        for a in r.assumptions:
            key = (a.field, a.quote)
            if key in seen or a.field.startswith("salary_after_"):
                continue
            seen.add(key)
            value = shown(a, r.currency)
            change = HOW_TO_CHANGE.get(a.field, "")
            lines.append(f"- {a.label}: {value}{cite(a, r.program_id)}" + (f" ({change})" if change else ""))
    return lines


def compose_decision(rows: list[DecisionRow], you_said: str, cite: Cite, considerations: list[str], ask: str | None,
                     prompts: Path) -> list[str]:  # fmt: skip
    """The whole decision answer, as lines; `you_said` echoes the person's numbers (grounded.you_said: in their
    own words where this message has them, "£60k", else in the currency they gave them in)."""
    own = [r.program_id for r in rows] == [OWN_ID]
    lines = [render(prompts, "decision_lead", n=len(rows), you_said=you_said, own=own), *verdict_lines(rows, cite)]
    lines += ["", table(rows)]
    if considerations:
        lines += ["", "**What this depends on**", *considerations]
    lines += ["", "**What I assumed**", *assumed_lines(rows, cite)]
    if ask:
        lines += ["", render(prompts, "decision_ask", missing=ask)]
    return lines
