"""Cost calculator: real numbers on the real corpus (app/tools/cost.py and its cost_*.py parts)."""

from __future__ import annotations

import itertools
from typing import Any

import pytest

from app.corpus.load import Corpus, load_corpus
from app.errors import InvalidInput, UnknownProgram
from app.settings import PROJECT_ROOT
from app.tools.cost import (
    CostInputs,
    CostResult,
    amortization_schedule,
    calculate,
    loan_risk_note,
    monthly_payment,
    parse_inputs,
)
from app.tools.tuition import parse_duration_terms

CORPUS: Corpus = load_corpus(PROJECT_ROOT / "corpus")


def calc(**kw: Any) -> CostResult:
    return calculate(parse_inputs(kw), CORPUS)


def assumption(result: CostResult, field: str) -> Any:
    return next(a for a in result.assumptions if a.field == field)


# --- loan math -------------------------------------------------------------------------------


def test_80k_at_7_percent_over_10_years() -> None:
    r = calc(loan=80000, apr_percent=7, term_years=10)
    assert r.monthly_payment == 928.87
    assert r.total_interest == 31464.14
    assert r.total_repaid == 111464.14
    assert round(monthly_payment(80000, 7, 10), 2) == 928.87


def test_zero_apr_is_principal_over_months() -> None:
    assert monthly_payment(12000, 0, 10) == 100.0
    r = calc(loan=12000, apr_percent=0, term_years=10)
    assert (r.monthly_payment, r.total_interest) == (100.0, 0.0)


def test_schedule_is_yearly_and_pays_off() -> None:
    rows = amortization_schedule(80000, 7, 10)
    assert [row.year for row in rows] == list(range(1, 11))
    assert rows[-1].balance == 0.0
    assert rows[0].interest == 5418.55  # twelve months of 0.5833% on the falling balance, summed by hand
    assert sum(row.interest for row in rows) == pytest.approx(31464.14, abs=0.05)
    assert sum(row.principal for row in rows) == pytest.approx(80000, abs=0.05)
    assert all(a.balance > b.balance for a, b in itertools.pairwise(rows))


def test_hand_computed_costs_with_in_school_interest() -> None:
    r = calc(
        tuition_per_year=30000, years=2, fees_per_year=1000, living_per_month=1500, relocation=2000,
        salary_before=60000, salary_after=110000, loan=80000, apr_percent=7, term_years=10, accrue_in_school=True,
        legacy_borrower=True,  # no July 2026 cap ($41,000 for two years), so the whole $80,000 is amortized
    )  # fmt: skip
    # 30,000×2 + 1,000×2 + 1,500×12×2 + 2,000
    assert r.total_cost_of_attendance == 100000.0
    assert r.forgone_income == 120000.0
    assert r.total_economic_cost == 220000.0
    assert r.break_even_years == 4.4  # 220,000 / (110,000 − 60,000)
    # Simple interest, disbursed evenly: 80,000 × 7% × (2/2 + 6/12)
    assert r.accrued_interest == 8400.0
    assert r.monthly_payment == round(monthly_payment(88400, 7, 10), 2)
    assert r.total_interest == round(monthly_payment(88400, 7, 10) * 120 - 80000, 2)
    assert r.debt_to_income == round(12 * monthly_payment(88400, 7, 10) / 110000, 4)
    assert "heavy" in (r.loan_risk_note or "")
    assert any("disbursed evenly" in n for n in r.notes)
    assert assumption(r, "grace_period_months").value == 6
    assert r.missing == []


def test_without_accrual_principal_is_amortized_as_given() -> None:
    r = calc(loan=80000, apr_percent=7, term_years=10, years=2, legacy_borrower=True)  # legacy: no federal cap
    assert r.accrued_interest == 0.0 and r.monthly_payment == 928.87


def test_part_time_forgoes_no_income() -> None:
    r = calc(tuition_total=10000, years=3, salary_before=90000, salary_after=120000, part_time=True, savings=10000)
    assert r.forgone_income == 0.0
    assert r.total_economic_cost == 10000.0
    assert r.loan_principal == 0.0 and r.monthly_payment == 0.0
    assert r.break_even_years == round(10000 / 30000, 2)


def test_savings_reduce_the_loan_and_floor_at_zero() -> None:
    # Two years, so the July 2026 federal cap ($41,000) stays above the $30,000 borrowed.
    assert calc(tuition_total=50000, years=2, savings=20000).loan_principal == 30000.0
    assert calc(tuition_total=50000, years=2, savings=90000).loan_principal == 0.0


def test_no_break_even_without_a_raise() -> None:
    r = calc(tuition_total=10000, years=1, salary_before=100000, salary_after=90000, loan=0)
    assert r.break_even_years is None
    assert any("No break-even" in n for n in r.notes)


@pytest.mark.parametrize(("dti", "word"), [(0.05, "manageable"), (0.15, "heavy"), (0.25, "high risk")])
def test_loan_risk_note_thresholds(dti: float, word: str) -> None:
    note = loan_risk_note(dti)
    assert f": {word}." in note and "not a sourced figure" in note


# --- cited defaults --------------------------------------------------------------------------


def test_apr_and_term_defaults_are_cited() -> None:
    r = calc(loan=80000)
    apr, term = assumption(r, "apr_percent"), assumption(r, "term_years")
    # July 2026 rules: $80,000 is in the $50,000 to $99,999 tier → 20 years (was the flat 10-year term).
    assert (r.apr_percent, r.term_years) == (7.94, 20)
    assert apr.value == 7.94 and apr.as_of == "2025-26" and "July 1" in apr.label
    assert apr.url.startswith("https://") and apr.quote == CORPUS.figures.loan().sources[0].quote
    assert term.quote == "$50,000 to $99,999 - 20 years"  # was the 10-year quote, now the tier's own source
    legacy = assumption(calc(loan=80000, legacy_borrower=True), "term_years")
    assert legacy.quote == "Upon entering repayment, loans are set to a Standard 10 year repayment term."


# --- the July 2026 federal loan rules ------------------------------------------------------------

RATE_LABEL = "7.94%: latest rate we hold (2025-26); the 2026-27 rate is not in our sources"


def test_41k_loan_gets_the_15_year_tier_cited_and_no_grad_plus() -> None:
    r = calc(loan=41000)
    term = assumption(r, "term_years")
    assert r.term_years == 15 and r.term_source == "tier" and r.term_tier == "$25,000 to $49,999: 15 years"
    assert term.quote == "$25,000 to $49,999 - 15 years" and term.url.startswith("https://insidecbu.calbaptist.edu")
    assert r.grad_plus_available is False
    plus = assumption(r, "grad_plus")
    assert plus.value == "not available" and "Grad PLUS" in plus.quote and "July 1, 2026" in plus.quote
    assert r.monthly_payment == round(monthly_payment(41000, 7.94, 15), 2)


def test_legacy_borrower_keeps_10_years_and_grad_plus() -> None:
    r = calc(loan=41000, legacy_borrower=True)
    assert r.term_years == 10 and r.term_source == "legacy" and r.grad_plus_available is True
    assert r.federal_cap is None and r.loan_remainder == 0 and r.term_tier is None
    assert assumption(r, "grad_plus").value == "available"
    assert any("Grad PLUS loan" in n for n in r.notes)


def test_cap_for_two_years_full_time_leaves_a_remainder_without_a_payment() -> None:
    r = calc(loan=60000, years=2)
    assert r.federal_cap == 41000 and r.federal_loan == 41000 and r.loan_principal == 41000
    assert r.borrowing_need == 60000 and r.loan_remainder == 19000
    assert r.remainder_note == "savings or a private loan; private loan rates are not in our sources"
    assert r.term_years == 15  # the tier of the federal part
    assert r.monthly_payment == round(monthly_payment(41000, 7.94, 15), 2)  # the $19,000 gets no payment
    assert r.total_repaid == round(monthly_payment(41000, 7.94, 15) * 180, 2)
    cap = assumption(r, "federal_cap")
    assert cap.value == 41000 and "$20,500" in cap.quote and "July 1, 2026" in cap.quote
    assert assumption(r, "aggregate_limit").quote.startswith("Aggregate borrowing limits will be $100,000")
    assert any("$19,000" in n and "private loan rates are not in our sources" in n for n in r.notes)


def test_part_time_prorates_the_cap_at_half_time_and_says_so() -> None:
    r = calc(loan=60000, years=2, part_time=True)
    assert r.federal_cap == 20500 and r.loan_remainder == 39500
    assert assumption(r, "enrollment_load").quote.startswith("The law requires institutions to prorate")
    assert any("half-time" in n and "prorated" in n for n in r.notes)


def test_aggregate_limit_caps_without_years() -> None:
    r = calc(loan=120000)
    assert (r.federal_cap, r.federal_loan, r.loan_remainder, r.term_years) == (100000, 100000, 20000, 25)
    assert any("Years of study not given" in n for n in r.notes)


def test_rate_label_says_which_year_the_rate_is_from() -> None:
    r = calc(loan=30000)
    assert r.rate_label == RATE_LABEL
    assert assumption(r, "apr_percent").label.startswith(RATE_LABEL)
    assert calc(loan=30000, apr_percent=6).rate_label == "6% (your rate)"


def test_rap_estimate_beside_the_standard_plan_when_salary_after_is_known() -> None:
    assert calc(loan=41000).rap is None
    r = calc(loan=41000, salary_after=70000)
    assert r.rap is not None
    # 6% of $70,000 / 12 = $350 a month: above the first month's interest ($271.28), paid off within 30 years.
    assert r.rap.first_year_monthly_payment == 350.0 and r.rap.percent_of_agi == 6
    assert r.rap.paid_off_within_30_years and r.rap.forgiven_amount == 0 and not r.rap.payment_below_interest
    assert assumption(r, "rap_percent_of_agi").quote.startswith("Continuing to climb 1 point per $10,000")
    assert assumption(r, "rap_forgiveness_years").value == 30
    assert r.rap_schedule and r.rap_schedule[-1].balance == 0
    rap = calc(loan=41000, salary_after=70000, repayment_plan="rap")
    assert rap.debt_to_income == round(12 * 350 / 70000, 4)  # follows the chosen plan
    low = calc(loan=41000, salary_after=25000, dependents=1)
    assert low.rap is not None and low.rap.payment_below_interest and not low.rap.paid_off_within_30_years
    assert any("below the monthly interest" in n and "no interest waiver" in n for n in low.notes)
    assert assumption(low, "rap_dependent_reduction").value == 50


def test_user_values_win_over_defaults() -> None:
    r = calc(
        loan=80000, apr_percent=5, term_years=20, program_id="cmu-msml", years=2, salary_after=1, role="data_scientist"
    )
    assert {a.field for a in r.assumptions}.isdisjoint({"apr_percent", "term_years", "years", "salary_after"})
    assert r.tuition == 104000.0  # the record's $52,000 per year × the user's 2 years
    assert r.salary_after == 1


def test_role_salary_quote_is_verbatim_from_the_guide() -> None:
    r = calc(role="machine_learning_engineer")
    a = assumption(r, "salary_after")
    assert r.salary_after == 120883
    assert (a.url, a.section) == ("guide", "Machine learning engineer")
    assert (
        a.quote == "According to Salary.com, the average machine learning engineer in the US earns $120,883 annually."
    )
    assert a.quote in CORPUS.guide_text
    for role, value in (
        ("data_scientist", "$139,202"),
        ("data_engineer", "$112,896"),
        ("software_engineer", "$122,400"),
    ):
        quote = assumption(calc(role=role), "salary_after").quote
        assert (
            quote == f"According to Salary.com, the average {role.replace('_', ' ')} in the US earns {value} annually."
        )
        assert quote in CORPUS.guide_text


def test_guide_sentence_spans_initialisms_not_lines() -> None:
    quote = CORPUS.guide_sentence("$58,260")
    assert quote.startswith("Even at the bottom of this range") and quote.endswith("pegged at $58,260 in 2021.")
    assert quote in CORPUS.guide_text


# --- program records -------------------------------------------------------------------------


def test_omscs_tuition_missing_years_and_the_180_note() -> None:
    r = calc(program_id="gatech-omscs")
    assert r.tuition == 6750.0  # $225 × 30 credit hours
    # "up to six years" is no single number: the guide's typical two years are counted, cited and said.
    assert "years" not in r.missing and r.years == 2.0 and assumption(r, "years").url == "guide"
    assert any("'up to six years' is not a single number" in n for n in r.notes)
    note = next(n for n in r.notes if "$180" in n)
    assert "$225 per credit" in note and "2025-07" in note and "not averaged" in note
    tuition = assumption(r, "tuition")
    assert tuition.quote.startswith("At just $225 per credit") and tuition.as_of.startswith("2025-07")


def test_semesters_read_as_two_a_year_and_said_so() -> None:
    assert parse_duration_terms("Four long semesters") == 4
    r = calc(program_id="tarleton-ms-aiml")
    assert r.years == 2.0 and assumption(r, "years").quote.startswith("Duration: Four long semesters")
    assert any("2 long semesters per academic year" in n for n in r.notes)
    assert "credits" in r.missing  # per-credit tuition but no credit count in the record


def test_programs_without_figures_report_missing() -> None:
    r = calc(program_id="drexel-ms-ai-ml")
    assert "tuition" in r.missing and r.tuition is None and r.total_cost_of_attendance is None
    assert r.years == 2.0 and any("our sources publish no duration for it" in n for n in r.notes)
    stanford = calc(program_id="stanford-ms-cs-ai", years=1)  # per-quarter tuition; one year is not its six quarters
    assert "tuition" in stanford.missing and "per term" in stanford.missing_reasons["tuition"]


def test_non_usd_program_keeps_its_currency() -> None:
    r = calc(program_id="edinburgh-msc-ai", living_per_month=1000)
    assert r.currency == "GBP" and r.years == 1.0 and r.tuition == 35900.0
    assert r.total_cost_of_attendance == 47900.0
    assert any("never converted" in n for n in r.notes)
    tuition = next(a for a in r.assumptions if a.field == "tuition")
    assert tuition.currency == "GBP"  # the cited default is shown in pounds, not dollars
    assert all(a.currency is None for a in r.assumptions if a.field in ("apr_percent", "federal_cap"))


def test_record_with_two_tuition_figures_says_which_was_used() -> None:
    r = calc(program_id="ut-austin-mscs-online")
    assert r.tuition == 9990.0  # 30 × $333
    assert any("$10,000 (tuition.total)" in n for n in r.notes)


# --- bad input -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("inputs", "field"),
    [
        ({"years": -1}, "years"), ({"years": 0}, "years"), ({"living_per_month": -5}, "living_per_month"),
        ({"loan": float("nan")}, "loan"), ({"salary_after": float("inf")}, "salary_after"),
        ({"apr_percent": 101}, "apr_percent"), ({"term_years": 0}, "term_years"),
        ({"tuition_per_credit": 500, "credits": 0}, "credits"), ({"relocation": "lots"}, "relocation"),
        ({"tuition_per_year": 1, "tuition_total": 2}, "tuition_per_year"), ({"loan": 1, "savings": 2}, "savings"),
        ({"role": "astronaut"}, "role"), ({"yeers": 2}, "yeers"),
    ],
)  # fmt: skip
def test_bad_inputs_name_the_field(inputs: dict[str, Any], field: str) -> None:
    with pytest.raises(InvalidInput, match=field):
        parse_inputs(inputs)


def test_unknown_program() -> None:
    with pytest.raises(UnknownProgram, match="nope"):
        calculate(CostInputs(program_id="nope"), CORPUS)


# --- CLI -------------------------------------------------------------------------------------


# --- LangChain tool --------------------------------------------------------------------------


def test_amounts_in_another_currency_than_the_programs_are_an_input_error() -> None:
    with pytest.raises(InvalidInput, match=r"your amounts are in INR but .* charges in USD, and amounts are never converted"):
        calculate(parse_inputs({"program_id": "gatech-omscs", "salary_before": 1_200_000, "currency": "INR"}), CORPUS)
    same = calculate(parse_inputs({"program_id": "gatech-omscs", "salary_before": 90_000, "currency": "USD"}), CORPUS)
    assert same.currency == "USD" and same.total_cost_of_attendance == 6750


def test_two_ways_of_paying_is_asked_about_in_the_persons_words() -> None:
    with pytest.raises(InvalidInput) as e:
        parse_inputs({"savings": 30_000, "savings_share": 0.4})
    assert "you gave your savings and a share paid from savings: say which one pays for it" in str(e.value)
    assert "savings_share" not in str(e.value)  # no field names


def test_a_part_never_given_is_counted_as_zero_and_said_so() -> None:
    r = calc(program_id="gatech-omscs")
    assert r.counted_as_zero == ["fees_per_year", "living_per_month", "relocation"]
    assert calc(program_id="gatech-omscs", living_per_month=1500).counted_as_zero == ["fees_per_year", "relocation"]


def test_per_term_tuition_needs_the_terms_never_an_assumed_number_per_year() -> None:
    usual = calc(program_id="stanford-ms-cs-ai")  # "six quarters for most students; one year only for well-prepared"
    assert usual.tuition == 6 * 22562 and "× 6 terms (six quarters for most students" in assumption(usual, "tuition").label
    assert calc(program_id="stanford-ms-cs-ai", years=2).tuition == 6 * 22562  # its usual length, said
    one_year = calc(program_id="stanford-ms-cs-ai", years=1)
    assert one_year.tuition is None and "terms" in one_year.missing
    assert "don't state how many terms make its year, so 1 year can't be counted" in one_year.missing_reasons["tuition"]
    three = calc(program_id="stanford-ms-cs-ai", years=1, terms=3)
    assert three.tuition == 3 * 22562 and "per term × 3 terms (yours)" in assumption(three, "tuition").label


def test_rap_for_a_loan_already_owed_is_figured_on_the_income_now() -> None:
    r = calc(loan=80000, salary_before=100000, repayment_plan="rap", dependents=2)
    assert r.rap is not None and r.rap.agi == 100000 and r.rap.dependents == 2
    assert r.rap.first_year_monthly_payment == 650.0  # 9% of 100,000 / 12 = 750, less 2 × $50
    assert "your income now" in assumption(r, "rap_percent_of_agi").label
    assert r.missing == []  # years of study, tuition and a salary after belong to a degree, not to a loan owed
    # Studying for a program: RAP waits for the salary after the degree, never the salary given up.
    assert calc(program_id="cmu-msml", loan=80000, salary_before=100000, repayment_plan="rap").rap is None


def test_an_unsaid_pace_is_assumed_from_the_program_as_a_decision_assumes_it() -> None:
    from app.tools.decision import DecisionInputs, decide

    # Online, not only full-time: the job is kept. The decision for the same person said so; the estimate had
    # counted the salary as forgone.
    online = calc(program_id="gatech-omscs", salary_before=90000, years=3)
    assert online.forgone_income == 0.0 and any("keep your job" in n for n in online.notes)
    row = decide(["gatech-omscs"], DecisionInputs(salary_before=90000, years=3), CORPUS)[0]
    assert row.keeps_working and row.forgone_income == online.forgone_income
    in_person = calc(program_id="cmu-msml", salary_before=90000, years=2)
    assert in_person.forgone_income == 180000.0 and any("full-time study" in n for n in in_person.notes)
    quits = calc(program_id="gatech-omscs", salary_before=90000, years=3, part_time=False)  # said: never assumed
    assert quits.forgone_income == 270000.0 and not any("keep your job" in n for n in quits.notes)


def test_tuition_an_employer_pays_is_taken_off_and_never_below_zero() -> None:
    r = calc(tuition_per_year=30000, years=2, salary_before=60000, employer_aid_per_year=5250)
    assert r.employer_aid == 10500.0 and r.total_cost_of_attendance == 60000.0 - 10500.0
    assert calc(tuition_total=6750, years=3, employer_aid_per_year=5250).employer_aid == 6750.0  # all of it, no more
    typical = calc(tuition_total=60000, employer_aid_per_year=5250)  # years not said: the guide's typical two
    assert typical.employer_aid == 10500.0 and assumption(typical, "years").url == "guide"
    assert calc(tuition_total=60000, employer_aid_per_year=5250, years=1).employer_aid == 5250.0


def test_interest_in_school_left_out_is_said_to_be_left_out_not_zero() -> None:
    from app.tools.cost_render import IN_SCHOOL_LEFT_OUT, breakdown

    left_out = calc(loan=40000, years=2)
    assert dict(breakdown(left_out))["Interest accrued in school"] == IN_SCHOOL_LEFT_OUT  # it had read "$0"
    assert any("not included" in n and "interest in school" in n for n in left_out.notes)
    asked = calc(loan=40000, years=2, accrue_in_school=True)
    assert asked.accrued_interest and dict(breakdown(asked))["Interest accrued in school"].startswith("$")


def test_a_length_not_the_programs_own_is_counted_as_said_and_the_pace_is_named() -> None:
    from app.tools.cost import other_length

    r = calc(program_id="cmu-msml", years=3, salary_before=95000)  # "what if I took 3 years" of a 16-month program
    assert r.years == 3 and r.forgone_income == 285000.0 and r.tuition == 156000.0
    assert "3 years counted, as you said, not the program's own '16 months' (1.33 years), with no salary" in " ".join(r.notes)
    kept = calc(program_id="cmu-msml", years=3, salary_before=95000, part_time=True)
    assert kept.forgone_income == 0 and any("keeping your salary throughout" in n for n in kept.notes)
    assert other_length(CORPUS.program("cmu-msml"), 4 / 3, False) is None  # its own length: nothing to say


# --- a loan in another currency: the US federal rules are in dollars, never applied to it ----------------------


def test_the_us_federal_loan_rules_apply_to_dollars_only() -> None:
    from app.tools.cost_loan import us_federal_rules_apply

    assert us_federal_rules_apply("USD")
    assert not us_federal_rules_apply("GBP") and not us_federal_rules_apply("INR")
    assert not us_federal_rules_apply(None)  # a record stating no currency is not known to be in dollars


def test_a_loan_in_pounds_gets_no_dollar_cap_tier_or_grad_plus() -> None:
    # The same £30,000 for one year in dollars would be capped at $20,500 with a 10-year tier: a 1:1 conversion.
    r = calc(program_id="edinburgh-msc-ai", loan=30000)
    assert r.currency == "GBP" and r.payment_basis == "illustration"
    assert r.federal_cap is None and r.loan_remainder is None and r.federal_loan is None and r.term_tier is None
    assert r.grad_plus_available is None and r.rap is None
    assert r.loan_principal == r.borrowing_need == 30000.0  # the whole amount, no split
    assert r.monthly_payment == round(monthly_payment(30000, 7.94, 10), 2) == 363.03  # US rate, 10-year term
    assert not {"federal_cap", "aggregate_limit", "grad_plus"} & {a.field for a in r.assumptions}
    assert assumption(r, "term_years").quote.startswith("Upon entering repayment, loans are set to a Standard 10 year")
    assert "for illustration only" in assumption(r, "apr_percent").label
    assert "apr_percent" in r.missing and "no loan rates in GBP" in r.missing_reasons["apr_percent"]
    assert not any("$" in n for n in r.notes if "Your loan is in GBP" in n or "federal cap" in n)


def test_a_loan_in_pounds_at_the_persons_rate_is_their_payment_on_the_whole_amount() -> None:
    r = calc(program_id="edinburgh-msc-ai", loan=30000, apr_percent=6, term_years=10)
    assert r.payment_basis == "your_rate" and r.federal_cap is None and r.term_source == "user"
    assert r.monthly_payment == round(monthly_payment(30000, 6, 10), 2) == 333.06
    assert r.rate_label == "6% (your rate)" and "apr_percent" not in r.missing
    assert not {"apr_percent", "term_years"} & {a.field for a in r.assumptions}
    # A rate without a term: the 10-year standard term, cited and said (the tier by amount is in dollars).
    rate_only = calc(program_id="edinburgh-msc-ai", loan=30000, apr_percent=6)
    assert rate_only.term_years == 10 and rate_only.term_tier is None and assumption(rate_only, "term_years")
    big = calc(program_id="edinburgh-msc-ai", loan=60000, apr_percent=6)  # $50,000 to $99,999 would be 20 years
    assert big.term_years == 10 and big.loan_principal == 60000


def test_rap_and_the_legacy_rules_are_not_applied_to_pounds_and_dollars_are_unchanged() -> None:
    rap = calc(program_id="edinburgh-msc-ai", loan=30000, salary_after=55000, repayment_plan="rap")
    assert rap.rap is None and rap.repayment_plan == "standard" and rap.debt_to_income is None
    legacy = calc(program_id="edinburgh-msc-ai", loan=30000, legacy_borrower=True)
    assert legacy.grad_plus_available is None and legacy.payment_basis == "illustration"
    usd = calc(loan=30000, years=1)  # the same amount in dollars: capped, the rest above the cap, tier term
    assert usd.payment_basis == "us_federal" and usd.federal_cap == 20500 and usd.loan_remainder == 9500
    assert usd.term_tier == "less than $25,000: 10 years" and usd.monthly_payment == round(
        monthly_payment(20500, 7.94, 10), 2)  # fmt: skip
    assert usd.grad_plus_available is False
    in_inr = calc(loan=30000, years=1, currency="INR")
    assert in_inr.federal_cap is None and in_inr.loan_principal == 30000 and in_inr.payment_basis == "illustration"


def test_the_breakdown_of_a_loan_in_pounds_shows_no_dollar_rule_and_says_illustration() -> None:
    from app.tools.cost_render import breakdown

    rows = dict(breakdown(calc(program_id="edinburgh-msc-ai", loan=30000)))
    assert not any("$" in label + value for label, value in rows.items())
    assert rows["Amount to borrow (the whole amount)"] == "£30,000"
    assert rows["US federal loan caps, terms and Grad PLUS"].startswith("not applied")
    assert rows["Monthly payment (7.94% APR, 10 years; for illustration only)"] == "£363.03"
    assert rows["Interest accrued in school"].startswith("not included")  # not "£0"
    own = dict(breakdown(calc(program_id="edinburgh-msc-ai", loan=30000, apr_percent=6, term_years=10)))
    assert own["Monthly payment (6% APR, 10 years)"] == "£333.06" and own["Interest rate"] == "6% (your rate)"
    usd = dict(breakdown(calc(loan=30000, years=1)))
    assert usd["Federal loan (capped at $20,500)"] == "$20,500"  # dollars keep the split


def test_a_one_year_duration_reads_one_year() -> None:
    r = calc(program_id="edinburgh-msc-ai")
    assert assumption(r, "tuition").label.endswith("£35,900 per year × 1 year")


# --- a salary and costs in different currencies (app/tools/cost_salary.py) -------------------------------------


def test_a_roles_us_dollar_salary_is_never_set_against_costs_in_pounds() -> None:
    # Edinburgh's £75,900 over the guide's $139,202 had given a break-even of 0.77 years.
    r = calc(program_id="edinburgh-msc-ai", role="data_scientist", salary_before=40000, loan=20000, apr_percent=6)
    assert r.total_economic_cost == 75900 and r.monthly_payment == 222.04  # the costs themselves are computed
    assert r.break_even_years is None and r.debt_to_income is None and r.loan_risk_note is None
    assert r.salary_after is None and "salary_after" not in {a.field for a in r.assumptions}
    assert "GBP" in r.missing_reasons["salary_after"] and "role" not in r.missing_reasons["salary_after"]
    why = next(n for n in r.notes if n.startswith("Break-even and debt-to-income not computed"))
    assert "data scientist salary is a US dollar (USD) figure" in why and "in GBP" in why and "never converted" in why
    assert not any(n.startswith("Break-even not computed") for n in r.notes)  # said once
    # Amounts in another currency than dollars with no program, and a record stating no currency, alike.
    inr = calc(tuition_total=900000, years=1, salary_before=600000, currency="INR", role="machine_learning_engineer")
    assert inr.break_even_years is None and "INR" in inr.missing_reasons["salary_after"]
    ucl = calc(program_id="ucl-msc-ml", tuition_total=30000, salary_before=40000, role="data_scientist")
    assert ucl.currency is None and ucl.break_even_years is None and ucl.salary_after is None


def test_a_salary_the_person_gives_in_the_programs_currency_still_counts() -> None:
    r = calc(program_id="edinburgh-msc-ai", salary_before=40000, salary_after=55000, loan=20000, apr_percent=6)
    assert r.break_even_years == round(75900 / 15000, 2) == 5.06
    assert r.debt_to_income == round(12 * 222.04 / 55000, 4)
    mixed_with_role = calc(program_id="edinburgh-msc-ai", salary_before=40000, salary_after=55000, role="data_scientist")
    assert mixed_with_role.break_even_years == 5.06  # their own salary wins over the role's
    usd = calc(program_id="gatech-omscs", role="data_scientist", salary_before=90000, part_time=False)
    assert usd.salary_after == 139202 and usd.break_even_years is not None  # dollars against dollars: unchanged


def test_only_one_known_currency_makes_a_salary_comparable() -> None:
    from app.tools.cost_salary import GUIDE_SALARY_CURRENCY, salary_comparable

    assert GUIDE_SALARY_CURRENCY == "USD" and salary_comparable("USD", "USD") and salary_comparable("GBP", "GBP")
    assert not salary_comparable("USD", "GBP") and not salary_comparable("USD", None)
    assert not salary_comparable(None, None)  # an unstated currency is not known to be the same
    assert "or a role" in calc(program_id="gatech-omscs").missing_reasons["salary_after"]
    assert "or a role" not in calc(program_id="edinburgh-msc-ai").missing_reasons["salary_after"]


def test_a_loan_in_pounds_gets_no_us_in_school_interest_or_grace_period_asked_for_or_not() -> None:
    from app.tools.cost_render import breakdown

    for asked in (False, True):
        r = calc(program_id="edinburgh-msc-ai", loan=20000, accrue_in_school=asked)
        assert r.accrued_interest == 0.0 and r.monthly_payment == round(monthly_payment(20000, 7.94, 10), 2)
        assert "grace_period_months" not in {a.field for a in r.assumptions}  # the US federal six months
        assert dict(breakdown(r))["Interest accrued in school"] == (
            "not included (our sources hold nothing on it for loans in GBP)")  # not "ask for interest in school"
        why = next(n for n in r.notes if "our sources hold nothing on loans in GBP" in n)
        assert why.startswith("Interest in school can't be added" if asked else "Interest while in school is not included")
        assert "grace period" in why and "US federal loans" in why and "6-month" not in why
        assert not any("our sources say it accrues on these loans" in n for n in r.notes)
    usd = calc(loan=20000, years=2, accrue_in_school=True)  # a dollar loan keeps the federal grace period
    assert usd.accrued_interest == round(20000 * 0.0794 * 1.5, 2) and assumption(usd, "grace_period_months").value == 6


def test_a_program_stating_no_currency_takes_the_currency_the_person_wrote() -> None:
    # UCL's record states no currency: "a £20k loan" and "£45k" are pounds, shown so, never as dollars.
    r = calc(program_id="ucl-msc-ml", loan=20000, salary_before=45000, currency="GBP")
    assert CORPUS.program("ucl-msc-ml").tuition.currency is None
    assert r.currency == "GBP" and r.payment_basis == "illustration" and r.federal_cap is None
    assert any("in the currency you wrote, GBP" in n for n in r.notes)
    unsaid = calc(program_id="ucl-msc-ml", loan=20000)  # no currency written: bare amounts, said so
    assert unsaid.currency is None and any("whatever currency you enter" in n for n in unsaid.notes)
