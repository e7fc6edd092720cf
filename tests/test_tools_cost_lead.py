"""The first lines of a cost answer (app/tools/cost_lead.py), on the real corpus and the real calculator."""

from __future__ import annotations

from typing import Any

import pytest

from app.corpus.load import Corpus, load_corpus
from app.settings import PROJECT_ROOT
from app.tools.cost import calculate, parse_inputs
from app.tools.cost_lead import Lead, cost_leads

CORPUS: Corpus = load_corpus(PROJECT_ROOT / "corpus")


def leads(question: str = "", **kw: Any) -> list[Lead]:
    inputs = parse_inputs(kw)
    return cost_leads(calculate(inputs, CORPUS), inputs, CORPUS, question)


def test_the_total_is_per_credit_times_credits_and_says_what_it_leaves_out() -> None:
    [lead] = leads(program_id="gatech-omscs")
    assert lead.kind == "total" and lead.values["coa"] == "$6,750"
    assert lead.values["how"] == "$225 per credit × 30 credits; as of 2025-07" and "tuition" in lead.sources
    assert lead.values["fees_unpublished"] and lead.values["no_living"]
    assert "housing" not in lead.values  # studied online, from home: a city's rent is no cost of it
    [in_person] = leads(program_id="cmu-msml")
    assert in_person.values["housing"] == "$1,000" and "$1000 per month" in in_person.sources["housing"].quote


def test_the_total_of_someone_who_would_quit_counts_the_salary_they_give_up() -> None:
    [lead] = leads(program_id="columbia-ms-cs-ml", salary_before=90000, part_time=False)
    v = lead.values
    assert v["coa"] == "$77,520" and v["forgone"] == "$180,000" and v["economic"] == "$257,520"
    assert leads(program_id="gatech-omscs", salary_before=90000)[0].values["forgone"] is None  # kept: online


def test_a_total_without_a_published_duration_counts_the_guides_typical_years_and_cites_them() -> None:
    [lead] = leads(program_id="columbia-ms-cs-ml", living_per_month=2500)
    v = lead.values
    assert v["coa"] == "$137,520" and v["tuition"] == "$77,520" and v["years"] == "2 years" and v["years_typical"]
    assert lead.sources["years"].url == "guide" and "around two years" in lead.sources["years"].quote
    [stated] = leads(program_id="columbia-ms-cs-ml", living_per_month=2500, years=1.5)
    assert stated.values["coa"] == "$122,520" and not stated.values["years_typical"] and "years" not in stated.sources


def test_per_term_tuition_with_years_only_asks_for_the_terms() -> None:
    [lead] = leads(program_id="stanford-ms-cs-ai", years=1)
    assert lead.values["tuition"] is None and lead.values["ask_terms"]
    assert "can't be counted in terms" in lead.values["why"]


def test_savings_against_tuition_only_when_no_living_costs_were_given() -> None:
    [lead] = leads(program_id="edinburgh-msc-ai", savings=40000, currency="GBP")
    v = lead.values
    assert lead.kind == "afford" and v["covered"] and v["no_living"] and v["left"] == "£4,100"
    assert "housing" not in v and v["currency"] == "GBP"  # the guide's housing figure is in dollars: never used
    short = leads(program_id="edinburgh-msc-ai", savings=30000, currency="GBP")[0]
    assert not short.values["covered"] and short.values["left"] == "£5,900"


def test_savings_against_the_cost_of_attendance_with_living_costs() -> None:
    lead = leads(program_id="edinburgh-msc-ai", savings=40000, living_per_month=1000, currency="GBP")[0]
    assert not lead.values["no_living"] and not lead.values["covered"] and lead.values["coa"] == "£47,900"


def test_a_loan_above_the_cap_shows_the_federal_part_and_the_rest() -> None:
    [lead] = leads(program_id="cmu-msml", loan=70000)
    v = lead.values
    assert lead.kind == "loan" and v["has_rest"] and v["pay"] == "$260.27"
    assert (v["federal"], v["rest"], v["need"]) == ("$27,333.33", "$42,666.67", "$70,000")
    assert {"apr_percent", "term_years", "federal_cap"} <= set(lead.sources)
    [whole] = leads(loan=20000)
    assert not whole.values["has_rest"] and whole.values["need"] == "$20,000"


def test_grad_plus_is_answered_when_asked() -> None:
    loan, plus = leads("can I use Grad PLUS for the rest?", program_id="cmu-msml", loan=90000)
    assert loan.kind == "loan" and plus.kind == "grad_plus"
    assert plus.values["available"] is False and plus.values["from"] == "July 1, 2026"
    assert "Grad PLUS" in plus.sources["closed"].quote and "3 additional years" in plus.sources["legacy"].quote
    legacy = leads("and Grad PLUS?", program_id="cmu-msml", loan=90000, legacy_borrower=True)[-1]
    assert legacy.values["available"] is True
    assert [x.kind for x in leads("", program_id="cmu-msml", loan=90000)] == ["loan"]  # not asked: not said


def test_rap_payment_with_dependents_cites_each_rule() -> None:
    [lead] = leads(loan=80000, salary_before=100000, repayment_plan="rap", dependents=2)
    v = lead.values
    assert lead.kind == "rap" and v["pay"] == "$650" and v["pct"] == "9%" and v["gross"] == "$750"
    assert v["dependents"] == 2 and v["per_dependent"] == "$50" and v["income_now"]
    assert {"pct", "dependents", "apr"} <= set(lead.sources)
    assert "$50 a month" in lead.sources["dependents"].quote
    [low] = leads(loan=80000, salary_before=15000, repayment_plan="rap", dependents=1)
    assert low.values["pay"] == "$10" and low.values["at_minimum"] and "minimum" in low.sources


def test_savings_with_no_program_or_tuition_ask_for_them() -> None:
    [lead] = leads(savings=10000)
    assert not lead.values["known"] and lead.values["why"] == "tell me the program, or its tuition and how long you'd study"
    [drexel] = leads(program_id="drexel-ms-ai-ml", savings=10000)
    assert "has no published tuition in our sources" in drexel.values["why"]


@pytest.mark.parametrize(
    "kw",
    [
        {"program_id": "gatech-omscs"}, {"program_id": "columbia-ms-cs-ml", "living_per_month": 2500},
        {"program_id": "stanford-ms-cs-ai", "years": 2}, {"program_id": "drexel-ms-ai-ml"},
        {"program_id": "cmu-msml", "years": 1.5, "living_per_month": 2000, "fees_per_year": 1000},
        {"program_id": "edinburgh-msc-ai", "savings": 40000}, {"program_id": "edinburgh-msc-ai", "savings": 1000},
        {"program_id": "cmu-msml", "savings": 200000, "living_per_month": 2000},
        {"program_id": "cmu-msml", "savings": 10000, "living_per_month": 2000}, {"savings": 10000},
        {"program_id": "cmu-msml", "loan": 90000}, {"loan": 20000, "apr_percent": 6}, {"loan": 80000},
        {"program_id": "cmu-msml", "loan": 90000, "legacy_borrower": True},
        {"loan": 80000, "salary_before": 100000, "repayment_plan": "rap", "dependents": 2},
        {"loan": 80000, "salary_before": 15000, "repayment_plan": "rap"}, {"loan": 80000, "repayment_plan": "rap"},
        {"program_id": "edinburgh-msc-ai", "savings": 40000, "living_per_month": 1200},
        {"program_id": "edinburgh-msc-ai", "loan": 30000}, {"program_id": "edinburgh-msc-ai", "loan": 30000, "apr_percent": 6},
        {"program_id": "edinburgh-msc-ai", "loan": 30000, "repayment_plan": "rap", "salary_after": 55000},
        {"program_id": "ucl-msc-ml", "loan": 30000},
    ],
)  # fmt: skip
def test_every_lead_renders_in_plain_words(kw: dict[str, Any]) -> None:
    from app.answer.prompts import render
    from app.tools.cost_lead import CITED

    for lead in leads("and Grad PLUS?", **kw):
        assert set(lead.sources) <= set(CITED)
        text = render(PROJECT_ROOT / "prompts", "cost_lead", kind=lead.kind, v=lead.values,
                      c=dict.fromkeys(CITED, " [1]"))  # fmt: skip
        assert text and "None" not in text and "  " not in text and " :" not in text, text


def _said(lead: Lead) -> str:
    from app.answer.prompts import render
    from app.tools.cost_lead import CITED

    return render(PROJECT_ROOT / "prompts", "cost_lead", kind=lead.kind, v=lead.values, c=dict.fromkeys(CITED, " [1]"))


def test_a_loan_in_another_currency_is_labelled_a_us_figure() -> None:
    lead = leads(program_id="edinburgh-msc-ai", savings=40000, living_per_month=1200, currency="GBP")[-1]
    assert lead.kind == "loan" and lead.values["foreign"] and lead.values["currency"] == "GBP"
    assert lead.values["need"] == "£10,300"


def test_a_loan_in_pounds_without_a_rate_is_for_illustration_on_the_whole_amount_and_asks_the_rate() -> None:
    [lead] = leads(program_id="edinburgh-msc-ai", loan=30000)
    text = _said(lead)
    assert lead.values["illustration"] and "federal_cap" not in lead.sources and "$" not in text
    assert text.startswith("Monthly payment: I can't give yours yet: our sources hold no loan rates in GBP")
    assert "For illustration only, the whole £30,000 at the US federal rate of 7.94%" in text
    assert "would be £363.03 a month" in text and "Tell me your loan's rate and term" in text
    assert "£20,500" not in text and "cap of" not in text  # no dollar cap held against pounds


def test_a_loan_in_pounds_at_the_persons_rate_is_their_payment() -> None:
    [lead] = leads(program_id="edinburgh-msc-ai", loan=30000, apr_percent=6, term_years=10)
    text = _said(lead)
    assert text.startswith("Monthly payment: £333.06 a month on the whole £30,000 you'd borrow, at 6% (your rate) "
                           "over 10 years (your term)")  # fmt: skip
    assert "illustration" not in text and "$" not in text


def test_rap_is_not_applied_to_a_loan_in_pounds() -> None:
    first = leads(program_id="edinburgh-msc-ai", loan=30000, repayment_plan="rap", salary_after=55000)[0]
    assert _said(first).startswith("No Repayment Assistance Plan payment: it is a US federal plan figured in dollars")


def test_a_loan_with_no_length_of_study_says_the_yearly_limit_decides_how_much_is_federal() -> None:
    from app.answer.prompts import render
    from app.tools.cost_lead import CITED

    # "$80,000 for Columbia" (no published length) had read as all "a federal Direct Unsubsidized loan".
    [lead] = leads(loan=80000)
    assert lead.values["per_year"] == "$20,500" and lead.values["covered_years"] == "3.9"
    assert "annual_limit" in lead.sources
    text = render(PROJECT_ROOT / "prompts", "cost_lead", kind=lead.kind, v=lead.values, c=dict.fromkeys(CITED, ""))
    assert "Only if you study at least 3.9 years" in text and "Tell me how long" in text
    assert "per_year" not in leads(loan=80000, years=2)[0].values  # with a length, the split is computed instead


def test_quitting_said_in_this_message_puts_the_total_with_the_salary_given_up_first() -> None:
    # "and if i quit instead?" after a UIUC estimate with 5k saved: the total changes (by $240,000), so it comes
    # first; keeping the job changes no total, so the savings answer stays first.
    inputs = parse_inputs({"program_id": "uiuc-mcs-online", "salary_before": 80000, "savings": 5000, "years": 3,
                           "part_time": False})  # fmt: skip
    quit_ = cost_leads(calculate(inputs, CORPUS), inputs, CORPUS, "and if i quit instead?", frozenset({"keep_working"}))
    assert [lead.kind for lead in quit_] == ["total", "afford", "loan"]
    assert quit_[0].values["forgone"] == "$240,000" and quit_[0].values["economic"] == "$259,200"
    kept = parse_inputs({"program_id": "uiuc-mcs-online", "salary_before": 80000, "savings": 5000, "part_time": True})
    assert [lead.kind for lead in cost_leads(calculate(kept, CORPUS), kept, CORPUS, "", frozenset({"keep_working"}))] == [
        "afford", "loan"]


def test_a_total_priced_per_credit_without_published_credits_says_the_credits_are_missing() -> None:
    [lead] = leads(program_id="tarleton-ms-aiml")  # $241.90 per credit, no credits published
    assert lead.values["no_credits"] and lead.values["why"] == "the program charges $241.90 per credit"
    assert _said(lead).startswith("Total: not computable yet: our sources publish no number of credits to "
                                      "graduate, and the program charges $241.90 per credit.")  # was "…yet: None."


def test_a_salary_after_said_in_this_message_puts_the_break_even_first() -> None:
    # "what if I got £55k after?" at Edinburgh, £38k now, £20k saved: the £73,900 over the £17,000 raise a year.
    inputs = parse_inputs({"program_id": "edinburgh-msc-ai", "salary_before": 38000, "salary_after": 55000,
                           "savings": 20000, "currency": "GBP"})  # fmt: skip
    r = calculate(inputs, CORPUS)
    first = cost_leads(r, inputs, CORPUS, "what if I got £55k after?", frozenset({"salary_after"}))[0]
    assert _said(first) == ("Break-even: ~4.3 years: the £73,900 it costs you in all (with the £38,000 of salary given "
                            "up), over the £17,000 a year more you'd earn (£55,000 after, £38,000 now).")
    lower = parse_inputs({"program_id": "edinburgh-msc-ai", "salary_before": 38000, "salary_after": 36000})
    none = cost_leads(calculate(lower, CORPUS), lower, CORPUS, "", frozenset({"salary_after"}))[0]
    assert _said(none).startswith("No break-even: £36,000 after is no more than the £38,000 you earn now")
