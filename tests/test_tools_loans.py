"""The July 2026 federal loan rules (app/tools/loans.py) against the real corpus/figures.yaml."""

from __future__ import annotations

import copy
from pathlib import Path
from typing import Any

import pytest
import yaml

from app.corpus.load import validate_figures
from app.corpus.records import Figures, Loan, RepaymentAssistancePlan, StandardPlan
from app.errors import InvalidInput
from app.tools.loans import (
    REMAINDER_NOTE,
    federal_cap,
    plan_federal_loan,
    rap_monthly_payment,
    rap_outcome,
    rate_label,
    split_borrowing,
    standard_term,
)

CORPUS_DIR = Path(__file__).resolve().parent.parent / "corpus"
RAW: dict[str, Any] = yaml.safe_load((CORPUS_DIR / "figures.yaml").read_text(encoding="utf-8"))
FIGURES: Figures = validate_figures(RAW)
UNSUB: Loan = FIGURES.loan("federal-direct-unsubsidized-graduate")
PLUS: Loan = FIGURES.loan("federal-direct-plus-graduate")
assert FIGURES.repayment.standard_plan_from_2026 and FIGURES.repayment.repayment_assistance_plan
PLAN: StandardPlan = FIGURES.repayment.standard_plan_from_2026
RAP: RepaymentAssistancePlan = FIGURES.repayment.repayment_assistance_plan


def _raw() -> dict[str, Any]:
    return copy.deepcopy(RAW)


# --- schema and corpus -------------------------------------------------------------------------


# --- standard term -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("principal", "years", "bounds"),
    [
        (0, 10, "less than $25,000"),
        (24_999.99, 10, "less than $25,000"),
        (24_999, 10, "less than $25,000"),
        (25_000, 15, "$25,000 to $49,999"),
        (49_999, 15, "$25,000 to $49,999"),
        (49_999.99, 15, "$25,000 to $49,999"),
        (50_000, 20, "$50,000 to $99,999"),
        (99_999, 20, "$50,000 to $99,999"),
        (100_000, 25, "$100,000 or more"),
        (1_000_000, 25, "$100,000 or more"),
    ],
)
def test_standard_term_by_amount_borrowed(principal: float, years: int, bounds: str) -> None:
    tier = standard_term(principal, PLAN)
    assert (tier.years, tier.bounds) == (years, bounds)
    # Each tier cites the quote that states it, e.g. "$25,000 to $49,999 - 15 years".
    assert f"{years} years" in tier.citation.quote and tier.citation.url.startswith("https://")
    assert tier.citation.as_of == "undated"


def test_standard_term_rejects_a_negative_amount() -> None:
    with pytest.raises(InvalidInput):
        standard_term(-1, PLAN)


# --- caps and the remainder ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("years", "load", "cap"),
    [(1, 1.0, 20_500), (1.5, 1.0, 30_750), (2, 1.0, 41_000), (1, 0.5, 10_250), (1.5, 0.5, 15_375), (2, 0.5, 20_500)],
)
def test_federal_cap_prorated(years: float, load: float, cap: float) -> None:
    assert federal_cap(years, load, UNSUB) == pytest.approx(cap, abs=0.005)


def test_federal_cap_stops_at_the_aggregate_limit() -> None:
    assert federal_cap(5, 1.0, UNSUB) == 100_000  # 5 × 20,500 = 102,500 > 100,000
    assert federal_cap(4, 1.0, UNSUB) == 82_000


@pytest.mark.parametrize(("years", "load"), [(0, 1.0), (1, 0), (1, 1.5), (-1, 0.5)])
def test_federal_cap_rejects_bad_inputs(years: float, load: float) -> None:
    with pytest.raises(InvalidInput):
        federal_cap(years, load, UNSUB)


def test_split_borrowing() -> None:
    assert split_borrowing(50_000, 41_000) == (41_000, 9_000)
    assert split_borrowing(30_000, 41_000) == (30_000, 0)


def test_new_borrower_plan_caps_federal_and_leaves_a_remainder_without_payment() -> None:
    plan = plan_federal_loan(60_000, years=2, load=1.0, figures=FIGURES)
    assert (plan.federal_amount, plan.federal_cap, plan.remainder) == (41_000, 41_000, 19_000)
    assert plan.remainder_note == REMAINDER_NOTE and "private loan rates are not in our sources" in plan.remainder_note
    assert not hasattr(plan, "remainder_payment")  # the remainder gets no payment: its rate is unknown
    assert (plan.term_years, plan.term_source) == (15, "tier")  # tier of the federal amount, 41,000
    assert plan.grad_plus_available is False
    assert plan.apr_percent == 7.94 and plan.rate_label.startswith("7.94%: latest rate we hold")
    rules = {c.rule for c in plan.citations}
    assert {"annual limit", "aggregate limit", "limits apply from", "Grad PLUS closed to new borrowers"} <= rules
    assert any("prorate" in c.quote for c in plan.citations)
    assert all(c.url.startswith("https://") and c.as_of and c.quote for c in plan.citations)


def test_part_time_plan_uses_the_prorated_cap() -> None:
    plan = plan_federal_loan(30_000, years=2, load=0.5, figures=FIGURES)
    assert (plan.federal_amount, plan.remainder, plan.term_years) == (20_500, 9_500, 10)


def test_legacy_borrower_keeps_grad_plus_and_the_ten_year_term() -> None:
    plan = plan_federal_loan(150_000, years=2, load=1.0, figures=FIGURES, legacy_borrower=True)
    assert (plan.federal_amount, plan.remainder, plan.federal_cap) == (150_000, 0, None)
    assert (plan.term_years, plan.term_source, plan.grad_plus_available) == (10, "legacy", True)
    assert any("continue to receive Grad PLUS" in c.quote for c in plan.citations)
    assert any("10 year" in c.quote for c in plan.citations)
    assert "rate 8.94%: latest rate we hold (2025-26)" in plan.notes[0] and "$20,500" in plan.notes[0]
    assert f"interest rate, {PLUS.name}" in {c.rule for c in plan.citations}


def test_a_term_the_user_gives_wins() -> None:
    assert plan_federal_loan(60_000, 2, 1.0, FIGURES, term_years=12).term_source == "user"
    assert plan_federal_loan(60_000, 2, 1.0, FIGURES, legacy_borrower=True, term_years=12).term_years == 12


# --- rate label ----------------------------------------------------------------------------------


def test_rate_label_says_the_2026_27_rate_is_not_in_our_sources() -> None:
    assert rate_label(UNSUB) == "7.94%: latest rate we hold (2025-26); the 2026-27 rate is not in our sources"


def test_a_2026_27_rate_once_sourced_is_the_rate() -> None:
    raw = _raw()
    raw["loans"][0]["rate_2026_27_percent"] = 6.5
    raw["loans"][0]["sources"].append(
        {"url": "https://example.edu/rates", "as_of": "2026-27", "supports": ["rate_2026_27_percent"], "quote": "6.5%"}
    )
    figures = validate_figures(raw)
    assert rate_label(figures.loan()) == "6.5%: the 2026-27 rate"
    assert plan_federal_loan(10_000, 1, 1.0, figures).apr_percent == 6.5


# --- Repayment Assistance Plan -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("agi", "none", "two"),
    [(9_999, 10.00, 10.00), (10_001, 10.00, 10.00), (55_000, 229.17, 129.17), (120_000, 1000.00, 900.00)],
)
def test_rap_monthly_payment(agi: float, none: float, two: float) -> None:
    assert rap_monthly_payment(agi, 0, RAP) == none
    assert rap_monthly_payment(agi, 2, RAP) == two


@pytest.mark.parametrize(
    ("agi", "payment"),
    [(10_000, 10.00), (20_000, 16.67), (20_000.01, 33.33), (100_000, 750.00), (100_000.01, 833.33), (24_000, 40.00)],
)
def test_rap_bracket_edges(agi: float, payment: float) -> None:
    # 20,000 is the top of the 1% bracket; a cent more is 2%. 100,000 is 9%; above it the 10% cap.
    assert rap_monthly_payment(agi, 0, RAP) == payment


def test_rap_minimum_after_dependents() -> None:
    assert rap_monthly_payment(55_000, 10, RAP) == 10.00


def test_small_loan_at_a_high_salary_is_paid_off() -> None:
    out = rap_outcome(20_000, 7.94, 120_000, 0, RAP)
    assert out.first_year_monthly_payment == 1000.00
    assert out.paid_off_within_30_years and out.months_to_payoff is not None and 20 <= out.months_to_payoff <= 24
    assert out.forgiven_amount == 0 and out.total_paid > 20_000 and not out.payment_below_interest


def test_large_loan_at_a_low_salary_is_forgiven() -> None:
    out = rap_outcome(120_000, 7.94, 40_000, 0, RAP)
    assert out.first_year_monthly_payment == 100.00  # 3% of 40,000 / 12
    assert not out.paid_off_within_30_years and out.months_to_payoff is None
    assert out.payment_below_interest and out.forgiven_amount > 120_000  # no interest waiver is modelled
    assert out.total_paid == pytest.approx(100 * 360)


def test_zero_loan_is_paid_off_at_once() -> None:
    out = rap_outcome(0, 7.94, 50_000, 0, RAP)
    assert (out.paid_off_within_30_years, out.months_to_payoff, out.forgiven_amount) == (True, 0, 0)


@pytest.mark.parametrize("kwargs", [{"need": -1}, {"need": 1, "term_years": 0}, {"need": -1, "legacy_borrower": True}])
def test_plan_rejects_bad_inputs(kwargs: dict[str, Any]) -> None:
    with pytest.raises(InvalidInput):
        plan_federal_loan(years=1, load=1.0, figures=FIGURES, **kwargs)
