"""One cost breakdown, as (label, value) text rows: the CLI, the web app and the chat answer all show these rows."""

from __future__ import annotations

from app.corpus.text import money, plural
from app.tools.cost_models import CostResult

MISSING = "—"  # an input the figure needs is missing (see CostResult.missing)
NOT_GIVEN = "not included (not given)"  # a part of the cost the person gave none for, and the record publishes none


def _money(value: float | None, currency: str | None) -> str:
    return MISSING if value is None else money(value, currency)


IN_SCHOOL_LEFT_OUT = "not included (ask for interest in school to add it)"


def breakdown(r: CostResult) -> list[tuple[str, str]]:
    """The cost figures in order: attendance, forgone income, the loan (federal part, remainder, term, rate, both
    plans) and break-even; '—' where an input is missing. Loan rows beyond the principal appear only with a loan."""
    cur = r.currency
    span = f" over {plural(r.years, 'year')}" if r.years is not None else ""

    def part(field: str, value: float | None) -> str:  # a part never given is left out of the total, not a cost of 0
        return NOT_GIVEN if field in r.counted_as_zero else _money(value, cur)

    rows = [
        ("Tuition", _money(r.tuition, cur)),
        *([(f"Paid by your employer{span}", f"−{_money(r.employer_aid, cur)}")] if r.employer_aid else []),
        (f"Fees{span}", part("fees_per_year", r.fees_total)),
        (f"Living{span}", part("living_per_month", r.living_total)), ("Relocation", part("relocation", r.relocation)),
        ("Total cost of attendance", _money(r.total_cost_of_attendance, cur)),
        ("Forgone income", _money(r.forgone_income, cur)), ("Total economic cost", _money(r.total_economic_cost, cur)),
    ]  # fmt: skip
    rows += _loan_rows(r)
    rows += [
        ("Break-even", MISSING if r.break_even_years is None else plural(r.break_even_years, "year")),
        ("Debt-to-income", MISSING if r.debt_to_income is None else f"{r.debt_to_income:.1%}"),
    ]
    return rows


def _loan_rows(r: CostResult) -> list[tuple[str, str]]:
    cur, rows = r.currency, []
    if r.federal_cap is not None and r.borrowing_need is not None:
        rows += [("Amount to borrow", _money(r.borrowing_need, cur)),
                 (f"Federal loan (capped at {money(r.federal_cap, 'USD')})", _money(r.federal_loan, cur))]  # fmt: skip
        if r.loan_remainder:
            rows.append(("Above the federal cap: savings or a private loan", _money(r.loan_remainder, cur)))
    else:
        rows.append(("Loan principal", _money(r.loan_principal, cur)))
    # Left out unless asked for: "$0" read as "no interest accrues", and our sources say it does.
    accrued = _money(r.accrued_interest, cur) if r.accrued_interest or not r.federal_loan else IN_SCHOOL_LEFT_OUT
    rows.append(("Interest accrued in school", accrued))
    if r.term_tier:
        rows.append(("Standard term (by amount borrowed)", r.term_tier))
    if r.rate_label:
        rows.append(("Interest rate", r.rate_label))
    terms = (f" ({r.apr_percent:g}% APR, {plural(r.term_years, 'year')})"
             if r.apr_percent is not None and r.term_years else "")  # fmt: skip
    rows += [
        (f"Monthly payment{terms}", _money(r.monthly_payment, cur)),
        ("Total interest", _money(r.total_interest, cur)),
        ("Total repaid", _money(r.total_repaid, cur)),
    ]
    if r.rap is not None:
        rap = r.rap
        outcome = (f"paid off in {plural(round((rap.months_to_payoff or 0) / 12, 1), 'year')}"
                   if rap.paid_off_within_30_years else
                   f"not paid off in 30 years; {money(rap.forgiven_amount, 'USD')} forgiven")  # fmt: skip
        rows += [("Repayment Assistance Plan: first-year monthly payment", _money(rap.first_year_monthly_payment, cur)),
                 ("Repayment Assistance Plan: at that salary", outcome)]  # fmt: skip
    return rows
