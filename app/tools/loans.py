"""The federal loan rules for loans first disbursed from July 1, 2026, as pure functions of the sourced figures.

No I/O and no LangChain: every number comes from the `Figures` models (figures.yaml), and every result carries
citations (url, as_of, quote) for the rules it used. Money is in USD; payments are rounded to cents.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from typing import Literal

from app.corpus.records import (
    Figures,
    FigureSource,
    Loan,
    RepaymentAssistancePlan,
    SourcedFigures,
    StandardPlan,
    StandardTier,
)
from app.errors import CorpusError, InvalidInput

UNSUBSIDIZED_ID = "federal-direct-unsubsidized-graduate"
PLUS_ID = "federal-direct-plus-graduate"
# The bracket width is the unit in the RAP figure's own name, `percent_step_per_10000_usd_of_agi`.
RAP_BRACKET_USD = 10_000
REMAINDER_NOTE = "savings or a private loan; private loan rates are not in our sources"

TermSource = Literal["user", "tier", "legacy"]


@dataclass(frozen=True)
class Citation:
    """One sourced rule: what it supports, and where it comes from."""

    rule: str
    url: str
    as_of: str
    quote: str


@dataclass(frozen=True)
class TermTier:
    """The standard term for an amount borrowed, its tier as text ('$25,000 to $49,999') and the tier's source."""

    years: float
    bounds: str
    citation: Citation


@dataclass(frozen=True)
class Rate:
    percent: float
    label: str
    citation: Citation


@dataclass(frozen=True)
class RapOutcome:
    """Repaying under RAP at a fixed AGI and APR; `forgiven_amount` is 0 when the loan is paid off first.

    `payment_below_interest`: the payment does not cover the first month's interest, so the balance grows
    (no interest waiver is modelled; see `rap_outcome`) and the forgiven amount exceeds the principal.
    """

    first_year_monthly_payment: float
    paid_off_within_30_years: bool
    months_to_payoff: int | None
    forgiven_amount: float
    total_paid: float
    payment_below_interest: bool


@dataclass(frozen=True)
class LoanPlan:
    """How a borrowing need splits into a federal loan and a remainder, with the term, rate and their sources.

    The remainder has no payment: it is met from savings or a private loan, whose rates we do not hold.
    """

    need: float
    federal_amount: float
    federal_cap: float | None  # None: legacy borrower, no cap modelled (see plan_federal_loan)
    remainder: float
    remainder_note: str
    term_years: float
    term_source: TermSource
    grad_plus_available: bool
    apr_percent: float
    rate_label: str
    citations: tuple[Citation, ...]
    notes: tuple[str, ...] = ()


# --- sources ---------------------------------------------------------------------------------


def _cite(group: SourcedFigures, key: str, rule: str | None = None) -> Citation:
    """The citation for `key` in a figure group; the corpus validation guarantees one exists for set figures."""
    source = group.source_for(key)
    if source is None:
        raise CorpusError(f"figures: no source supports '{key}'")
    return _citation(source, rule or key)


def _citation(source: FigureSource, rule: str) -> Citation:
    return Citation(rule=rule, url=source.url, as_of=source.as_of, quote=source.quote)


def _usd(amount: float) -> str:
    return f"${amount:,.2f}".removesuffix(".00")


def _cents(amount: float) -> float:
    # Half-up on the decimal text: round() would send 229.165 to 229.16 through binary float error.
    return float(Decimal(str(amount)).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP))


# --- standard plan ---------------------------------------------------------------------------


def standard_term(principal: float, plan: StandardPlan) -> TermTier:
    """The tier whose bound is above `principal` (bounds are 'balance below', so $25,000 exactly is in 15 years)."""
    if principal < 0:
        raise InvalidInput("amount borrowed must not be negative")
    lower: float | None = None
    for tier in plan.tiers:
        if tier.balance_below_usd is None or principal < tier.balance_below_usd:
            bounds = _tier_bounds(lower, tier)
            return TermTier(years=tier.years, bounds=bounds, citation=_tier_citation(plan, tier, bounds))
        lower = tier.balance_below_usd
    raise CorpusError("figures: the standard plan has no open last tier")  # the schema rules this out


def _tier_bounds(lower: float | None, tier: StandardTier) -> str:
    # Whole dollars, as the sources write them ('$25,000 to $49,999'); cents up to the next bound stay in the tier.
    upper = tier.balance_below_usd
    if upper is None:
        return f"{_usd(lower or 0)} or more"
    if lower is None:
        return f"less than {_usd(upper)}"
    return f"{_usd(lower)} to {_usd(upper - 1)}"


def _tier_citation(plan: StandardPlan, tier: StandardTier, bounds: str) -> Citation:
    """The `tiers` source that quotes this tier ('$25,000 to $49,999 - 15 years'); else the first `tiers` source."""
    tier_sources = [s for s in plan.sources if "tiers" in s.supports]
    years = f"{tier.years:g} years"
    quoted = [s for s in tier_sources if bounds.lower() in s.quote.lower() and years in s.quote]
    source = (quoted or tier_sources or [None])[0]
    if source is None:
        raise CorpusError("figures: no source supports the standard plan tiers")
    return _citation(source, f"standard term for {bounds}: {years}")


# --- borrowing caps ----------------------------------------------------------------------------


def federal_cap(years: float, load: float, loan: Loan) -> float:
    """Annual limit × years × enrollment load (1.0 full time, 0.5 half time), capped by the aggregate limit."""
    if years <= 0 or not 0 < load <= 1:
        raise InvalidInput("years must be above 0 and load between 0 (exclusive) and 1 (full time)")
    if loan.annual_limit_usd is None:
        raise CorpusError(f"figures: {loan.id} has no annual limit")
    cap = loan.annual_limit_usd * years * load
    return cap if loan.aggregate_limit_usd is None else min(cap, loan.aggregate_limit_usd)


def split_borrowing(need: float, cap: float) -> tuple[float, float]:
    """(federal, remainder): the federal loan covers the need up to the cap; the rest is not a federal loan."""
    if need < 0:
        raise InvalidInput("the amount to borrow must not be negative")
    federal = min(need, cap)
    return federal, need - federal


# --- rate --------------------------------------------------------------------------------------


def loan_rate(loan: Loan) -> Rate:
    """The 2026-27 rate when our sources hold it; otherwise the latest rate we hold, labelled with its year."""
    if loan.rate_2026_27_percent is not None:
        citation = _cite(loan, "rate_2026_27_percent", f"interest rate 2026-27, {loan.name}")
        return Rate(loan.rate_2026_27_percent, f"{loan.rate_2026_27_percent:g}%: the 2026-27 rate", citation)
    citation = _cite(loan, "apr_percent", f"interest rate, {loan.name}")
    label = f"{loan.apr_percent:g}%: latest rate we hold ({citation.as_of}); the 2026-27 rate is not in our sources"
    return Rate(loan.apr_percent, label, citation)


def rate_label(loan: Loan) -> str:
    """E.g. '7.94%: latest rate we hold (2025-26); the 2026-27 rate is not in our sources'."""
    return loan_rate(loan).label


# --- Repayment Assistance Plan -------------------------------------------------------------------


def rap_percent(agi: float, rap: RepaymentAssistancePlan) -> float:
    """Percent of AGI: one step per full or partial $10,000 bracket above the first $10,000, capped.

    AGI ≤ 10,000 → 0; 10,000 < AGI ≤ 20,000 → 1 step; …; the cap (10%) from AGI above 100,000. The percent
    applies to the whole AGI, not to each bracket's slice (the sources say '% of AGI').
    """
    if agi < 0:
        raise InvalidInput("AGI must not be negative")
    brackets = max(0, math.ceil(agi / RAP_BRACKET_USD) - 1)
    return min(brackets * rap.percent_step_per_10000_usd_of_agi, rap.max_percent_of_agi)


def rap_monthly_payment(agi: float, dependents: int, rap: RepaymentAssistancePlan) -> float:
    """(percent × AGI) / 12, less the per-dependent reduction, never below the minimum; rounded to cents."""
    if dependents < 0:
        raise InvalidInput("dependents must not be negative")
    payment = rap_percent(agi, rap) / 100 * agi / 12 - rap.dependent_reduction_usd_per_month * dependents
    return _cents(max(payment, rap.min_payment_usd_per_month))


def rap_outcome(
    principal: float, apr_percent: float, agi: float, dependents: int, rap: RepaymentAssistancePlan
) -> RapOutcome:
    """Simulate RAP month by month at a fixed AGI and APR until payoff or forgiveness.

    Each month interest accrues on the balance (APR / 12), then the payment is applied. AGI stays fixed, so the
    payment is the same every year. Not modelled: any government interest waiver or principal match under RAP;
    our sources say nothing about one, so unpaid interest simply grows the balance here.
    """
    payment = rap_monthly_payment(agi, dependents, rap)
    last_month = round(12 * rap.forgiveness_after_years)
    balance, paid, rate, month = principal, 0.0, apr_percent / 100 / 12, 0
    growing = payment < principal * rate
    while balance > 0.005 and month < last_month:  # half a cent left is paid off
        month += 1
        balance += balance * rate
        step = min(payment, balance)
        balance, paid = balance - step, paid + step
    if balance <= 0.005:
        return RapOutcome(payment, True, month, 0.0, _cents(paid), growing)
    return RapOutcome(payment, False, None, _cents(balance), _cents(paid), growing)


@dataclass(frozen=True)
class RapYear:
    """One year under RAP: what was paid, the interest charged, and the balance at the year's end."""

    year: int
    paid: float
    interest: float
    balance: float


def rap_schedule(principal: float, apr_percent: float, payment: float, max_years: float) -> list[RapYear]:
    """Year-by-year RAP totals, month by month as in `rap_outcome` (fixed payment, no interest waiver)."""
    balance, rate, rows = principal, apr_percent / 100 / 12, []
    for year in range(1, round(max_years) + 1):
        paid = interest = 0.0
        for _ in range(12):
            if balance <= 0.005:
                break
            i = balance * rate
            step = min(payment, balance + i)
            balance, paid, interest = balance + i - step, paid + step, interest + i
        balance = 0.0 if balance <= 0.005 else balance
        rows.append(RapYear(year, _cents(paid), _cents(interest), _cents(balance)))
        if balance == 0.0:
            break
    return rows


# --- the plan ------------------------------------------------------------------------------------


def plan_federal_loan(
    need: float,
    years: float | None,
    load: float,
    figures: Figures,
    legacy_borrower: bool = False,
    term_years: float | None = None,
) -> LoanPlan:
    """Split `need` into a federal Direct Unsubsidized loan and a remainder, with its term, rate and sources.

    New borrower (from July 1, 2026): the federal loan is capped (`federal_cap`), the rest is the remainder, and
    the term is the standard-plan tier for the federal amount. Legacy borrower (borrowed for the same program
    before July 1, 2026): Grad PLUS stays open, so, as the calculator did before these rules, the whole need is
    federal with no cap and the old 10-year standard term; the part above the annual limit would in fact be
    Grad PLUS at its own (higher) rate, which is stated in a note rather than blended into the rate.
    Our sources date the tiered plan by disbursement ("any new loans ... after July 1, 2026"), so a legacy
    borrower's new loans may in fact fall under it; the 10-year term follows the brief for this calculator.
    A term the user gives always wins. Years unknown (None): only the aggregate limit caps the loan, said in a note.
    """
    if need < 0 or (term_years is not None and term_years <= 0):
        raise InvalidInput("the amount to borrow must not be negative and a given term must be above 0")
    unsub, repayment = figures.loan(UNSUBSIDIZED_ID), figures.repayment
    rate = loan_rate(unsub)
    if legacy_borrower:
        federal, remainder, cap = need, 0.0, None
        rules = _legacy_rules(figures)
        notes = (_grad_plus_note(figures.loan(PLUS_ID), unsub),)
        term, term_source = repayment.standard_term_years, "legacy"
    else:
        cap, notes = _cap(years, load, unsub)
        federal, remainder = split_borrowing(need, cap)
        rules = _cap_rules(unsub, figures)
        tier = standard_term(federal, _plan(figures))
        term, term_source = tier.years, "tier"
        rules = (*rules, tier.citation)
    if term_years is not None:
        term, term_source = term_years, "user"
    return LoanPlan(
        need=need,
        federal_amount=federal,
        federal_cap=cap,
        remainder=remainder,
        remainder_note=REMAINDER_NOTE,
        term_years=term,
        term_source=term_source,
        grad_plus_available=legacy_borrower,
        apr_percent=rate.percent,
        rate_label=rate.label,
        citations=(rate.citation, *rules),
        notes=notes,
    )


def _cap(years: float | None, load: float, unsub: Loan) -> tuple[float, tuple[str, ...]]:
    """The federal cap, and a note when years of study are unknown (then only the aggregate limit applies)."""
    if years is not None:
        return federal_cap(years, load, unsub), ()
    if unsub.aggregate_limit_usd is None:
        raise CorpusError(f"figures: {unsub.id} has no aggregate limit")
    annual = _usd(unsub.annual_limit_usd) if unsub.annual_limit_usd is not None else "the annual limit"
    return unsub.aggregate_limit_usd, (
        f"Years of study not given: only the {_usd(unsub.aggregate_limit_usd)} aggregate federal limit was applied; "
        f"the annual limit ({annual} a year × years of study) may cap the federal loan lower.",
    )


def _plan(figures: Figures) -> StandardPlan:
    plan = figures.repayment.standard_plan_from_2026
    if plan is None:
        raise CorpusError("figures: repayment.standard_plan_from_2026 is missing")
    return plan


def _cap_rules(unsub: Loan, figures: Figures) -> tuple[Citation, ...]:
    """Sources for the capped path: the limits, when they apply, proration, and Grad PLUS being closed."""
    plus = figures.loan(PLUS_ID)
    return (
        _cite(unsub, "annual_limit_usd", "annual limit"),
        _cite(unsub, "aggregate_limit_usd", "aggregate limit"),
        _cite(unsub, "limits_apply_from", "limits apply from"),
        _proration_citation(unsub),
        _cite(plus, "closed_to_new_borrowers_from", "Grad PLUS closed to new borrowers"),
    )


def _proration_citation(unsub: Loan) -> Citation:
    # Proration is stated in the loan's notes; prefer the source that quotes it over the one backing the limit.
    notes = [s for s in unsub.sources if "notes" in s.supports]
    source = next((s for s in notes if "prorat" in s.quote.lower()), notes[0] if notes else None)
    if source is None:
        raise CorpusError(f"figures: no source supports proration for {unsub.id}")
    return _citation(source, "limits prorated for less than full-time enrollment")


def _legacy_rules(figures: Figures) -> tuple[Citation, ...]:
    plus = figures.loan(PLUS_ID)
    return (
        _cite(plus, "notes", "legacy borrowers keep Grad PLUS"),
        loan_rate(plus).citation,
        _cite(figures.repayment, "standard_term_years", "standard term (loans first disbursed before July 1, 2026)"),
    )


def _grad_plus_note(plus: Loan, unsub: Loan) -> str:
    limit = _usd(unsub.annual_limit_usd) if unsub.annual_limit_usd is not None else "the annual limit"
    fee = f" (origination fee {plus.origination_fee_percent:g}%)" if plus.origination_fee_percent is not None else ""
    return (
        f"Borrowing above {limit} a year would be a Grad PLUS loan{fee}, rate {rate_label(plus)}. "
        "This plan shows the whole amount at the unsubsidized rate."
    )
