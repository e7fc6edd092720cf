"""How a cost answer reads after its leads (app/answer/cost_answer.py); the echo of their numbers is tested with
app/answer/said.py."""

from __future__ import annotations


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
