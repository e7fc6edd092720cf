"""Follow-ups, profile facts, intent routing and number extraction: pure functions on plain data."""

from __future__ import annotations

import pytest

from app.answer.followups import ConversationState, Profile, condense, referenced_programs, update_profile
from app.answer.intent import extract_cost_args, route
from app.corpus.load import load_corpus
from app.retrieval.names import ProgramMatcher
from tests.conftest import CORPUS

CORPUS_DATA = load_corpus(CORPUS)
MATCHER = ProgramMatcher(CORPUS_DATA.programs)
BY_ID = {p.id: p for p in CORPUS_DATA.programs}


@pytest.mark.parametrize(
    ("name", "program_id"),
    [("OMSCS", "gatech-omscs"), ("Georgia Tech online", "gatech-omscs"), ("CMU MSML", "cmu-msml"),
     ("Carnegie Melon MSML", "cmu-msml"), ("penn mcit", "penn-mcit-online"), ("ucl-msc-ml", "ucl-msc-ml")],
)  # fmt: skip
def test_names_and_aliases_resolve(name: str, program_id: str) -> None:
    assert MATCHER.resolve(name) == program_id


def test_unknown_name_has_no_match_but_closest_ones() -> None:
    assert MATCHER.resolve("Hogwarts School of Wizardry") is None
    assert MATCHER.closest("Hogwarts") == [] and MATCHER.closest("Georgia Tek OMCS") == ["gatech-omscs"]


def test_free_text_mentions() -> None:
    # Carnegie Mellon has two programs in the data: naming the school names both; naming the program, one.
    assert sorted(MATCHER.mentions("How much does Carnegie Mellon's program cost?")) == ["cmu-mcds", "cmu-msml"]
    assert MATCHER.mentions("How much does Carnegie Mellon's MSML cost?") == ["cmu-msml"]
    assert MATCHER.mentions("Is UT Austin's online MSAI worth it?") == ["ut-austin-msai-online"]
    assert MATCHER.resolve("Carnegie Melon") is None and set(MATCHER.closest("Carnegie Melon")) == {"cmu-msml", "cmu-mcds"}
    assert MATCHER.resolve("Hogwarts") is None and MATCHER.closest("Hogwarts") == []
    assert MATCHER.mentions("What is a hybrid program like?") == []


def test_ordinal_and_modality_references() -> None:
    last = ["cmu-msml", "gatech-omscs", "uiuc-mcs-online"]
    assert referenced_programs("what about the second one?", last, BY_ID) == ["gatech-omscs"]
    assert referenced_programs("and the last one?", last, BY_ID) == ["uiuc-mcs-online"]
    assert referenced_programs("how long is the online one?", last[:2], BY_ID) == ["gatech-omscs"]
    assert referenced_programs("how long is the in-person one?", last[:2], BY_ID) == ["cmu-msml"]
    assert referenced_programs("how long does it take?", last, BY_ID) == ["cmu-msml"]
    assert referenced_programs("compare both", last[:2], BY_ID) == last[:2]
    assert referenced_programs("what is machine learning?", last, BY_ID) == []


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
    assert p.cost_args() == {"salary_before": 72000, "savings": 15000, "part_time": True}
    assert update_profile(p, "Actually I make 80k").salary == 80000


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("what if the loan were $40k at 6.5%?", {"loan": 40000, "apr_percent": 6.5}),
        ("How much would I pay monthly on an $80,000 loan at 7% over 10 years?",
         {"loan": 80000, "apr_percent": 7, "term_years": 10}),
        ("I earn $85,000 and have $20k saved", {"salary_before": 85000, "savings": 20000}),
        ("rent is $1,500 per month and moving costs $3,000", {"living_per_month": 1500, "relocation": 3000}),
        ("tuition of $30,000 a year", {"tuition_per_year": 30000}),
        ("a $20k loan at 7.94% with interest accruing in school", {"loan": 20000, "apr_percent": 7.94, "accrue_in_school": True}),
    ],
)  # fmt: skip
def test_cost_numbers_are_read_from_text(text: str, expected: dict) -> None:
    assert extract_cost_args(text) == expected


def test_routing() -> None:
    assert route("compare OMSCS and UIUC", 2) == "compare"
    assert route("Should I take private loans?", 0) == "question"
    assert route("What would my monthly payment be?", 0) == "cost"
    assert route("What would the CMU MSML cost me?", 1) == "cost"
    assert route("How much would it cost in total?", 0) == "cost"
    assert route("and at 5%?", 0, follows_cost=True) == "cost"
    assert route("and at 5%?", 0, follows_cost=False) == "question"
    assert route("What does tuition cost at a public university?", 0) == "question"
