"""A decision answer on the page: the cumulative net-gain chart's data, the rows table and the program picker."""

from __future__ import annotations

import math
from typing import TYPE_CHECKING, Any, NamedTuple

from app.answer.citations import AnswerResult
from app.tools.cost import fmt_money
from app.tools.decision import SCENARIOS, DecisionRow, payback_cell, payment_cell, scenario_label

if TYPE_CHECKING:
    import pandas as pd



from app.ui.presenters import render_template

# (base line, pessimistic/optimistic band lines) per program, in the decision's order.
CHART_YEARS, CHART_MAX_YEARS = 10, 30  # the chart's span: 10 years, longer to pass the latest base break-even, ≤ 30
DECISION_COLORS = (("#1d4ed8", "#93c5fd"), ("#b45309", "#fcd34d"), ("#047857", "#6ee7b7"), ("#7c3aed", "#c4b5fd"))


BREAK_EVEN_COLOR = "#111827"


BREAK_EVEN = "break-even"


DECISION_COLUMNS = ["year", "net", "series", "program", "scenario"]


def series_name(label: str, scenario: str) -> str:
    """A chart series: the program's label for its base line (what the legend lists), else 'label · scenario'."""
    return label if scenario == "base" else f"{label} · {scenario}"


class DecisionChart(NamedTuple):
    """What the decision chart draws: the frame (see `decision_frame`), a color per series, the series named in
    the legend, and the caption under it (the rule, and the programs left out)."""

    frame: pd.DataFrame
    colors: dict[str, str]
    legend: list[str]
    caption: str


def decision_rows(result: AnswerResult | None) -> list[DecisionRow]:
    """The rows of a decision answer (intent "decide"); [] for any other answer."""
    if result is None or result.intent != "decide":
        return []
    return [DecisionRow.model_validate(d) for d in result.decision]


def decision_labels(rows: list[DecisionRow]) -> dict[str, str]:
    """program id → its column's label, made with the chat table's by the decision (app.corpus.text.program_labels):
    the school, or the program's short name when two share one ("MCDS", "MS in Machine Learning")."""
    return {r.program_id: r.label for r in rows}


def chart_left_out(row: DecisionRow) -> str | None:
    """Why a row has no line in the chart, or None. Salaries are US dollars, never converted."""
    if (row.currency or "USD") != "USD":
        return f"charges in {row.currency}, the salaries are in USD (never converted)"
    if row.total_economic_cost is None:
        return "total cost unknown"
    if row.salary_before is None:
        return "needs your salary now"
    if row.years is None:
        return "years of study unknown"
    return None


def net_gain(row: DecisionRow, scenario: str, year: float) -> float:
    """Cumulative net gain at `year` (0 = starting the program): −total economic cost + the scenario's yearly raise ×
    the years since graduating. One rule for every program: the raise starts after `row.years` of study (income
    given up while studying is already in the total economic cost; a part-time student's salary is unchanged until
    graduating)."""
    return -(row.total_economic_cost or 0.0) + row.payback[scenario].raise_per_year * max(0.0, year - (row.years or 0))


def base_crossing(row: DecisionRow) -> float | None:
    """The year the base line crosses zero: years of study + total economic cost ÷ base raise (None: no raise)."""
    raise_ = row.payback["base"].raise_per_year
    if chart_left_out(row) or raise_ <= 0:
        return None
    return (row.years or 0.0) + (row.total_economic_cost or 0.0) / raise_


def chart_years(rows: list[DecisionRow]) -> int:
    """10, or enough to pass the latest base break-even, at most 30."""
    crossings = [c for r in rows if (c := base_crossing(r)) is not None]
    return min(CHART_MAX_YEARS, max(CHART_YEARS, math.ceil(max(crossings, default=0)) + 1))


def decision_frame(rows: list[DecisionRow]) -> pd.DataFrame:
    """Rows (year, net, series, program, scenario) for the decision chart: per charted program a line per scenario
    (base, pessimistic, optimistic) at years 0 … N, plus the exact points where a line bends (graduation) or the
    base line crosses zero; and a short vertical "break-even" tick through zero at that crossing. Programs that
    `chart_left_out` are not in it. Net values in US dollars, to the cent."""
    import pandas as pd

    charted = [r for r in rows if chart_left_out(r) is None]
    labels, end = decision_labels(rows), chart_years(rows)
    out: list[dict[str, Any]] = []
    for r in charted:
        crossing = base_crossing(r)
        for s in SCENARIOS:
            xs = {float(y) for y in range(end + 1)} | ({r.years} if r.years and r.years < end else set())
            if s == "base" and crossing is not None and crossing <= end:
                xs.add(crossing)
            out += [{"year": round(x, 4), "net": 0.0 if s == "base" and x == crossing else round(net_gain(r, s, x), 2),
                     "series": series_name(labels[r.program_id], s), "program": r.program_id, "scenario": s}
                    for x in sorted(xs)]  # fmt: skip
    nets = [0.0, *(o["net"] for o in out)]
    tick = round((max(nets) - min(nets)) * 0.04, 2) or 1.0
    for r in charted:
        if (crossing := base_crossing(r)) is not None and crossing <= end:
            out += [{"year": round(crossing, 4), "net": y, "series": series_name(labels[r.program_id], BREAK_EVEN),
                     "program": r.program_id, "scenario": BREAK_EVEN} for y in (-tick, tick)]  # fmt: skip
    return pd.DataFrame(out, columns=DECISION_COLUMNS)


def decision_chart(rows: list[DecisionRow]) -> DecisionChart:
    """The chart's frame, colors (a program's base line dark, its band light, break-even ticks black), legend (the
    base lines) and caption: the rule, then one line naming the programs left out and why."""
    labels = decision_labels(rows)
    charted = [r for r in rows if chart_left_out(r) is None]
    colors: dict[str, str] = {}
    for r, (dark, light) in zip(charted, DECISION_COLORS * 2, strict=False):
        label = labels[r.program_id]
        shades = {"base": dark, "pessimistic": light, "optimistic": light, BREAK_EVEN: BREAK_EVEN_COLOR}
        colors |= {series_name(label, s): color for s, color in shades.items()}
    legend = [series_name(labels[r.program_id], "base") for r in charted]  # the band and ticks: in the caption
    caption = ("Cumulative net gain (USD) = −total economic cost + the yearly raise × years since graduating (the "
               "raise starts after the years of study). Dark: base salary; light: pessimistic and optimistic; "
               "black tick: base break-even.")  # fmt: skip
    # Each charted line's figures in words: the chart's text alternative, and the link between the tick (years
    # from starting: 8.9) and the table's payback (years after graduating: ~7.6), which read as a contradiction.
    caption += "".join(f" {line_in_words(r, labels[r.program_id])}" for r in charted)
    left = [f"{labels[r.program_id]} ({why})" for r in rows if (why := chart_left_out(r))]
    if left:
        caption += " Not in the chart: " + "; ".join(left) + "."
    return DecisionChart(decision_frame(rows), colors, legend, caption)


def line_in_words(row: DecisionRow, label: str) -> str:
    """'MS in Machine Learning: total economic cost $196,000; base break-even in year 8.9 (1.3 of study + ~7.6 years
    of payback).' — or that the base line never reaches zero."""
    total = fmt_money(row.total_economic_cost or 0.0, "USD", estimate=True)
    if (crossing := base_crossing(row)) is None:
        return f"{label}: total economic cost {total}; no base break-even (no raise at the base salary)."
    payback = payback_cell(row.payback["base"])  # the table's own words (a recomputed one rounded differently)
    return (f"{label}: total economic cost {total}; base break-even in year {crossing:.1f} "
            f"({row.years or 0:.1f} of study + {payback} of payback).")  # fmt: skip


def decision_html(rows: list[DecisionRow]) -> str:
    """The decision table: cost of attendance, income forgone, total economic cost, whether the person keeps working,
    payback in the three scenarios (a cell without a number says why on hover), monthly loan payment."""

    def amount(v: float | None, r: DecisionRow) -> str:
        return "—" if v is None else fmt_money(v, r.currency, estimate=True)

    labels = decision_labels(rows)
    lines: list[tuple[str, list[tuple[str, str | None]]]] = [
        ("Cost of attendance", [(amount(r.cost_of_attendance, r), None) for r in rows]),
        ("Income forgone", [(amount(r.forgone_income, r), None) for r in rows]),
        ("Total economic cost", [(amount(r.total_economic_cost, r), None) for r in rows]),
        ("Keeps working?", [("yes" if r.keeps_working else "no", r.keeps_working_why) for r in rows]),
    ]
    for s in SCENARIOS:
        after = fmt_money(rows[0].payback[s].salary_after, "USD") if rows else ""
        lines.append((f"Payback, {scenario_label(rows, s)} ({after} a year after)",
                      [(payback_cell(r.payback[s]), r.payback[s].reason) for r in rows]))  # fmt: skip
    lines.append(("Monthly loan payment", [(payment_cell(r), None) for r in rows]))
    programs = [(r.program_id, labels[r.program_id], r.title) for r in rows]
    return render_template("decision.html", programs=programs, lines=lines)


def decision_choices(rows: list[DecisionRow]) -> list[tuple[str, str]]:
    """(title, id) of each program of the decision: what 'Open in Cost' can open."""
    return [(r.title, r.program_id) for r in rows]
