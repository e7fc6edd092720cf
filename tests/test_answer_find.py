"""The finder in chat: each example gets the finder's own rows as a sourced table, and follow-ups refine them."""

from __future__ import annotations

from typing import Any

import pytest

from app.answer.citations import check
from app.answer.intent import extract_find_query
from app.tools.finder import FinderQuery, find_programs


@pytest.mark.parametrize(
    ("question", "query"),
    [
        ("online programs under $20k without the GRE", {"modality": "online", "max_tuition": 20000, "no_gre": True}),
        ("cheapest in-person program in the UK", {"modality": "in-person", "country": "GB", "sort": "cost"}),
        ("programs for someone without a CS degree", {"background": "no-cs-degree"}),
        ("which programs don't need a CS degree", {"background": "no-cs-degree"}),
        ("something I can finish in a year", {"max_years": 1.0}),
    ],
)
def test_chat_examples_give_the_finders_rows(advisor: Any, question: str, query: dict[str, Any]) -> None:
    assert extract_find_query(question) == query
    r = advisor.conversation().ask(question)
    expected = find_programs(FinderQuery(**query), advisor.corpus.programs)
    assert r.intent == "find" and r.programs == [row.program_id for row in expected.matches]
    assert r.finder is not None and len(r.finder["unknown"]) == len(expected.unknown)
    assert check(r, advisor.corpus.verbatim_texts()) == []
    assert all(row.school in r.answer for row in expected.matches[:10])


def test_follow_ups_refine_sort_compare_and_cost(advisor: Any) -> None:
    conv = advisor.conversation()
    first = conv.ask("online programs under $20k without the GRE")
    narrowed = conv.ask("only part-time ones")
    query = {"modality": "online", "max_tuition": 20000, "no_gre": True, "pace": "part-time"}
    assert narrowed.intent == "find"
    assert narrowed.programs == [r.program_id for r in find_programs(FinderQuery(**query), advisor.corpus.programs).matches]
    assert set(narrowed.programs) < set(first.programs)
    by_length = conv.ask("sort by length")
    assert by_length.intent == "find" and by_length.finder["query"]["sort"] == "duration"
    assert set(by_length.programs) == set(narrowed.programs)
    compared = conv.ask("compare the top three")
    assert compared.intent == "compare" and compared.programs == by_length.programs[:3]
    cost = conv.ask("what would the first one cost me?")
    assert cost.intent == "cost" and cost.tool_calls and cost.tool_calls[0].args["program_id"] == by_length.programs[0]


def test_a_described_request_then_the_first_two_compared(advisor: Any) -> None:
    conv = advisor.conversation()
    found = conv.ask("Which online programs are under $25k?")
    assert found.intent == "find" and len(found.programs) >= 2
    compared = conv.ask("compare the first two")
    assert compared.intent == "compare" and compared.programs == found.programs[:2]


@pytest.mark.parametrize("question", ["which programs don't need a CS degree", "programs that do not require a "
                                      "computer science degree", "programs not requiring a CS degree"])
def test_not_needing_a_cs_degree_is_the_background_filter_not_the_field(question: str) -> None:
    assert extract_find_query(question) == {"background": "no-cs-degree"}


def test_a_background_search_says_why_each_match_fits_citing_its_prerequisites(advisor: Any) -> None:
    r = advisor.conversation().ask("which programs don't need a CS degree")
    assert "(open to people without a CS degree)" in r.answer.splitlines()[0]
    why = r.answer.split("Why each fits (its published prerequisites):")[1].split("\n\n")[0].strip().splitlines()
    penn = next(line for line in why if "MCIT Online" in line)
    assert "admits students with no computer science background" in penn and penn.endswith("]")
    n = int(penn.rsplit("[", 1)[1].rstrip("]"))
    assert r.citations[n - 1].program_id == "penn-mcit-online"
    assert "prerequisites not published" in r.answer  # the ones our data can't place are listed as unknown
    assert check(r, advisor.corpus.verbatim_texts()) == []
