"""How a cost answer reads: values as the person reads them, and their own numbers echoed (app/answer/cost_answer.py)."""

from __future__ import annotations


def test_an_assumed_duration_of_one_reads_in_the_singular() -> None:
    from app.answer.cost_answer import _show_value

    assert _show_value("years", 1.0) == "1 year" and _show_value("term_years", 10) == "10 years"
    assert _show_value("grace_period_months", 6) == "6 months" and _show_value("apr_percent", 7.94) == "7.94%"


def test_you_said_names_each_number_plainly_in_the_persons_words() -> None:
    from app.answer.cost_answer import you_said
    from app.answer.numbers import read_numbers
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


def test_the_ask_for_what_is_missing_speaks_the_costs_currency_on_the_real_corpus() -> None:
    from app.answer.cost_answer import ask_missing
    from app.corpus.load import load_corpus
    from app.settings import PROJECT_ROOT
    from app.tools.cost import calculate, parse_inputs

    corpus, prompts = load_corpus(PROJECT_ROOT / "corpus"), PROJECT_ROOT / "prompts"
    gbp = ask_missing(calculate(parse_inputs({"program_id": "edinburgh-msc-ai", "role": "data_scientist"}), corpus), prompts)
    assert gbp.startswith("To finish this estimate I need salary before, salary after, loan.")
    assert gbp.endswith('Tell me, for example: "I earn £70,000; I expect £110,000 after; a £40k loan, or: I have £20k saved".')
    usd = ask_missing(calculate(parse_inputs({"program_id": "gatech-omscs"}), corpus), prompts)
    assert 'I expect $110,000 after, or: as a data scientist; a $40k loan' in usd
    cad = ask_missing(calculate(parse_inputs({"program_id": "toronto-mscac"}), corpus), prompts)
    assert "I earn CAD 70,000" in cad and "as a data scientist" not in cad
