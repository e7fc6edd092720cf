"""The Cost tab's views: the breakdown rows, the summary, the cited defaults, the chart data and the form's defaults."""

from __future__ import annotations

import math
from collections.abc import Mapping
from typing import TYPE_CHECKING

from app.corpus.text import plural
from app.tools.cost import LOAN_ID, CostResult, fmt_money
from app.tools.cost_render import ILLUSTRATION, breakdown, illustrative, loan_not_in_dollars
from app.tools.tuition import parse_duration_terms
from app.tools.tuition import parse_duration_years as duration_years

if TYPE_CHECKING:
    import pandas as pd

    from app.corpus.records import Figures, Program


from app.ui.presenters import NUMBER_FIELDS, escape_md, render_template


def cost_breakdown_rows(r: CostResult) -> list[list[str]]:
    """[item, amount] rows of a cost result (the one breakdown, app/tools/cost_render.py); '—' where missing."""
    return [[label, value] for label, value in breakdown(r)]


def cost_summary_markdown(r: CostResult, title: str | None = None) -> str:
    """Headline figures, break-even, debt-to-income with the risk note, and any missing inputs."""
    cur, labels = r.currency, dict(NUMBER_FIELDS)
    lines = [
        f"### Cost estimate{' — ' + escape_md(title) if title else ''} (currency: {escape_md(cur or 'not stated')})"
    ]
    if r.missing:
        lines += ["", "**⚠ To finish the estimate, enter:**"]
        lines += [
            f"- **{labels.get(m, m.replace('_', ' ').capitalize())}** — {escape_md(r.missing_reasons.get(m, ''))}"
            for m in r.missing
        ]
    if r.total_economic_cost is not None:
        coa, forgone = fmt_money(r.total_cost_of_attendance or 0, cur), fmt_money(r.forgone_income or 0, cur)
        lines += ["", f"**Total economic cost: {fmt_money(r.total_economic_cost, cur)}** "
                  f"(cost of attendance {coa} + forgone income {forgone})"]  # fmt: skip
    lines += _loan_summary(r)
    if r.break_even_years is not None:
        lines += ["", f"**Break-even:** {plural(r.break_even_years, 'year')} of the higher salary pay back the "
                  "economic cost."]  # fmt: skip
    if r.debt_to_income is not None:
        lines += ["", f"**Debt-to-income:** {r.debt_to_income:.1%}. {escape_md(r.loan_risk_note or '')}"]
    return "\n".join(lines)


def _loan_summary(r: CostResult) -> list[str]:
    """The federal loan under the July 2026 rules: cap and remainder, the term's tier, the rate, both plans."""
    if not r.loan_principal:
        return []
    cur, lines = r.currency, [""]
    if loan_not_in_dollars(r):  # no cap split: a dollar cap against other money is a conversion
        lines.append(f"**Loan:** {fmt_money(r.loan_principal, cur)}, the whole amount: the US federal caps, terms by "
                     f"amount borrowed and Grad PLUS are in dollars, so none is applied to a loan in "
                     f"{escape_md(cur or 'another currency')}.")  # fmt: skip
    if r.federal_cap is not None:
        lines.append(f"**Federal loan:** {fmt_money(r.loan_principal, cur)} (federal cap "
                     f"{fmt_money(r.federal_cap, 'USD')}; no Grad PLUS for a new borrower).")  # fmt: skip
        if r.loan_remainder:
            lines.append(f"**Above the cap:** {fmt_money(r.loan_remainder, cur)}: {escape_md(r.remainder_note or '')}; "
                         "no payment is computed for it.")  # fmt: skip
    if r.term_tier:
        lines.append(f"**Standard term:** {escape_md(r.term_tier)} (by the amount borrowed; source below).")
    if r.rate_label:
        lines.append(f"**Rate:** {escape_md(r.rate_label)}.")
    if r.monthly_payment is not None and r.term_years:
        chosen = " ← chart" if r.repayment_plan == "standard" else ""
        shown = (f" ({ILLUSTRATION}, at a US federal loan's rate: enter your loan's APR for yours)"
                 if illustrative(r) else "")  # fmt: skip
        plan = "Standard plan" if r.payment_basis == "us_federal" else "Payment"
        lines.append(f"- {plan}: {fmt_money(r.monthly_payment, cur)} a month for {plural(r.term_years, 'year')}"
                     f"{shown}{chosen}")  # fmt: skip
    if r.rap is not None:
        rap, chosen = r.rap, " ← chart" if r.repayment_plan == "rap" else ""
        end = ("paid off in " + f"{(rap.months_to_payoff or 0) / 12:.1f} years" if rap.paid_off_within_30_years
               else f"not paid off in 30 years; {fmt_money(rap.forgiven_amount, 'USD')} forgiven")  # fmt: skip
        lines.append(f"- Repayment Assistance Plan: {fmt_money(rap.first_year_monthly_payment, cur)} a month in the "
                     f"first year, {end}{chosen}")  # fmt: skip
        if rap.payment_below_interest:
            lines.append(f"- ⚠ The RAP payment is below the monthly interest ({fmt_money(rap.monthly_interest, 'USD')}):"
                         " the balance grows; our sources state no interest waiver.")  # fmt: skip
    return lines


def assumptions_html(r: CostResult) -> str:
    """Each assumed default with its value, quote, link and as-of date; then the calculator's notes."""
    return render_template("assumptions.html", assumptions=r.assumptions, notes=r.notes)


def cost_components_frame(r: CostResult, label: str = "Your estimate") -> pd.DataFrame:
    """Rows (estimate, component, amount) for the stacked bar; missing or zero components are left out."""
    import pandas as pd

    parts = {"Tuition": r.tuition, "Fees": r.fees_total, "Living": r.living_total, "Relocation": r.relocation,
             "Forgone income": r.forgone_income, "Loan interest": r.total_interest}  # fmt: skip
    rows = [{"estimate": label, "component": k, "amount": round(v, 2)} for k, v in parts.items() if v]
    return pd.DataFrame(rows, columns=["estimate", "component", "amount"])


def components_caption(r: CostResult) -> str:
    """The stacked bar in words, as its caption: each component and the total economic cost (a reader need not
    read amounts off the bar's axis)."""
    parts = {"tuition": r.tuition, "fees": r.fees_total, "living": r.living_total, "relocation": r.relocation,
             "forgone income": r.forgone_income, "loan interest": r.total_interest}  # fmt: skip
    shown = [f"{k} {fmt_money(v, r.currency)}" for k, v in parts.items() if v]
    if not shown:
        return "No cost components yet: pick a program or enter figures."
    total = "" if r.total_economic_cost is None else f" Total economic cost {fmt_money(r.total_economic_cost, r.currency)}"
    total += " (loan interest not in it)." if total else ""
    return "Stacked: " + " + ".join(shown) + "." + total


def balance_caption(r: CostResult) -> str:
    """The balance chart in words, as its caption: the plan, what is owed when repayment starts and at the chart's
    last year."""
    frame = balance_frame(r)
    if frame.empty:
        return "No loan balance to chart: enter a loan amount, or savings below the cost of attendance."
    plan = "Repayment Assistance Plan" if r.repayment_plan == "rap" and r.rap_schedule else "Standard plan"
    start, end = fmt_money(frame.balance.iloc[0], r.currency), fmt_money(frame.balance.iloc[-1], r.currency)
    pay = (f", {fmt_money(r.monthly_payment, r.currency)} a month"
           if plan == "Standard plan" and r.monthly_payment is not None else "")  # fmt: skip
    return f"{plan}{pay}: {start} owed when repayment starts, {end} after year {int(frame.year.iloc[-1])}."


def balance_frame(r: CostResult) -> pd.DataFrame:
    """Rows (year, balance): the federal loan balance when repayment starts (year 0) and at each year's end, under
    the chosen plan (`r.repayment_plan`: the standard schedule, or RAP's when it was estimated)."""
    import pandas as pd

    schedule = r.rap_schedule if r.repayment_plan == "rap" and r.rap_schedule else r.schedule
    if not schedule:
        return pd.DataFrame(columns=["year", "balance"])
    start = (r.loan_principal or 0.0) + r.accrued_interest
    return pd.DataFrame(
        [{"year": 0, "balance": round(start, 2)}] + [{"year": s.year, "balance": s.balance} for s in schedule]
    )


def cost_prefill(program: Program | None, figures: Figures) -> dict[str, float]:
    """The figures the calculator would assume (and cite) for a program: pre-filled into the Cost form."""
    # No term: under the July 2026 rules it follows the amount borrowed (the calculator cites the tier).
    out: dict[str, float | None] = {"apr_percent": figures.loan(LOAN_ID).apr_percent}
    if program is not None:
        t, years, terms = program.tuition, duration_years(program.duration), parse_duration_terms(program.duration)
        out |= {"years": None if years is None else round(years, 4), "credits": program.credits,
                "fees_per_year": program.fees_per_year}  # fmt: skip
        # The calculator's own order: per credit, per year, per term (as a total), published total.
        if t.per_credit is not None and program.credits is not None:
            out["tuition_per_credit"] = t.per_credit
        elif t.per_year is not None and years is not None:
            out["tuition_per_year"] = t.per_year
        elif t.per_term is not None and terms:
            out["tuition_total"] = t.per_term * terms
        elif t.total is not None:
            out["tuition_total"] = t.total
    return {k: v for k, v in out.items() if v is not None}


def cost_call_args(values: Mapping[str, float | None], defaults: Mapping[str, float]) -> dict[str, float]:
    """User-entered numbers only: a box still showing its pre-filled default is left to the calculator, which
    then fills the same figure and cites its source."""
    return {k: v for k, v in values.items()
            if v is not None and not (k in defaults and math.isclose(v, defaults[k], abs_tol=1e-6))}  # fmt: skip
