"""The grounded engine end to end on the real index: cited answers, tools, abstention (app/answer/grounded.py)."""

from __future__ import annotations

import re
from typing import Any

import pytest

from app.answer.citations import check
from app.answer.pipeline import Conversation
from tests.helpers import assert_well_cited


def test_free_form_answer_is_cited_sentence_by_sentence(advisor: Any) -> None:
    r = Conversation(advisor).ask("What salary can a machine learning engineer expect?")
    assert r.intent == "question" and not r.abstained
    assert_well_cited(r, advisor)
    assert "$120,883" in r.answer
    # The direct answer first, then supporting points under topic headings: every sentence ends with its citation.
    sentences = [ln for ln in r.answer.splitlines() if ln.strip() and not ln.startswith("**")]
    assert sentences and all(re.search(r"\[\d+\]$", s) for s in sentences), "every sentence ends with its citation"
    assert "$120,883" in r.answer.splitlines()[0], "the figure asked for comes first"
    c = r.citations[0]
    assert c.kind == "guide" and c.section and c.quote in advisor.corpus.guide_text


def test_program_figures_carry_source_and_as_of(advisor: Any) -> None:
    r = Conversation(advisor).ask("How much does Carnegie Mellon's machine learning master's cost per year?")
    assert_well_cited(r, advisor)
    # The guide's date is not the figure's: the record says the year the tuition applies to is not stated.
    assert "$52,000 per year (from the 2026 guide, which does not date it)" in r.answer
    assert {c.program_id for c in r.citations} <= {"cmu-msml", None}, "only the program asked about"
    cmu = next(c for c in r.citations if c.program_id == "cmu-msml")
    assert cmu.url == "guide" and cmu.as_of == "2026" and "$52,000" in cmu.quote


def test_off_topic_questions_abstain_with_what_is_covered(advisor: Any) -> None:
    for q in ("What's the best pizza place in Pittsburgh?", "How do I bake sourdough bread?"):
        r = Conversation(advisor).ask(q)
        assert r.abstained and r.intent == "off-topic" and r.citations == []
        assert "don't cover" in r.answer and f"{len(advisor.corpus.programs)} programs" in r.answer


def test_compare_builds_a_cited_side_by_side_table(advisor: Any) -> None:
    conv = Conversation(advisor)
    conv.ask("Tell me about CMU MSML")
    r = conv.ask("Compare it with OMSCS and Drexel's AI and ML master's")
    assert r.intent == "compare" and r.programs == ["cmu-msml", "gatech-omscs", "drexel-ms-ai-ml"]
    assert r.tool_calls[0].name == "compare_programs"
    assert_well_cited(r, advisor)
    table = [ln for ln in r.answer.splitlines() if ln.startswith("| ")]
    assert len(table) >= 10 and table[0].count("|") == 5
    drexel_tuition = next(ln for ln in table if ln.startswith("| Tuition"))
    assert "not published" in drexel_tuition
    assert "$225 × 30 credit hours = $6,750" in r.answer
    assert "⚠ possibly outdated" in r.answer  # the 2017 OMSCS GRE source


def test_cost_question_uses_the_tool_and_cites_defaults(advisor: Any) -> None:
    conv = Conversation(advisor)
    r = conv.ask("How much would I pay monthly on an $80,000 loan at 7% over 10 years?")
    assert r.intent == "cost" and r.tool_calls[0].name == "calculate_cost"
    assert r.tool_calls[0].args == {"loan": 80000, "apr_percent": 7, "term_years": 10, "currency": "USD"}
    assert "$928.87 a month" in r.answer and "$31,464.14 total interest" in r.answer
    assert_well_cited(r, advisor)
    # The numbers last given carry into a what-if follow-up; the default rate is cited with its as-of year.
    again = conv.ask("what if the loan were $40k?")
    assert again.tool_calls[0].args["loan"] == 40000 and again.tool_calls[0].args["apr_percent"] == 7
    default = Conversation(advisor).ask("What would a $30,000 loan cost me per month?")
    assert "7.94%" in default.answer and "2025-26" in default.answer
    assert any(c.id == "figure:federal-direct-unsubsidized-graduate" for c in default.citations)
    assert_well_cited(default, advisor)


def test_cost_asks_for_what_the_data_cannot_give(advisor: Any) -> None:
    r = Conversation(advisor).ask("Estimate the total cost of OMSCS for me")
    assert r.tool_calls[0].args["program_id"] == "gatech-omscs"
    assert "I need" in r.answer and "up to six years" in r.answer
    assert "$225 per credit" in r.answer and "$180" in r.answer  # the record's figure, and that another exists


def test_bad_cost_input_is_a_clear_message(advisor: Any) -> None:
    r = Conversation(advisor).ask("What would I pay monthly on a $10,000 loan at 150% APR?")
    assert "apr_percent" in r.answer and "couldn't run the cost calculator" in r.answer
    assert r.citations == []


def test_field_questions_by_acronym_find_the_field(advisor: Any) -> None:
    r = Conversation(advisor).ask("How long is the OMSCS?")
    assert "duration up to six years" in r.answer
    assert check(r, advisor.corpus.verbatim_texts()) == []


@pytest.mark.parametrize(
    ("question", "quote_part"),
    [
        ("Can I still get a Grad PLUS loan for fall 2027?", "Grad PLUS"),
        ("What's the most I can borrow federally for a two-year master's?", "$20,500"),
        ("How long would I repay $60k?", "$50,000 to $99,999"),
    ],
)
def test_the_july_2026_loan_rules_are_answered_with_their_source_and_date(advisor: Any, question: str,
                                                                           quote_part: str) -> None:  # fmt: skip
    r = advisor.conversation().ask(question)
    assert check(r, advisor.corpus.verbatim_texts()) == []
    cited = [c for c in r.citations if quote_part in c.quote]
    assert cited and all(c.url and c.url.startswith("http") and c.as_of for c in cited), r.answer


def test_asking_people_for_their_experience_is_not_covered(advisor: Any) -> None:
    r = advisor.conversation().ask("For those who got in, how did you approach your SOP?")
    assert r.abstained and r.coverage == "none"
    assert r.answer.startswith("Our sources are a guide and program records: they hold no one's personal experience")
    mixed = advisor.conversation().ask("In your experience how has it impacted your career? Was it worth the money?")
    assert mixed.coverage == "partial" and not mixed.abstained
    assert mixed.answer.startswith("Our sources hold no one's personal experience, so I can't answer that part.")


def test_a_question_naming_no_program_cites_no_record_twice_and_no_promotional_listing(advisor: Any) -> None:
    for q in ("I have heard the MSCS degree is much harder to get into. In an MCS degree is there no research?",
              "Is AI currently the best field to take?", "Is an online master's degree in AI a good idea?"):
        r = advisor.conversation().ask(q)
        records = [c.program_id for c in r.citations if c.program_id]
        assert len(records) == len(set(records)), (q, records)
        assert not any("now accepting applications" in " ".join(c.section) for c in r.citations), q


def test_points_are_different_topics_unless_the_question_names_the_section(advisor: Any) -> None:
    def sections(q: str) -> list[tuple[str, ...]]:
        return [tuple(c.section) for c in advisor.conversation().ask(q).citations if c.kind == "guide"]

    # ("pursue" would name "What are the different ways you can pursue …": a question about leaving a job doesn't.)
    for q in ("Should you leave your job for a master's?", "Is a master's just a waste of money?"):
        got = sections(q)
        assert len(got) == len(set(got)) >= 2, (q, got)
    online = sections("How does an online master's work?")
    assert sum(s[-1] == "Online" for s in online) == 2  # "online" names the section: it keeps more lines


def test_a_refusal_shows_no_related_fact_that_is_not_about_what_was_asked(advisor: Any) -> None:
    r = advisor.conversation().ask("How long does a US student visa take to process?")
    assert r.abstained and r.answer.startswith("Our sources don't cover")
    assert not r.citations and "repayment" not in r.answer, r.answer  # once: "Related: … repayment term 10 years"


def test_a_school_we_hold_nothing_on_is_not_covered(advisor: Any) -> None:
    r = advisor.conversation().ask("Is the MS in CS at Iowa State University good for ML?")
    assert r.coverage == "none" and r.abstained and "“Iowa State University”" in r.answer.splitlines()[0]
    held = advisor.conversation().ask("Does the University of Southern California's MS in CS require the GRE?")
    assert held.coverage != "none" and "usc-ms-cs" in {c.program_id for c in held.citations}


def test_a_record_line_answers_an_unnamed_question_only_when_it_speaks_of_what_was_asked(advisor: Any) -> None:
    r = advisor.conversation().ask("My background is non CS. Is it feasible to get into an MSCS program?")
    assert not [c.program_id for c in r.citations if c.program_id]  # no "pace full-time" of some record
    gre = advisor.conversation().ask("Is there an online program in AI strategy that doesn't require the GRE?")
    assert any(c.program_id and "GRE" in c.quote for c in gre.citations)  # "No GRE required", not "modality online"
    assert advisor.conversation().ask("Do I need to take the GRE for a data science masters?").coverage != "none"


def test_what_one_programs_graduates_earn_is_partly_covered_by_the_guides_salaries(advisor: Any) -> None:
    r = advisor.conversation().ask("What's the median salary of Stanford MSCS grads?")
    assert r.coverage == "partial" and "figure no record holds" in r.coverage_reasons
    first, second = r.answer.splitlines()[:2]
    assert first.startswith("Our sources don't cover “what a program's own graduates earn”")
    assert "earns $" in second and "tuition" not in second  # the guide's salary; Stanford's tuition had led
    rate = advisor.conversation().ask("What is the interest rate on Grad PLUS loans?")  # names no program
    assert "figure no record holds" not in rate.coverage_reasons


def test_a_gap_beside_a_topic_our_sources_hold_is_partly_covered(advisor: Any) -> None:
    both = advisor.conversation().ask("What is the acceptance rate and tuition for OMSCS?")
    assert both.coverage == "partial" and not both.abstained
    assert "gatech-omscs" in {c.program_id for c in both.citations}
    parking = advisor.conversation().ask("What's the parking and tuition at CMU?")  # a known gap, too
    assert parking.coverage == "partial" and "parking" in parking.answer.splitlines()[0]
    assert "cmu-msml" in {c.program_id for c in parking.citations}
    only = advisor.conversation().ask("How hard is it to get into OMSCS?")
    assert only.coverage == "none" and "“admission odds or acceptance rates”" in only.answer.splitlines()[0]


@pytest.mark.parametrize(("question", "reason"), [
    ("What are the mascot rules at CMU?", "missing subject word"),
    ("What are the parking rules at CMU?", "known gap"),
    ("How hard is it to get into OMSCS?", "known gap"),
    ("Is the MS in CS at Iowa State University good for ML?", "school we don't hold"),
    ("For those who got in, how did you approach your SOP?", "experience"),
    ("What's the best pizza place in Pittsburgh?", "low support"),
    ("What percentage of OMSCS students graduate?", "figure no record holds"),
])
def test_an_abstention_names_the_rule_that_made_it(advisor: Any, question: str, reason: str) -> None:
    r = advisor.conversation().ask(question)
    assert r.abstained and reason in r.coverage_reasons, r.coverage_reasons


def test_a_figure_not_published_is_the_answer_when_asked_and_never_padding(advisor: Any) -> None:
    fees = advisor.conversation().ask("What are the fees for CMU's MSML?")
    assert fees.answer.splitlines()[0].startswith(
        "Carnegie Mellon University, Master of Science in Machine Learning: fees per year is not published")
    tuition = advisor.conversation().ask("What is the tuition for CMU's MSML?")
    assert "$52,000" in tuition.answer.splitlines()[0]
    assert "not published" not in tuition.answer.split("\n\nSources:")[0]  # fees, credits, GRE were not asked
    # A skipped line never leaves an answer with nothing to say (the load test found this): "charge" asks the tuition.
    drexel = advisor.conversation().ask(
        "What does Drexel University charge for the Master of Science in Artificial Intelligence and Machine Learning?")
    assert not drexel.abstained and "tuition is not published" in drexel.answer.splitlines()[0]


def test_a_first_message_that_names_nothing_is_asked_about_not_answered(advisor: Any) -> None:
    r = advisor.conversation().ask("How much?")
    assert r.abstained and r.coverage_reasons == ["no subject"] and not r.citations
    assert r.answer.startswith("Your message doesn't say what it is about yet.")
    conv = advisor.conversation()
    conv.ask("Tell me about CMU's MSML.")
    assert "no subject" not in conv.ask("How much?").coverage_reasons  # a follow-up: it is about the MSML
    post = advisor.conversation().ask("I'm unsure whether to do a master's in machine learning. What do you think?")
    assert "no subject" not in post.coverage_reasons  # the asking sentence names nothing, the post does


@pytest.mark.parametrize(
    ("question", "first"),
    [
        ("How long does a master's in machine learning take?", "last around two years"),
        ("How long is OMSCS?", "duration up to six years"),
        ("How many credits is OMSCS?", "30 credit hours"),
        ("What do machine learning engineers earn?", "earns $"),  # what they earn, not what a program costs
    ],
)
def test_a_figure_question_is_answered_first_by_a_figure_of_the_kind_asked(advisor: Any, question: str,
                                                                           first: str) -> None:  # fmt: skip
    r = Conversation(advisor).ask(question)
    assert first in r.answer.splitlines()[0]
    assert_well_cited(r, advisor)


def test_a_cost_answer_shows_a_program_default_in_the_program_currency(advisor: Any) -> None:
    r = Conversation(advisor).ask("I have £40k saved. Can I afford Edinburgh's MSc AI?")
    assumed = [line for line in r.answer.splitlines() if "per year ×" in line]
    assert assumed and all("£35,900 per year × 1 year: £35,900" in line for line in assumed)  # not "1 years"
    assert_well_cited(r, advisor)


def test_how_much_of_a_thing_is_not_answered_by_a_number(advisor: Any) -> None:
    # "How much math" asks about maths, not money: the cost of a year of study must not lead.
    r = Conversation(advisor).ask("How much math do I need?")
    first = r.answer.splitlines()[0]
    assert "$" not in first and "linear algebra" in first
    assert_well_cited(r, advisor)


def test_an_informal_word_is_read_in_the_corpus_words(advisor: Any) -> None:
    # "math" scored below the off-topic line; the guide says "mathematics".
    r = Conversation(advisor).ask("Do I need to be good at math for this?")
    assert not r.abstained and "linear algebra" in r.answer.splitlines()[0]
    assert_well_cited(r, advisor)


def test_a_person_who_already_borrowed_is_told_the_exception_first(advisor: Any) -> None:
    legacy = advisor.conversation().ask("I already took a grad PLUS loan in 2025 for my current masters, can I keep "
                                        "borrowing it?")  # fmt: skip
    assert legacy.intent == "question"  # who they are is no request for an estimate
    lines = legacy.answer.split("\n\nSources:")[0]
    assert lines.startswith("Legacy exception: a student who borrowed a federal Direct Loan for the same program")
    assert "closed to new borrowers from July 1, 2026" in lines  # the rule it is an exception to, too
    assert_well_cited(legacy, advisor)
    new = advisor.conversation().ask("I'm a new borrower starting in fall 2027, can I get Grad PLUS?")
    assert new.answer.startswith("Grad PLUS loans are closed to new borrowers from July 1, 2026")


def test_which_is_cheaper_is_answered_first_then_the_table(advisor: Any) -> None:
    r = advisor.conversation().ask("Which is cheaper, OMSCS or UIUC MCS?")
    first = r.answer.splitlines()[0]
    assert first.startswith("By estimated total tuition, cheapest first: Online Master of Science in Computer Science")
    assert first.index("$6,750 [") < first.index("$19,200 [") and "⚠ possibly outdated" in first
    assert "Tuition only" in first and "| Field |" not in first and r.intent == "compare"
    assert_well_cited(r, advisor)
    mixed = advisor.conversation().ask("Compare OMSCS and Edinburgh's MSc AI, which is cheaper?")
    assert "different currencies, and amounts are never converted" in mixed.answer.splitlines()[0]


def test_a_rate_question_naming_a_loan_that_closed_says_so(advisor: Any) -> None:
    # The rate we hold is for 2025-26; a person asking today must also learn that Grad PLUS closed to new borrowers.
    r = advisor.conversation().ask("What is the interest rate on Grad PLUS loans?")
    lines = r.answer.split("\n\nSources:")[0]
    assert "8.94% for loans first disbursed July 1, 2025 to June 30, 2026" in lines.splitlines()[0]
    assert "closed to new borrowers from July 1, 2026" in lines
    assert_well_cited(r, advisor)


@pytest.mark.parametrize(
    ("question", "name"),
    [
        ("Is Iowa State University's online MS in data science worth it for me? I make 60k.", "“Iowa State University”"),
        ("Is Caltech's ML masters worth it for me? I make 60k", "“Caltech”"),
    ],
)
def test_a_decision_names_the_unheld_school_as_the_person_wrote_it(advisor: Any, question: str, name: str) -> None:
    # One rule for names we hold nothing on: a school named in full stays whole, a possessive is not part of it.
    r = advisor.conversation().ask(question)
    assert r.intent == "decide" and f"no program matching {name}" in r.answer


def test_a_general_loan_question_leads_with_what_applies_now_not_the_closed_grad_plus(advisor: Any) -> None:
    r = advisor.conversation().ask("whats the federal loan interest rate right now")
    first = r.answer.splitlines()[0]
    assert "is not in our sources: 7.94% (2025-26) is the latest rate we hold" in first  # never shown as current
    assert "8.94%" not in first  # Grad PLUS: closed to new borrowers since July 1, 2026


def test_whether_a_rate_still_holds_is_answered_with_its_year_not_a_calculation(advisor: Any) -> None:
    r = advisor.conversation().ask("is the 7.94% rate still right for loans taken out this fall?")
    first = r.answer.splitlines()[0]
    assert r.intent == "question" and not r.tool_calls
    assert "7.94% (2025-26) is the latest rate we hold" in first and "(2026-27) is not in our sources" in first
    assert "share you'd pay from savings" not in r.answer
    assert_well_cited(r, advisor)


def test_the_total_of_a_per_credit_program_comes_first(advisor: Any) -> None:
    r = advisor.conversation().ask("how much does georgia tech omscs cost in total")
    first = r.answer.splitlines()[0]
    assert r.intent == "cost" and first.startswith("Total: $6,750 of tuition ($225 per credit × 30 credits; as of 2025-07) [")
    assert "Fees are not included: none are published in our sources" in first
    assert "Living costs are not included: you gave none" in first
    assert_well_cited(r, advisor)


def test_a_total_for_a_program_with_no_published_length_counts_the_guides_typical_years_and_says_so(advisor: Any) -> None:
    conv = advisor.conversation()
    r = conv.ask("What's the total cost of the Columbia MSCS machine learning track, including $2,500/month rent?")
    first = r.answer.splitlines()[0]
    # Columbia publishes no length: the guide's typical two years are counted (cited), as a decision counts them.
    assert first.startswith("Total cost of attendance: $137,520 over 2 years (the guide's typical length of full-time")
    assert "so tell me yours" in first and "tuition $77,520" in first and "living $60,000" in first
    assert_well_cited(r, advisor)
    years = conv.ask("it would take me 1.5 years")  # theirs wins over the default
    assert years.answer.startswith("Total cost of attendance: $122,520 over 1.5 years:"), years.answer[:200]


def test_per_quarter_tuition_after_the_person_gives_years_says_the_quarters_are_missing(advisor: Any) -> None:
    conv = advisor.conversation()
    usual = conv.ask("how much does the Stanford MSCS AI cost in total?")  # six quarters for most students
    assert usual.answer.startswith("Total: $135,372 of tuition ($22,562 per term × 6 terms (six quarters for most")
    years = conv.ask("1 year")  # the well-prepared students' track: how many quarters is not in our sources
    first = years.answer.splitlines()[0]
    assert years.intent == "cost" and first.startswith("Total: not computable yet: the program charges $22,562 per")
    assert "so 1 year can't be counted in terms" in first and "how many terms" in first
    quarters = conv.ask("3 quarters")
    assert quarters.answer.startswith("Total: $67,686 of tuition ($22,562 per term × 3 terms (yours); as of 2025-26) [")


def test_savings_get_a_direct_answer_first(advisor: Any) -> None:
    r = advisor.conversation().ask("I have £40k saved. Can I afford Edinburgh's MSc AI?")
    first = r.answer.splitlines()[0]
    assert first.startswith("Only tuition: your £40,000 covers the £35,900 tuition (as of 2023-24) [") and "£4,100 left over" in first
    assert "living costs are not included: you gave none" in first and "$" not in first  # never another currency
    assert "Living over 1 year: not included (not given)" in r.answer and "Living over 1 year: £0" not in r.answer
    assert_well_cited(r, advisor)


def test_a_loan_above_the_federal_cap_is_headlined_in_both_parts(advisor: Any) -> None:
    r = advisor.conversation().ask("I'd borrow 70k for CMU MSML")
    first = r.answer.splitlines()[0]
    assert first.startswith("Monthly payment: $260.27 a month, for the federal part only: $27,333.33 of the $70,000")
    assert "The other $42,666.67 is above the federal cap" in first and "its payment is not included" in first
    assert "at 7.94% (the latest federal rate we hold, as of 2025-26) [" in first  # with the year it holds for
    assert "- Federal loan payment ($27,333.33 of the $70,000 borrowed): $260.27" in r.answer
    assert_well_cited(r, advisor)


def test_a_payment_and_grad_plus_for_the_rest_are_both_answered(advisor: Any) -> None:
    r = advisor.conversation().ask("I'd borrow $90k for CMU MSML. What would my monthly payment be, and can I use "
                                   "Grad PLUS for the rest?")  # fmt: skip
    lines = r.answer.splitlines()
    assert r.intent == "cost" and lines[0].startswith("Monthly payment: $260.27 a month, for the federal part only")
    assert lines[1].startswith("Grad PLUS for the rest: no. It is closed to new borrowers from July 1, 2026 [")
    assert "borrowed a Direct Loan for this program before then may keep it" in lines[1]
    assert_well_cited(r, advisor)


def test_a_rap_payment_counts_the_persons_income_and_kids(advisor: Any) -> None:
    r = advisor.conversation().ask("If I earn 100k and owe 80k on RAP, what's my monthly payment? I have 2 kids")
    first = r.answer.splitlines()[0]
    assert first.startswith("Under the Repayment Assistance Plan your payment would be $650 a month: 9% of your "
                            "income ($100,000 a year, taken as AGI) ÷ 12 is $750 [")  # fmt: skip
    assert "less $50 a month for each of your 2 dependents [" in first
    assert "You mentioned" not in r.answer  # the 80k is what they owe
    assert_well_cited(r, advisor)
    conv = advisor.conversation()
    conv.ask("If I earn 100k and owe 80k on RAP, what's my monthly payment?")
    kids = conv.ask("and with 3 kids?")
    assert kids.answer.startswith("Under the Repayment Assistance Plan your payment would be $600 a month")


def test_the_ask_for_missing_inputs_gives_examples_in_the_programs_currency(advisor: Any) -> None:
    def ask_line(question: str) -> str:
        answer = advisor.conversation().ask(question).answer
        return next(ln for ln in answer.splitlines() if ln.startswith("To finish this estimate I need"))

    gbp = ask_line("What would Edinburgh's MSc AI cost me? I want to be a data scientist")
    assert 'I earn £70,000; I expect £110,000 after; a £40k loan, or: I have £20k saved".' in gbp
    # The guide's role salaries are US dollars, never set against pounds: a role is not offered for the salary after.
    assert "$" not in gbp and "as a data scientist" not in gbp and "in GBP" in gbp
    usd = ask_line("What would Georgia Tech's OMSCS cost me?")
    assert "I expect $110,000 after, or: as a data scientist" in usd and "£" not in usd


def test_a_loan_payment_line_is_never_in_dollars_when_the_currency_is_not_known() -> None:
    from app.answer.cost_answer import cost_lines
    from app.corpus.load import load_corpus
    from app.settings import PROJECT_ROOT
    from app.tools.cost import calculate, parse_inputs

    corpus = load_corpus(PROJECT_ROOT / "corpus")
    r = calculate(parse_inputs({"program_id": "ucl-msc-ml", "loan": 20000}), corpus)
    line = next(x for x in cost_lines(r) if x.startswith("- Loan payment"))
    assert "$" not in line and "242.02 a month" in line


def test_a_loan_in_another_currency_than_the_programs_is_still_answered(advisor: Any) -> None:
    # Edinburgh charges GBP; "₹40 lakh at 10%" can't be added to it, but its EMI is the person's own, in INR.
    r = advisor.conversation().ask("Indian here, earning ₹18 lakh. thinking of the Edinburgh MSc AI. I'd need a loan "
                                   "of ₹40 lakh at 10%. monthly EMI?")  # fmt: skip
    assert r.answer.startswith("I can't add your amounts to the program's costs: your amounts are in INR but")
    assert "Monthly payment: INR 52,860.29 a month" in r.answer and "couldn't run" not in r.answer
    assert_well_cited(r, advisor)


def test_context_under_an_estimate_is_never_about_another_school_and_unmarked_amounts_echo_in_its_currency(
    advisor: Any,
) -> None:
    conv = advisor.conversation()
    cmu = conv.ask("I make 95k. What would CMU's MS in Machine Learning cost me if I quit?")
    assert "at Carnegie Mellon University, for example, would cost $52,000" in cmu.answer  # its own school: kept
    edinburgh = conv.ask("What would Edinburgh's MSc AI cost me if I quit?")
    # The guide's CMU example is no context for Edinburgh; the 95k, said without a currency, is counted in pounds
    # (the calculator's note says so) and echoed in pounds, not "$95,000" beside a £130,900 total.
    assert "Carnegie Mellon" not in edinburgh.answer and "£130,900 in all" in edinburgh.answer
    assert "You said: salary now £95,000" in edinburgh.answer and "$95,000" not in edinburgh.answer
    assert_well_cited(edinburgh, advisor)
