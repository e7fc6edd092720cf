"""The cost calculator's loan phase: the July 2026 federal rules (app/tools/loans.py) applied to a borrowing need.

A new borrower (the default) gets the federal cap, the tier-based standard term and no Grad PLUS; a legacy borrower
keeps Grad PLUS and the 10-year term. Every rule used is cited as an assumption; the part of the need above the cap
gets no payment (savings or a private loan, whose rates we do not hold). With a salary after the degree, the
Repayment Assistance Plan is estimated beside the standard plan. All of that is for amounts in US dollars: a loan
in another currency gets none of these rules (`us_federal_rules_apply`), only a payment on the whole amount.
"""

from __future__ import annotations

from typing import Any

from app.corpus.records import Figures, RepaymentAssistancePlan
from app.corpus.text import money, plural
from app.tools.cost_models import CostInputs, RapEstimate, ScheduleRow, Work
from app.tools.loans import (
    UNSUBSIDIZED_ID,
    LoanPlan,
    loan_rate,
    plan_federal_loan,
    rap_outcome,
    rap_percent,
    rap_schedule,
)

PART_TIME_LOAD = 0.5  # our sources state proration, not a part-time load: half time is assumed and said so


def own_loan(inputs: CostInputs) -> CostInputs | None:
    """'A ₹40 lakh loan at 10%' for a program charging GBP: the program's costs can't be added to amounts in another
    currency (never converted), but the loan's payment is the person's own, on their amount in their currency. The
    inputs for that payment alone; None without a loan amount."""
    if inputs.loan is None:
        return None
    return CostInputs(loan=inputs.loan, apr_percent=inputs.apr_percent, term_years=inputs.term_years,
                      currency=inputs.currency, part_time=inputs.part_time)  # fmt: skip


def monthly_payment(principal: float, apr_percent: float, term_years: float) -> float:
    """Standard amortized payment (r = APR/12, n = 12 × term); APR 0 → principal / n. Unrounded."""
    n = max(1, round(12 * term_years))
    r = apr_percent / 100 / 12
    return principal / n if r == 0 else principal * r / (1 - (1 + r) ** -n)


def amortization_schedule(principal: float, apr_percent: float, term_years: float) -> list[ScheduleRow]:
    """Year-by-year totals of payments, interest and principal, and the balance at each year's end."""
    n, r = max(1, round(12 * term_years)), apr_percent / 100 / 12
    pay, balance, rows = monthly_payment(principal, apr_percent, term_years), principal, []
    for year in range(1, -(-n // 12) + 1):
        paid = interest = 0.0
        for _ in range(min(12, n - 12 * (year - 1))):
            i = balance * r
            p = min(pay - i, balance)  # the last payment only clears what is left
            balance -= p
            paid, interest = paid + i + p, interest + i
        balance = 0.0 if abs(balance) < 0.005 else balance
        row = {"payment": paid, "interest": interest, "principal": paid - interest, "balance": balance}
        rows.append(ScheduleRow(year=year, **{k: round(v, 2) for k, v in row.items()}))
    return rows


def accrued_interest(principal: float, apr_percent: float, years: float, grace_months: float) -> float:
    """Simple interest while in school and grace; disbursed evenly, so average time out = years/2 + grace."""
    return principal * apr_percent / 100 * (years / 2 + grace_months / 12)


def us_federal_rules_apply(currency: str | None) -> bool:
    """Whether the US federal loan rules apply to amounts in `currency`: the one rule for loans in other currencies.

    The borrowing caps, the terms by amount borrowed, Grad PLUS and the Repayment Assistance Plan are written in
    dollars for US federal loans: a $20,500 cap held against £30,000 is a silent 1:1 conversion, which the product
    never makes. A record that states no currency (None) is not known to be in dollars, so it gets none of them.
    """
    return currency == "USD"


def loan_phase(
    inputs: CostInputs, need: float | None, years: float | None, salary_after: float | None, fig: Figures, w: Work,
    *, currency: str | None, income_now: bool = False,
) -> dict[str, Any]:
    """CostResult fields of the loan: the split, term, rate, payments, schedules and the RAP estimate (on the salary
    after, or with `income_now` on the income the person earns now). In another currency than dollars, only the
    payment on the whole amount (`_other_currency_loan`)."""
    if need is None:
        return {}
    if need == 0:
        return {"loan_principal": 0.0, "federal_loan": 0.0, "borrowing_need": 0.0, "monthly_payment": 0.0,
                "total_interest": 0.0, "total_repaid": 0.0}  # fmt: skip
    if not us_federal_rules_apply(currency):
        return _other_currency_loan(inputs, need, years, currency, fig, w)
    load = PART_TIME_LOAD if inputs.part_time else 1.0
    plan = plan_federal_loan(need, years, load, fig, inputs.legacy_borrower, inputs.term_years)
    _cite_plan(inputs, plan, years, fig, w)
    federal, apr, term = plan.federal_amount, inputs.apr_percent, plan.term_years
    apr = plan.apr_percent if apr is None else apr
    accrued = _accrued(inputs, federal, apr, years, fig, w)
    pay = monthly_payment(federal + accrued, apr, term)
    total_repaid = pay * max(1, round(12 * term))
    out: dict[str, Any] = {
        "borrowing_need": need, "federal_loan": federal, "loan_principal": federal, "federal_cap": plan.federal_cap,
        "loan_remainder": plan.remainder, "remainder_note": plan.remainder_note if plan.remainder else None,
        "apr_percent": apr, "term_years": term, "term_source": plan.term_source, "accrued_interest": accrued,
        "rate_label": plan.rate_label if inputs.apr_percent is None else f"{apr:g}% (your rate)",
        "term_tier": _tier_text(plan, term), "grad_plus_available": plan.grad_plus_available,
        "monthly_payment": pay, "total_repaid": total_repaid, "total_interest": total_repaid - federal,
        "schedule": amortization_schedule(federal + accrued, apr, term), "repayment_plan": inputs.repayment_plan,
        "payment_basis": "us_federal",
    }  # fmt: skip
    rap = fig.repayment.repayment_assistance_plan
    if salary_after is not None and not inputs.legacy_borrower and rap is not None:
        out["rap"], out["rap_schedule"] = _rap(inputs, federal + accrued, apr, salary_after, rap, w, income_now)
    elif inputs.repayment_plan == "rap":
        why = "a legacy borrower's loans" if inputs.legacy_borrower else "no salary after the degree was given"
        w.notes.append(f"No Repayment Assistance Plan estimate ({why}): the standard plan is shown.")
        out["repayment_plan"] = "standard"
    return out


def _other_currency_loan(inputs: CostInputs, need: float, years: float | None, currency: str | None, fig: Figures,
                         w: Work) -> dict[str, Any]:  # fmt: skip
    """A loan in another currency than dollars: no cap, no tier, no Grad PLUS, no RAP; the payment is on the whole
    amount. At the person's rate it is theirs (over their term, else the 10-year standard term, said so); without
    their rate it is for illustration only, at the US federal rate over the 10-year standard term, cited as US
    dollar-loan figures, and their loan's rate is asked for: a figure they can scale against, never passed off as
    their payment (our sources hold no loan rates in other currencies)."""
    cur, unsub, standard = currency or "the program's currency", fig.loan(UNSUBSIDIZED_ID), fig.repayment
    rate, own_rate = loan_rate(unsub), inputs.apr_percent is not None
    apr = inputs.apr_percent if inputs.apr_percent is not None else rate.percent
    term = inputs.term_years or standard.standard_term_years
    if not own_rate:
        w.cite("apr_percent", apr, f"{rate.label} — {unsub.name}, a US dollar loan: for illustration only",
               rate.citation)  # fmt: skip
        w.need("apr_percent", f"your loan's interest rate (and term): our sources hold no loan rates in {cur}, so "
               "the payment shown is for illustration only, at a US federal loan's rate")  # fmt: skip
    if inputs.term_years is None:
        w.cite("term_years", term, "the 10-year standard term of US federal loans (no term given)",
               standard.source_for("standard_term_years"))  # fmt: skip
    how = (f"your {apr:g}% over {plural(term, 'year')}" if own_rate else
           f"for illustration only, at the US federal rate of {apr:g}% over {plural(term, 'year')}")  # fmt: skip
    w.notes.append(
        f"Your loan is in {cur}: the US federal loan rules (borrowing caps, terms by amount borrowed, Grad PLUS, the "
        "Repayment Assistance Plan) are in dollars, for US federal loans, so none is applied to it (amounts are never "
        f"converted). The payment is on the whole {money(need, currency)}, {how}"
        + ("." if inputs.term_years is not None else " (the US standard term: say yours to change it).")
        + ("" if own_rate else f" Our sources hold no loan rates in {cur}: tell me your loan's rate and term (for "
           "example 'at 6% over 10 years') for your own payment.")
    )  # fmt: skip
    accrued = _no_in_school_interest(inputs, cur, w)
    pay = monthly_payment(need + accrued, apr, term)
    total_repaid = pay * max(1, round(12 * term))
    return {
        "borrowing_need": need, "loan_principal": need, "apr_percent": apr, "term_years": term,
        "term_source": "user" if inputs.term_years is not None else "standard", "accrued_interest": accrued,
        "rate_label": f"{apr:g}% (your rate)" if own_rate else
                      f"{rate.label}; a US federal loan rate, for illustration only",
        "monthly_payment": pay, "total_repaid": total_repaid, "total_interest": total_repaid - need,
        "schedule": amortization_schedule(need + accrued, apr, term), "repayment_plan": "standard",
        "payment_basis": "your_rate" if own_rate else "illustration",
    }  # fmt: skip


def _tier_text(plan: LoanPlan, term: float) -> str | None:
    """'$25,000 to $49,999: 15 years' from the tier citation's rule; None when the term is not from the tiers."""
    if plan.term_source != "tier":
        return None
    rule = next(c.rule for c in plan.citations if c.rule.startswith("standard term for "))
    return rule.removeprefix("standard term for ") if rule else f"{term:g} years"


def _cite_plan(inputs: CostInputs, plan: LoanPlan, years: float | None, fig: Figures, w: Work) -> None:
    """One cited assumption per rule the plan used (rate and term only when the user gave none)."""
    rules = {c.rule: c for c in plan.citations}
    unsub = fig.loan(UNSUBSIDIZED_ID)
    if inputs.apr_percent is None:
        w.cite("apr_percent", plan.apr_percent, f"{plan.rate_label} — {unsub.name}; the rate resets every July 1",
               plan.citations[0])  # fmt: skip
    if plan.term_source == "tier":
        tier = next(c for r, c in rules.items() if r.startswith("standard term for "))
        bounds = tier.rule.removeprefix("standard term for ").rsplit(":", 1)[0]
        w.cite("term_years", plan.term_years, f"standard term for {bounds} borrowed (federal loans first disbursed "
               "on or after July 1, 2026)", tier)  # fmt: skip
    if inputs.legacy_borrower:
        if plan.term_source == "legacy":
            w.cite("term_years", plan.term_years, "standard term for loans first disbursed before July 1, 2026 "
                   "(legacy borrower)", rules["standard term (loans first disbursed before July 1, 2026)"])  # fmt: skip
        w.cite("grad_plus", "available", "legacy borrower: borrowed a Direct Loan for this program before July 1, "
               "2026, so Grad PLUS stays open for up to three more years", rules["legacy borrowers keep Grad PLUS"])
        w.notes += plan.notes
        return
    annual, aggregate = unsub.annual_limit_usd or 0, unsub.aggregate_limit_usd or 0
    how = "aggregate limit only (years not given)" if years is None else (
        f"{money(annual, 'USD')} a year × years of study" + (" × 0.5 (part time)" if inputs.part_time else ""))
    w.cite("federal_cap", plan.federal_cap or 0.0, f"federal Direct Unsubsidized limit: {how}, at most "
           f"{money(aggregate, 'USD')} in all", rules["limits apply from"])  # fmt: skip
    w.cite("aggregate_limit", aggregate, "aggregate federal limit for a graduate student", rules["aggregate limit"])
    if inputs.part_time:
        w.cite("enrollment_load", PART_TIME_LOAD, "part time taken as half time for the prorated limit",
               rules["limits prorated for less than full-time enrollment"])  # fmt: skip
        w.notes.append("Part-time study is taken as half-time enrollment (load 0.5) for the federal limit: our "
                       "sources state that the limits are prorated, but not what load a part-time student has.")
    w.cite("grad_plus", "not available", "Grad PLUS is closed to new borrowers from July 1, 2026 (a new borrower)",
           rules["Grad PLUS closed to new borrowers"])  # fmt: skip
    w.notes += plan.notes
    if plan.remainder:
        w.notes.append(
            f"{money(plan.remainder, 'USD')} of the {money(plan.need, 'USD')} to borrow is above the federal cap of "
            f"{money(plan.federal_cap or 0, 'USD')}: {plan.remainder_note}. The payments shown are for the federal "
            f"loan ({money(plan.federal_amount, 'USD')}) only."
        )


def _no_in_school_interest(inputs: CostInputs, cur: str, w: Work) -> float:
    """A loan in another currency: none. Whether interest accrues on it while studying, and any grace period before
    repayment, are its lender's terms, which our sources don't hold; what they hold (interest accruing in school, the
    six-month grace period) is said of US federal loans, so it is neither assumed nor added, asked for or not."""
    w.notes.append(("Interest in school can't be added" if inputs.accrue_in_school else
                    "Interest while in school is not included")
                   + f": our sources hold nothing on loans in {cur} (whether interest accrues while you study, or a "
                   "grace period before repayment starts); what they say about it is for US federal loans.")  # fmt: skip
    return 0.0


def _accrued(inputs: CostInputs, principal: float, apr: float, years: float | None, fig: Figures, w: Work) -> float:
    if not inputs.accrue_in_school:
        if principal:
            w.notes.append("Interest that accrues while in school and in the grace period is not included (our "
                           "sources say it accrues on these loans); ask with 'interest in school' to add it.")
        return 0.0
    rep = fig.repayment
    grace = rep.grace_period_months
    w.cite("grace_period_months", grace, "federal grace period before repayment starts",
           rep.source_for("grace_period_months"))  # fmt: skip
    if years is None:
        w.need("years", "years of study, for the interest accrued in school")
        return 0.0
    w.notes.append(
        f"In-school interest: simple interest at {apr:g}% for {plural(years / 2 + grace / 12, 'year')} "
        f"on average (loan disbursed evenly over {plural(years, 'year')} of study, then a {grace:g}-month "
        "grace period), added to the principal when repayment starts."
    )
    return accrued_interest(principal, apr, years, grace)


def _rap(inputs: CostInputs, principal: float, apr: float, agi: float, rap: RepaymentAssistancePlan, w: Work,
         income_now: bool = False) -> tuple[RapEstimate, list[ScheduleRow]]:  # fmt: skip
    """The RAP estimate at the salary after (or the income now; as AGI, fixed), its cited rules, notes and yearly
    balances."""
    dependents = inputs.dependents or 0
    o, pct = rap_outcome(principal, apr, agi, dependents, rap), rap_percent(agi, rap)
    interest = principal * apr / 100 / 12
    income = "your income now" if income_now else "the salary after"
    w.cite("rap_percent_of_agi", pct, f"Repayment Assistance Plan: {pct:g}% of AGI ({money(agi, 'USD')}, {income}, "
           "taken as AGI) a year, divided by 12; 1 point per $10,000 bracket, at most "
           f"{rap.max_percent_of_agi:g}%", rap.source_for("percent_step_per_10000_usd_of_agi"))  # fmt: skip
    if o.first_year_monthly_payment == rap.min_payment_usd_per_month:
        w.cite("rap_min_payment", rap.min_payment_usd_per_month, "RAP minimum monthly payment",
               rap.source_for("min_payment_usd_per_month"))  # fmt: skip
    if dependents:
        w.cite("rap_dependent_reduction", rap.dependent_reduction_usd_per_month,
               f"RAP: less per month for each dependent ({dependents})",
               rap.source_for("dependent_reduction_usd_per_month"))  # fmt: skip
    w.cite("rap_forgiveness_years", rap.forgiveness_after_years, "RAP: what is left is forgiven after this many years",
           rap.source_for("forgiveness_after_years"))  # fmt: skip
    pay = money(o.first_year_monthly_payment, "USD")
    w.notes.append(
        f"Repayment Assistance Plan: {pay} a month in the first year; "
        + (f"paid off in {plural(round((o.months_to_payoff or 0) / 12, 1), 'year')} at that salary."
           if o.paid_off_within_30_years else
           f"not paid off within {rap.forgiveness_after_years:g} years at that salary; "
           f"{money(o.forgiven_amount, 'USD')} would be forgiven.")
        + " The salary is held fixed (a raise would raise the payment)."
    )  # fmt: skip
    if o.payment_below_interest:
        w.notes.append(f"Under RAP the payment ({pay}) is below the monthly interest ({money(interest, 'USD')}), so "
                       "the balance grows; our sources state no interest waiver, so none is assumed.")  # fmt: skip
    est = RapEstimate(agi=agi, income_now=income_now, dependents=dependents, percent_of_agi=pct,
                      monthly_interest=round(interest, 2), first_year_monthly_payment=o.first_year_monthly_payment, forgiven_amount=o.forgiven_amount,
                      payment_below_interest=o.payment_below_interest, months_to_payoff=o.months_to_payoff,
                      paid_off_within_30_years=o.paid_off_within_30_years, total_paid=o.total_paid)  # fmt: skip
    rows = [ScheduleRow(year=y.year, payment=y.paid, interest=y.interest, principal=round(y.paid - y.interest, 2),
                        balance=y.balance)
            for y in rap_schedule(principal, apr, o.first_year_monthly_payment, rap.forgiveness_after_years)]  # fmt: skip
    return est, rows
