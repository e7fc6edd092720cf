"""The conversation pipeline on the real index: follow-ups, the profile, reloads and streaming."""

from __future__ import annotations

from typing import Any

from app.answer.citations import AnswerResult
from app.answer.pipeline import Conversation
from tests.helpers import assert_well_cited


def test_follow_ups_keep_the_program_in_context(advisor: Any) -> None:
    conv = Conversation(advisor)
    first = conv.ask("Tell me about Georgia Tech's OMSCS.")
    assert "gatech-omscs" in first.programs
    follow = conv.ask("How many credits does it require?")
    assert follow.programs[0] == "gatech-omscs"
    assert "30 credit hours" in follow.answer
    assert_well_cited(follow, advisor)


def test_profile_facts_feed_cost_answers(advisor: Any) -> None:
    conv = Conversation(advisor)
    conv.ask("I earn $90,000 a year and would study full-time.")
    assert conv.state.profile.salary == 90000 and conv.state.profile.pace == "full-time"
    r = conv.ask("Estimate the total cost of CMU MSML if I become a data scientist")
    args = r.tool_calls[0].args
    assert args["salary_before"] == 90000 and args["part_time"] is False and args["role"] == "data_scientist"
    assert "$120,000" in r.answer  # forgone income: 16 months at $90,000
    assert_well_cited(r, advisor)


def test_citations_survive_a_reload_of_the_conversation(advisor: Any) -> None:
    from app.answer.followups import ConversationState

    conv = Conversation(advisor)
    first = conv.ask("What salary can a data scientist expect?")
    saved = conv.state.model_dump_json()
    restored = Conversation(advisor, ConversationState.model_validate_json(saved))
    assert restored.state.turns[0].result == first and restored.state.turns[0].result.citations
    assert restored.ask("and a data engineer?").citations


def test_streaming_ends_with_the_same_cited_result(advisor: Any) -> None:
    events = list(Conversation(advisor).stream("Are there part-time options so I can keep working?"))
    text = "".join(e for e in events if isinstance(e, str))
    final = events[-1]
    assert isinstance(final, AnswerResult) and text == final.answer and final.citations


def test_a_bare_length_after_a_cost_answer_changes_the_loan_term(advisor: Any) -> None:
    conv = advisor.conversation()
    conv.ask("I make 85k and have 30k saved. What would CMU's MSML cost me?")
    again = conv.ask("and over 10 years?")
    assert again.intent == "cost" and again.tool_calls[0].args["term_years"] == 10
    assert again.tool_calls[0].args["savings"] == 30_000  # the earlier numbers still hold


def test_changing_your_mind_replaces_what_was_weighed(advisor: Any) -> None:
    conv = advisor.conversation()
    conv.ask("should I quit my 110k job for the CMU machine learning masters")
    stays = conv.ask("actually I can't quit, I have a mortgage")
    assert stays.intent == "decide" and stays.decision[0]["keeps_working"] is True
    other = conv.ask("ok forget CMU, what about OMSCS")
    assert other.intent == "decide" and other.programs == ["gatech-omscs"]
    compared = advisor.conversation()
    compared.ask("compare OMSCS, UIUC MCS and Berkeley MIDS")
    fewer = compared.ask("drop berkeley")
    assert fewer.intent == "compare" and fewer.programs == ["gatech-omscs", "uiuc-mcs-online"]


def test_how_the_person_would_pay_reaches_the_decision_and_is_echoed_in_their_currency(advisor: Any) -> None:
    conv = advisor.conversation()
    first = conv.ask("should I quit my 110k job for the CMU machine learning masters? I have 20k saved")
    cheaper = conv.ask("what if I borrow the rest at 6%?")
    assert cheaper.intent == "decide" and "loan rate 6%" in cheaper.answer.splitlines()[0]
    assert cheaper.decision[0]["monthly_payment"] < first.decision[0]["monthly_payment"]  # 6% beats 7.94%
    rupees = advisor.conversation()
    rupees.ask("I make 12 lakhs a year in India. Is OMSCS worth it for me?")
    again = rupees.ask("and if I keep working?")
    assert "salary now INR 1,200,000" in again.answer.splitlines()[0]  # never shown as dollars


def test_a_bare_comparative_after_a_comparison_compares_again_and_thanks_is_answered_briefly(advisor: Any) -> None:
    conv = advisor.conversation()
    conv.ask("omscs vs uiuc mcs")
    for follow_up in ("cheaper?", "which one is faster"):
        r = conv.ask(follow_up)
        assert r.intent == "compare" and r.programs == ["gatech-omscs", "uiuc-mcs-online"], follow_up
    thanks = conv.ask("thanks!")
    assert thanks.answer.startswith("Glad to help") and thanks.citations == []


def test_the_target_role_the_answer_suggests_saying_is_understood(advisor: Any) -> None:
    # The decision's own hint says "say 'I want to be a data scientist'": saying it re-weighs with that salary.
    conv = advisor.conversation()
    conv.ask("Is OMSCS worth it for me? I make 70k")
    r = conv.ask("I want to be a data scientist")
    assert r.intent == "decide" and r.decision[0]["salary_after"] == 139_202


def test_two_ways_of_paying_in_a_decision_are_asked_about_not_raised(advisor: Any) -> None:
    r = advisor.conversation().ask("I make 90k, would borrow 20k and cover 30% from savings. Is OMSCS worth it for me?")
    assert r.intent == "decide" and r.answer.startswith("I couldn't weigh it: invalid input: you gave a loan amount")


def test_quitting_for_one_program_is_not_the_persons_pace_in_a_follow_up(advisor: Any) -> None:
    conv = advisor.conversation()
    conv.ask("I'm a software engineer making $130k. Is UIUC's online MCS worth it for me, or should I quit and do "
             "Stanford?")  # fmt: skip
    r = conv.ask("what if I get $180k after?")
    rows = {row["program_id"]: row for row in r.decision or []}
    assert rows["uiuc-mcs-online"]["keeps_working"] and not rows["stanford-ms-cs-ai"]["keeps_working"]
    assert conv.state.profile.pace is None
    # Their own salary after is their case, not the guide's middle one; a cell without a number says which kind.
    assert "| Payback, yours ($180,000 after) |" in r.answer and "Payback, base" not in r.answer
    assert "| none |" not in r.answer


def test_salary_words_are_never_taken_for_a_program_name(advisor: Any) -> None:
    r = advisor.conversation().ask("my salary is 18 LPA in bangalore. Should I do the UIUC MCS online?")
    assert r.intent == "decide" and "no program matching" not in r.answer
    assert [row["program_id"] for row in r.decision or []] == ["uiuc-mcs-online"]


def test_a_misspelt_question_is_read_as_meant(advisor: Any) -> None:
    # "worht" matched nothing and "omcss" no program: the question was refused as off-topic.
    r = advisor.conversation().ask("is omcss worht it?")
    assert r.intent == "decide" and r.programs == ["gatech-omscs"]
    assert "worth it" in r.standalone_question


def test_a_school_name_with_two_programs_weighs_both_and_says_so_first(advisor: Any) -> None:
    r = advisor.conversation().ask("Is CMU worth it if I make $130k?")
    assert r.intent == "decide" and r.programs == ["cmu-mcds", "cmu-msml"]
    first = r.answer.splitlines()[0]
    assert first.startswith("Carnegie Mellon University: we hold 2 programs there") and "both are in this answer" in first
    named = advisor.conversation().ask("Is CMU's machine learning masters worth it if I make $130k?")
    assert named.programs == ["cmu-msml"] and named.answer.startswith("Weighing 1 program")
    cost = advisor.conversation().ask("what would CMU cost me?")  # one estimate: it says which, and how to get the other
    assert cost.programs == ["cmu-msml"]  # the one whose tuition is published (MCDS's is not)
    assert "this answer is about Master of Science in Machine Learning only" in cost.answer.splitlines()[0]


def test_the_persons_own_program_is_weighed_never_ones_they_did_not_ask_about(advisor: Any) -> None:
    r = advisor.conversation().ask("quitting to do a 2 year ML masters that costs 45k/yr, I make 95k now… worth it?")
    assert r.intent == "decide" and r.programs == [] and [d["program_id"] for d in r.decision] == ["your-program"]
    first = r.answer.splitlines()[0]
    assert first.startswith("Weighing the program you described (not one of ours) with your numbers (you said: ")
    assert "(you said: salary now 95k, tuition 45k/yr, 2 years of study)" in first  # their words, named plainly
    assert r.decision[0]["cost_of_attendance"] == 90_000 and r.decision[0]["forgone_income"] == 190_000
    total = advisor.conversation().ask("I have 20k saved, program is 60k total, 1.5 years, I make 95k… worth it?")
    [row] = total.decision
    assert row["cost_of_attendance"] == 60_000 and row["years"] == 1.5 and row["forgone_income"] == 142_500
    assert "savings 20k" in total.answer.splitlines()[0]


def test_a_follow_up_of_a_decision_keeps_the_numbers_it_weighed(advisor: Any) -> None:
    conv = advisor.conversation()
    conv.ask("quitting to do a 2 year ML masters that costs 45k/yr, I make 95k now… worth it?")
    longer = conv.ask("what if I took 3 years")
    assert longer.intent == "decide" and [d["program_id"] for d in longer.decision] == ["your-program"]
    assert longer.decision[0]["cost_of_attendance"] == 135_000 and longer.decision[0]["forgone_income"] == 285_000
    working = conv.ask("and if I keep working?")
    assert working.decision[0]["cost_of_attendance"] == 135_000 and working.decision[0]["forgone_income"] == 0
    other = conv.ask("what about OMSCS instead?")  # their program's tuition and length are not OMSCS's
    assert other.programs == ["gatech-omscs"] and other.decision[0]["cost_of_attendance"] == 6750
    assert "years" not in other.answer.splitlines()[0]
    cmu = advisor.conversation()
    cmu.ask("Is CMU MSML worth it for me? I make 95k")
    assert cmu.ask("what if I took 3 years").decision[0]["years"] == 3


def test_a_follow_up_of_a_cost_answer_takes_the_length_the_person_says(advisor: Any) -> None:
    conv = advisor.conversation()
    conv.ask("what would a masters cost me? tuition 30k a year, I make 95k")
    r = conv.ask("what if I took 3 years")
    assert r.intent == "cost" and r.tool_calls[0].args["years"] == 3 and "Tuition: $90,000" in r.answer


def test_the_in_person_one_if_i_quit_is_that_program_with_the_rent_said_for_it(advisor: Any) -> None:
    conv = advisor.conversation()
    conv.ask("compare CMU MSML and OMSCS")
    r = conv.ask("and the in-person one if I quit? rent is 1500 a month")
    assert r.intent == "cost" and r.programs == ["cmu-msml"]
    args = r.tool_calls[0].args
    assert args["program_id"] == "cmu-msml" and args["living_per_month"] == 1500 and args["part_time"] is False
    weighed = advisor.conversation()
    weighed.ask("I make 95k. compare CMU MSML and OMSCS")
    again = weighed.ask("and the in-person one if I quit? rent is 1500 a month")
    rows = {d["program_id"]: d for d in again.decision}
    assert rows["cmu-msml"]["cost_of_attendance"] == round(52_000 * 16 / 12 + 1500 * 16, 2)  # the rent, 16 months
    assert rows["gatech-omscs"]["cost_of_attendance"] == 6750 and rows["gatech-omscs"]["keeps_working"]
    assert "living costs 1500 a month (counted for" in again.answer.splitlines()[0]
    later = {d["program_id"]: d for d in weighed.ask("what if I get 150k after?").decision}
    assert later["gatech-omscs"]["keeps_working"] and weighed.state.profile.pace is None  # quitting was CMU's only
    assert later["cmu-msml"]["cost_of_attendance"] == rows["cmu-msml"]["cost_of_attendance"]  # its rent still counts


def test_a_back_story_naming_three_schools_weighs_each_with_the_rent_said_for_its_city(advisor: Any) -> None:
    r = advisor.conversation().ask("31, engineer making $78k, $30k saved, choosing between OMSCS, UT Austin and CMU; "
                                   "rent is $1,100 now and would be $1,500 in Pittsburgh — which makes sense?")  # fmt: skip
    assert r.intent == "decide" and r.programs == ["gatech-omscs", "ut-austin-mscs-online", "cmu-msml"]
    lines = r.answer.splitlines()
    assert lines[0].startswith("The University of Texas at Austin: we hold 3 programs there")
    assert lines[1].startswith("Carnegie Mellon University: we hold 2 programs there")
    assert "living costs $1,500 in Pittsburgh (counted for Master of Science in Machine Learning" in r.answer
    rows = {d["program_id"]: d for d in r.decision}
    assert rows["cmu-msml"]["cost_of_attendance"] == round(52_000 * 16 / 12 + 1500 * 16, 2)
    assert rows["gatech-omscs"]["cost_of_attendance"] == 6750  # the rent they pay now is no cost of a degree
    assert "your salary, your savings" not in r.answer
    too_many = advisor.conversation().ask("I make 90k. Is OMSCS, UIUC MCS, Berkeley MIDS or CMU MSML worth it?")
    assert len(too_many.decision) == 3 and too_many.answer.startswith("I weigh at most 3 programs at once")


def test_tuition_an_employer_pays_is_taken_off_the_tuition_and_said_so(advisor: Any) -> None:
    conv = advisor.conversation()
    conv.ask("what would CMU MSML cost me? I make 95k")
    aid = conv.ask("my employer pays 5250 a year")
    assert aid.intent == "cost" and aid.tool_calls[0].args["employer_aid_per_year"] == 5250
    assert aid.answer.startswith("You said your employer pays $5,250 a year toward tuition: it is taken off the tuition")
    r = aid.tool_calls[0].result
    assert r["employer_aid"] == 7000 and r["total_cost_of_attendance"] == r["tuition"] - 7000  # 16 months of $5,250
    assert "after the $7,000 your employer pays" in aid.answer
    decided = advisor.conversation()
    before = decided.ask("Is CMU MSML worth it for me? I make 95k").decision[0]
    counted = decided.ask("my employer pays 5250 a year")
    assert counted.intent == "decide" and counted.decision[0]["cost_of_attendance"] == before["cost_of_attendance"] - 7000
    later = decided.ask("what if I took 3 years")
    assert "employer pays $5,250" in later.answer.splitlines()[-1]  # still counted, and still said
    assert conv.state.profile.salary == 95_000  # the employer's money is never the person's salary


def test_an_employer_paying_said_after_a_question_in_between_is_the_last_estimate_again(advisor: Any) -> None:
    conv = advisor.conversation()
    conv.ask("I'd borrow $80,000 for CMU MSML, what's my monthly payment?")
    conv.ask("what about Grad PLUS for the rest?")  # a free-form answer in between
    r = conv.ask("my employer pays $10,000 a year")  # had been refused: "Our sources don't cover “employer”"
    assert r.intent == "cost" and r.tool_calls[0].args["program_id"] == "cmu-msml"
    assert r.tool_calls[0].args["employer_aid_per_year"] == 10000 and r.tool_calls[0].args["loan"] == 80000
    first = advisor.conversation().ask("my employer pays $10,000 a year")  # no estimate yet: one on what was said
    assert first.intent == "cost" and not first.abstained


def test_a_job_kept_for_one_program_stays_kept_in_the_next_what_if() -> None:
    # "what about gatech omscs instead and i keep my job?" then "and what if it took me 3 years": the job is still
    # kept for OMSCS (the profile's "quit" from the first turn was not changed by it), so no salary is given up.
    from app.answer.engine import Prepared
    from app.answer.followups import ConversationState, Profile
    from app.answer.pipeline import decision_inputs
    from tests.helpers import corpus_and_matcher

    _, matcher = corpus_and_matcher()
    state = ConversationState(profile=Profile(salary=85_000, pace="full-time"), last_programs=["gatech-omscs"],
                              last_intent="decide", last_decision={"keep_working_for": {"gatech-omscs": True}})  # fmt: skip
    longer = decision_inputs(Prepared("and what if it took me 3 years", state, programs=["gatech-omscs"]), matcher)
    assert longer["keep_working_for"] == {"gatech-omscs": True} and longer["years"] == 3
    quit_all = decision_inputs(Prepared("and if I quit?", state, programs=["gatech-omscs"]), matcher)
    assert quit_all["keep_working_for"] == {} and quit_all["keep_working"] is False


def test_any_of_those_after_a_search_narrows_that_search(advisor: Any) -> None:
    conv = advisor.conversation()
    conv.ask("which ML masters programs dont need the GRE?")
    p = conv.prepare("any of those online and under 20k?")  # "those": the programs just found, not 20 questions
    assert p.intent == "find" and p.programs == [] and p.by_school == []
    assert p.find_query == {"no_gre": True, "modality": "online", "max_tuition": 20_000}


def test_one_program_instead_with_the_job_kept_is_weighed_alone(advisor: Any) -> None:
    conv = advisor.conversation()
    first = conv.ask("make like 85k as a data analyst. is an ML masters worth it for me? id quit to do it full time")
    assert len(first.programs) > 1 and "gatech-omscs" in first.programs
    p = conv.prepare("what about gatech omscs instead and i keep my job?")  # "instead": that one, not all three again
    assert p.intent == "decide" and p.programs == ["gatech-omscs"]


def test_a_length_said_of_one_program_and_a_new_estimate_do_not_carry_into_the_next_program(advisor: Any) -> None:
    conv = advisor.conversation()
    conv.ask("Is CMU's MS in Machine Learning worth it? I make 95k")
    assert conv.ask("what if I took 3 years").decision[0]["years"] == 3
    # A cost question about a program not weighed is its own estimate, and CMU's three years are not Edinburgh's.
    edinburgh = conv.ask("What would Edinburgh's MSc AI cost me if I borrow 30000?")
    assert edinburgh.intent == "cost" and edinburgh.answer.startswith("Monthly payment:")
    other = advisor.conversation()
    other.ask("Is CMU's MS in Machine Learning worth it? I make 95k")
    other.ask("what if I took 3 years")
    instead = other.ask("what about Edinburgh's MSc AI instead?")  # a decision follow-up naming another program
    assert instead.intent == "decide" and [r["years"] for r in instead.decision] == [1]  # its own one year, not 3
