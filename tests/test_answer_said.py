"""app/answer/said.py: what the person said, echoed back, and a calculator value as a person reads it."""

from __future__ import annotations


def test_an_assumed_duration_of_one_reads_in_the_singular() -> None:
    from app.answer.said import show_value

    assert show_value("years", 1.0) == "1 year" and show_value("term_years", 10) == "10 years"
    assert show_value("grace_period_months", 6) == "6 months" and show_value("apr_percent", 7.94) == "7.94%"


def test_you_said_names_each_number_plainly_in_the_persons_words() -> None:
    from app.answer.numbers import read_numbers
    from app.answer.said import you_said
    from app.settings import PROJECT_ROOT

    prompts = PROJECT_ROOT / "prompts"
    stated = read_numbers("quitting to do a 2 year ML masters that costs 45k/yr, I make 95k now. worth it?")
    said = {"salary_before": 95_000.0, "tuition_per_year": 45_000.0, "years": 2.0}
    assert you_said(said, stated, prompts) == "salary now 95k, tuition 45k/yr, 2 years of study"
    loan = read_numbers("I have 20k saved and would borrow the rest at 6% over three years")
    assert you_said({"savings": 20_000.0, "apr_percent": 6.0, "term_years": 3.0}, loan, prompts) == (
        "savings 20k, loan rate 6%, repaid over three years")
    # Numbers not in this message (the profile's) are shown in their currency, with the unit their slot implies.
    assert you_said({"salary_before": 90_000.0, "tuition_per_year": 30_000.0, "currency": "GBP"}, read_numbers(""),
                    prompts) == "salary now £90,000, tuition £30,000 a year"  # fmt: skip
    # A share is "from savings"; borrowing everything is said as such ("borrow everything from savings" was nonsense).
    everything = read_numbers("what if I had to borrow the whole amount?")
    assert you_said({"savings_share": 0.0}, everything, prompts) == "borrow everything"
    share = read_numbers("I'd cover 30% from savings")
    assert you_said({"savings_share": 0.3}, share, prompts) == "30% from savings"
