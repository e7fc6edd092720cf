"""Routing and the cost numbers a message states (app/answer/intent.py)."""

from __future__ import annotations

import pytest

from app.answer.intent import extract_cost_args, route


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
    # "$" says the amounts are US dollars: a program charging in another currency is then asked about, not mixed.
    assert extract_cost_args(text) == expected | ({"currency": "USD"} if "$" in text else {})


def test_routing() -> None:
    assert route("compare OMSCS and UIUC", 2) == "compare"
    assert route("Should I take private loans?", 0) == "question"
    assert route("What would my monthly payment be?", 0) == "cost"
    assert route("What would the CMU MSML cost me?", 1) == "cost"
    assert route("How much would it cost in total?", 0) == "cost"
    assert route("and at 5%?", 0, follows_cost=True) == "cost"
    assert route("and at 5%?", 0, follows_cost=False) == "question"
    assert route("and over 10 years?", 0, follows_cost=True) == "cost"


def test_a_bare_rate_or_length_after_a_cost_answer_is_the_loans() -> None:
    from app.answer.intent import follow_up_args

    assert follow_up_args("and at 5%?") == {"apr_percent": 5}
    assert follow_up_args("and over 10 years?") == {"term_years": 10}
    assert follow_up_args("what if I repay over 20 years?") == {"term_years": 20}
    assert follow_up_args("what if it takes 3 years?") == {}  # a program's length, read by the number reader
    assert follow_up_args("I have 10 years of experience") == {}


def test_a_request_for_programs_may_describe_them() -> None:
    assert route("Which online programs are under $25k?", 0) == "find"
    assert route("What part-time programs do you have?", 0) == "find"
    assert route("What does the program cover?", 0) == "question"
    assert route("What do most programs require for admission?", 0) != "find"
    assert route("What does tuition cost at a public university?", 0) == "question"


def test_a_request_for_programs_is_read_in_what_is_asked_not_the_back_story() -> None:
    story = "I'm looking at my college's accelerated program because it is the cheapest way to a master's."
    assert route(story + " But is it really worth the extra year?", 0) != "find"
    assert route(story + " Which programs would be cheaper?", 0) == "find"
    assert route("Recommend online programs under $20k.", 0) == "find"


def test_questions_to_people_about_their_experience_are_never_a_calculation() -> None:
    text = "People with student loans have you given up on trying to pay them off? How do you handle having so much to pay?"
    assert route(text, 0) == "question"
    assert route("Did you get a new job after graduation? What salary did you get?", 0) == "question"


def test_a_request_sentence_asks_for_programs_too() -> None:
    assert route("Show me online programs under $20k. Do any of them not need the GRE?", 0) == "find"


def test_recommend_asks_for_programs_only_with_programs_as_its_object() -> None:
    assert route("Can you recommend some online programs that accept non-CS majors?", 0) == "find"
    assert route("Suggest a few cheap programs in AI.", 0) == "find"
    assert route("What schools would you suggest for ML?", 0) == "find"
    assert route("Do you recommend doing a master's degree?", 0) != "find"
    assert route("Would you suggest loans or other options?", 0) != "find"
    assert route("Is there ever a case where you would suggest someone not attend a college?", 0) != "find"


@pytest.mark.parametrize(("text", "intent"), [
    ("any in canada?", "find"), ("any online ones?", "find"), ("what about in the UK?", "find"),
    ("are there any part-time ones in canada?", "find"),
    ("what about loans in the US?", "question"), ("any loans in the US?", "question"),
    ("Any advice for online study?", "question"), ("any chance I get in?", "question"),
])  # fmt: skip
def test_a_short_request_for_more_programs_is_a_search(text: str, intent: str) -> None:
    assert route(text, 0) == intent


def test_a_question_whether_a_rate_still_holds_is_no_calculation() -> None:
    assert route("is the 7.94% rate still right for loans taken out this fall?", 0) == "question"
    assert route("Is 7.94% still the rate for 2026-27?", 0) == "question"
    assert route("Will the 7.94% rate apply to loans I take out in fall 2026?", 0) == "question"
    assert route("what if the current rate were 6%?", 0, follows_cost=True) == "cost"  # a what-if keeps its numbers
    assert route("Would a $30k loan at 7.94% be ok this fall?", 0) == "cost"  # an amount: the calculator


def test_an_amount_to_borrow_with_a_grad_plus_question_is_a_calculation() -> None:
    ask = "I'd borrow $90k for CMU MSML. What would my monthly payment be, and can I use Grad PLUS for the rest?"
    assert route(ask, 1) == "cost"
    assert route("Can I still get a Grad PLUS loan for fall 2027?", 0) == "question"  # the rule alone


def test_the_whole_price_in_total_is_a_calculation() -> None:
    assert route("how much does georgia tech omscs cost in total", 1) == "cost"
    assert route("how much is CMU's MSML in total?", 1) == "cost"
    assert route("How many credits in total does OMSCS need?", 1) == "question"


@pytest.mark.parametrize(
    ("text", "n"),
    [("I have 2 kids", 2), ("one child", 1), ("two dependents", 2), ("no kids", 0), ("I earn 100k", None)],
)
def test_dependents_are_read_in_the_persons_words(text: str, n: int | None) -> None:
    from app.answer.intent import dependents_of

    assert dependents_of(text) == n


def test_a_rap_question_gives_the_balance_income_plan_and_dependents() -> None:
    args = extract_cost_args("If I earn 100k and owe 80k on RAP, what's my monthly payment? I have 2 kids")
    assert args == {"salary_before": 100000, "loan": 80000, "repayment_plan": "rap", "dependents": 2}
    assert route("If I earn 100k and owe 80k on RAP, what's my monthly payment? I have 2 kids", 0) == "cost"


def test_kids_or_rap_after_a_cost_answer_change_the_estimate() -> None:
    assert route("and with 3 kids?", 0, follows_cost=True) == "cost"
    assert route("and on RAP?", 0, follows_cost=True) == "cost"
    assert route("I have 3 kids", 0) == "question"


@pytest.mark.parametrize(
    ("text", "intent"),
    [
        # Paying back a loan is its repayment (the calculator), not whether the degree pays back (a decision).
        ("how long would it take to pay back a $60k loan on a 120k salary?", "cost"),
        ("how long to pay off my 40k loan?", "cost"),
        ("would it pay off for me? I would take a 30k loan", "decide"),
    ],
)
def test_paying_back_a_loan_is_a_cost_question_not_a_decision(text: str, intent: str) -> None:
    assert route(text, 0) == intent


@pytest.mark.parametrize(
    ("text", "intent"),
    [
        ("how much is CMU MSML total if I quit my 95k job?", "cost"),  # "total" without "in": still the whole price
        ("how much does omscs cost total?", "cost"),
        ("how much total credits is omscs?", "question"),  # a count, not a price
    ],
)
def test_how_much_is_a_program_total_is_a_calculation(text: str, intent: str) -> None:
    assert route(text, 1) == intent


def test_keeping_the_job_or_quitting_after_a_cost_answer_is_the_same_estimate_again() -> None:
    assert route("and if I kept my job?", 0, follows_cost=True) == "cost"
    assert route("and if I quit?", 0, follows_cost=True) == "cost"
    assert route("and if I kept my job?", 0) == "question"  # with no estimate before, nothing to redo
