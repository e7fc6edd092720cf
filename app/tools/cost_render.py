"""One cost breakdown, as (label, value) text rows: the CLI, the web app and the chat answer all show these rows."""

from __future__ import annotations

from app.corpus.text import money, plural
from app.tools.cost_models import CostResult

MISSING = "—"  # an input the figure needs is missing (see CostResult.missing)
NOT_GIVEN = "not included (not given)"  # a part of the cost the person gave none for, and the record publishes none


def _money(value: float | None, currency: str | None) -> str:
    return MISSING if value is None else money(value, currency)


IN_SCHOOL_LEFT_OUT = "not included (ask for interest in school to add it)"
# A loan in another currency: our sources hold nothing on its in-school interest (cost_loan._no_in_school_interest).
IN_SCHOOL_NOT_HELD = "not included (our sources hold nothing on it for loans in {currency})"
# A payment on a loan in another currency at the US federal rate and term (cost_loan._other_currency_loan): every
# place that shows it (breakdown, chat, web view, decision table) says so with these words.
ILLUSTRATION = "for illustration only"


def illustrative(r: CostResult) -> bool:
    """The payment is not the person's: their loan is in another currency and they gave no rate."""
    return r.payment_basis == "illustration"


def loan_not_in_dollars(r: CostResult) -> bool:
    """The loan is in another currency than dollars: no US federal rule was applied to it (no cap, tier, RAP)."""
    return r.payment_basis in ("your_rate", "illustration")


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
    if loan_not_in_dollars(r):  # no cap split: a dollar cap against other money would be a 1:1 conversion
        rows += [("Amount to borrow (the whole amount)", _money(r.borrowing_need, cur)),
                 ("US federal loan caps, terms and Grad PLUS",
                  f"not applied: they are in dollars, your loan is in {cur or 'another currency'}")]  # fmt: skip
    elif r.federal_cap is not None and r.borrowing_need is not None:
        rows += [("Amount to borrow", _money(r.borrowing_need, cur)),
                 (f"Federal loan (capped at {money(r.federal_cap, 'USD')})", _money(r.federal_loan, cur))]  # fmt: skip
        if r.loan_remainder:
            rows.append(("Above the federal cap: savings or a private loan", _money(r.loan_remainder, cur)))
    else:
        rows.append(("Loan principal", _money(r.loan_principal, cur)))
    # Left out unless asked for: "$0" read as "no interest accrues", and our sources say it does (of US federal loans;
    # of a loan in another currency they say nothing, so asking would not add it).
    accrued = (_money(r.accrued_interest, cur) if r.accrued_interest or not r.loan_principal else
               IN_SCHOOL_NOT_HELD.format(currency=cur or "another currency") if loan_not_in_dollars(r)
               else IN_SCHOOL_LEFT_OUT)  # fmt: skip
    rows.append(("Interest accrued in school", accrued))
    if r.term_tier:
        rows.append(("Standard term (by amount borrowed)", r.term_tier))
    if r.rate_label:
        rows.append(("Interest rate", r.rate_label))
    terms = (f" ({r.apr_percent:g}% APR, {plural(r.term_years, 'year')})"
             if r.apr_percent is not None and r.term_years else "")  # fmt: skip
    shown = f" ({ILLUSTRATION})" if illustrative(r) else ""
    if terms and shown:  # the rate row says whose rate it is
        terms = f"{terms[:-1]}; {ILLUSTRATION})"
    rows += [
        (f"Monthly payment{terms or shown}", _money(r.monthly_payment, cur)),
        (f"Total interest{shown}", _money(r.total_interest, cur)),
        (f"Total repaid{shown}", _money(r.total_repaid, cur)),
    ]
    if r.rap is not None:
        rap = r.rap
        outcome = (f"paid off in {plural(round((rap.months_to_payoff or 0) / 12, 1), 'year')}"
                   if rap.paid_off_within_30_years else
                   f"not paid off in 30 years; {money(rap.forgiven_amount, 'USD')} forgiven")  # fmt: skip
        rows += [("Repayment Assistance Plan: first-year monthly payment", _money(rap.first_year_monthly_payment, cur)),
                 ("Repayment Assistance Plan: at that salary", outcome)]  # fmt: skip
    return rows
