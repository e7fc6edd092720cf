"""Follow-ups and profile facts (app/answer/followups.py): pure functions on plain data."""

from __future__ import annotations

from typing import Any

from app.answer.followups import ConversationState, Profile, condense, referenced_programs, update_profile
from app.corpus.load import load_corpus
from app.retrieval.names import matcher_for
from tests.conftest import CORPUS

CORPUS_DATA = load_corpus(CORPUS)
MATCHER = matcher_for(CORPUS_DATA)
BY_ID = {p.id: p for p in CORPUS_DATA.programs}


def test_ordinal_and_modality_references() -> None:
    last = ["cmu-msml", "gatech-omscs", "uiuc-mcs-online"]
    assert referenced_programs("what about the second one?", last, BY_ID) == ["gatech-omscs"]
    assert referenced_programs("and the last one?", last, BY_ID) == ["uiuc-mcs-online"]
    assert referenced_programs("how long is the online one?", last[:2], BY_ID) == ["gatech-omscs"]
    assert referenced_programs("how long is the in-person one?", last[:2], BY_ID) == ["cmu-msml"]
    assert referenced_programs("how long does it take?", last, BY_ID) == ["cmu-msml"]
    assert referenced_programs("compare both", last[:2], BY_ID) == last[:2]
    assert referenced_programs("what is machine learning?", last, BY_ID) == []
    # A count of programs is several programs, not the first one.
    assert referenced_programs("compare the first two", last, BY_ID) == last[:2]
    assert referenced_programs("compare the top three", last, BY_ID) == last
    assert referenced_programs("compare the last two", last, BY_ID) == last[1:]


def test_condense_rewrites_a_follow_up_into_a_standalone_question() -> None:
    state = ConversationState(last_programs=["gatech-omscs"])
    text, programs = condense("Does it require the GRE?", state, MATCHER)
    assert programs == ["gatech-omscs"]
    assert "Georgia Institute of Technology" in text
    text, programs = condense("Compare it with CMU MSML", state, MATCHER)
    assert programs == ["gatech-omscs", "cmu-msml"]
    text, programs = condense("What about Stanford?", state, MATCHER)
    assert programs == ["stanford-ms-cs-ai"]


def test_profile_facts_are_kept() -> None:
    p = update_profile(Profile(), "I studied sociology. I earn $72,000 and have $15k saved; I'd go part-time.")
    assert (p.background, p.salary, p.savings, p.pace) == ("sociology", 72000, 15000, "part-time")
    assert p.cost_args() == {"salary_before": 72000, "savings": 15000, "part_time": True, "currency": "USD"}
    later = update_profile(p, "Actually I make 80k")
    assert later.salary == 80000 and later.currency is None  # no longer said in dollars
    assert update_profile(Profile(), "I make 12 lakhs a year").cost_args() == {"salary_before": 1_200_000,
                                                                               "currency": "INR"}  # fmt: skip


def test_a_program_the_person_drops_is_taken_out_not_added() -> None:
    state = ConversationState(last_programs=["gatech-omscs", "uiuc-mcs-online", "berkeley-mids"], last_intent="compare")
    assert condense("drop berkeley", state, MATCHER)[1] == ["gatech-omscs", "uiuc-mcs-online"]
    # Only the name right after the verb, and only a program: a question that merely uses the verb keeps it.
    assert condense("Can I skip the GRE at Berkeley?", state, MATCHER)[1] == ["berkeley-mids"]
    assert "berkeley-mids" in condense("Forget OMSCS and compare Berkeley and UIUC MCS", state, MATCHER)[1]
    assert condense("ok forget CMU, what about OMSCS", state, MATCHER)[1] == ["gatech-omscs"]
    assert condense("what about OMSCS instead of UIUC's MCS?", state, MATCHER)[1] == ["gatech-omscs"]


def test_a_count_or_which_refers_to_programs_only_when_it_is_about_programs() -> None:
    last = ["cmu-msml", "gatech-omscs", "uiuc-mcs-online"]
    assert referenced_programs("what do the first 2 semesters cover?", last, BY_ID) != last[:2]
    assert referenced_programs("Which is more important, GPA or GRE?", last, BY_ID) != last


def test_the_currency_stays_with_the_salary_when_only_savings_are_restated() -> None:
    rupees = update_profile(Profile(), "I make 12 lakhs a year")
    assert update_profile(rupees, "I also have 5k saved").currency == "INR"


def test_the_cheaper_one_is_the_lower_estimated_total_tuition_never_across_currencies(advisor: Any) -> None:
    conv = advisor.conversation()
    conv.ask("Compare OMSCS and UIUC MCS")
    r = conv.ask("what about the cheaper one? how long does it take")
    assert r.programs == ["gatech-omscs"] and "duration" in r.answer.splitlines()[0]  # $6,750 against $19,200
    mixed = advisor.conversation()
    mixed.ask("Compare OMSCS and Edinburgh's MSc AI")
    assert mixed.prepare("and the cheaper of the two?").programs != ["gatech-omscs"]  # dollars and pounds: no answer


def test_one_program_named_to_compare_with_is_compared_with_the_programs_just_discussed() -> None:
    state = ConversationState(last_programs=["gatech-omscs"], last_intent="question")
    assert condense("how does that compare to UCL?", state, MATCHER)[1] == ["gatech-omscs", "ucl-msc-ml"]
    assert condense("how does UCL stack up against it?", state, MATCHER)[1] == ["gatech-omscs", "ucl-msc-ml"]
    two = ConversationState(last_programs=["gatech-omscs", "uiuc-mcs-online"], last_intent="compare")
    assert condense("how does Berkeley compare?", two, MATCHER)[1] == ["gatech-omscs", "uiuc-mcs-online", "berkeley-mids"]
    # Without a comparison the name is a new subject; with no history there is nothing to compare it with.
    assert condense("what about UCL?", state, MATCHER)[1] == ["ucl-msc-ml"]
    assert condense("how does UCL compare?", ConversationState(), MATCHER)[1] == ["ucl-msc-ml"]


def test_how_does_that_compare_after_a_program_answer_is_a_comparison_with_it(advisor: Any) -> None:
    conv = advisor.conversation()
    conv.ask("how much is tuition for OMSCS?")
    r = conv.ask("how does that compare to UCL?")
    assert r.intent == "compare" and r.programs == ["gatech-omscs", "ucl-msc-ml"]


def test_programs_named_only_by_their_school_are_grouped_so_the_answer_can_say_so() -> None:
    def groups(text: str) -> list[list[str]]:
        from app.answer.followups import named_by_school

        return named_by_school(text, MATCHER.mentions(text, in_text_order=True), MATCHER)

    assert groups("Is CMU worth it if I make $130k?") == [["cmu-mcds", "cmu-msml"]]
    assert groups("Is Carnegie Mellon worth it?") == [["cmu-mcds", "cmu-msml"]]
    assert groups("CMU MSML vs CMU MCDS") == []  # each told apart by its own name
    assert groups("Is CMU's machine learning masters worth it?") == []  # one program
    assert groups("choosing between OMSCS and CMU") == [["cmu-mcds", "cmu-msml"]]  # OMSCS is one program
