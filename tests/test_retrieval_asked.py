"""What a question asks for: its form, the kind of value a figure question wants, and which sentences state one
(app/retrieval/asked.py)."""

from __future__ import annotations

import pytest

from app.retrieval.asked import asked_kind, asks_for_questions, question_form, states


@pytest.mark.parametrize(
    ("question", "form"),
    [
        ("How much does CMU's MSML cost?", "figure"),
        ("What is the tuition at Georgia Tech?", "figure"),
        ("Is OMSCS worth it?", "yes_no"),
        ("Is going back to school worth the cost?", "yes_no"),
        ("Does the tuition include fees?", "yes_no"),
        ("Can you tell me how much OMSCS costs?", "figure"),
        ("Does anyone know the tuition for UIUC MCS?", "figure"),
        ("Do you know how much the MSML costs?", "figure"),
        ("Does UIUC require the GRE?", "yes_no"),
        ("What is a hybrid program?", "definition"),
        ("Tell me about part-time options", "open"),
        ("I work full time. Is part-time study possible?", "yes_no"),  # the asking sentence decides
        # An amount of a thing no value kind measures: no number answers it.
        ("How much math do I need?", "open"),
        ("How much experience do I need before applying?", "open"),
        ("How many programs are online?", "open"),
        ("How much time does it take?", "figure"),
        ("How many credits is OMSCS?", "figure"),
        ("How much more would I earn?", "figure"),
        ("How much tuition does CMU charge?", "figure"),
    ],
)
def test_question_form(question: str, form: str) -> None:
    assert question_form(question) == form


def test_asks_for_questions() -> None:
    assert asks_for_questions("What questions should I ask myself before applying?")
    assert asks_for_questions("Which questions do I ask before I enroll?")
    assert not asks_for_questions("I have questions about tuition.")


@pytest.mark.parametrize(
    ("question", "kind"),
    [
        ("How long does a master's in machine learning take?", "duration"),
        ("How long is OMSCS?", "duration"),
        ("How many years is a part-time master's?", "duration"),
        ("How much more time per week would it take?", "duration"),
        ("What is the typical duration of the MSML?", "duration"),
        ("What is the interest rate on Grad PLUS loans?", "rate"),
        ("What's the acceptance rate at Stanford?", "rate"),
        ("How many credits is the UVA MSDS?", "count"),
        ("How much does Carnegie Mellon's machine learning master's cost per year?", "money"),
        ("What's the tuition at CMU?", "money"),
        ("What does a data engineer do and earn?", "earnings"),
        ("What's the median salary of Stanford MSCS grads?", "earnings"),
        ("How much do ML engineers make?", "earnings"),
        ("How much will I pay in interest?", "money"),
        ("How much should I budget for housing if I move?", "money"),
        ("Can you tell me how much OMSCS costs?", "money"),
        # No amount is asked for: a judgement, a share of the course, or a money word in a statement.
        ("Is it worth the cost?", None),
        ("How much data wrangling and visualization is in these degrees?", None),
        ("I wonder if my 10% of the cost would be better applied to my card?", None),
        ("What is a master's in machine learning?", None),
        ("Tell me about part-time options", None),
    ],
)
def test_asked_kind(question: str, kind: str | None) -> None:
    assert asked_kind(question) == kind


@pytest.mark.parametrize(
    ("text", "kind", "expected"),
    [
        ("With full-time study, most master’s programs last around two years.", "duration", True),
        ("Drexel University, MSMLE: duration 5 quarters (typical full-time; longer part-time)", "duration", True),
        ("Georgia Tech OMSCS: duration up to six years (source undated)", "duration", True),
        ("Students finish in 12-18 months.", "duration", True),
        # "a year" and "per year" state no length.
        ("Tuition is $52,000 per year.", "duration", False),
        ("Many students work for a year before applying.", "duration", False),
        ("interest rate 8.94% for loans first disbursed July 1, 2025", "rate", True),
        ("The rate depends on the year the loan is disbursed.", "rate", False),
        ("Students complete 30 credit hours.", "count", True),
        ("tuition $225 per credit", "money", True),
        ("I'd borrow 60k", "money", True),
        ("Higher education is expensive.", "money", False),
        ("the average software engineer in the US earns $122,400 annually.", "earnings", True),
        ("Stanford University, MS in CS: tuition $22,562 per term", "earnings", False),
        ("RAP payment: a share of adjusted gross income (AGI), at least $10 a month", "earnings", False),
    ],
)
def test_states(text: str, kind: str, expected: bool) -> None:
    assert states(text, kind) is expected  # type: ignore[arg-type]


def test_a_courtesy_is_not_a_question() -> None:
    from app.retrieval.asked import is_courtesy

    assert all(is_courtesy(t) for t in ("thanks!", "Thank you so much", "ok great", "hi", "cheers"))
    assert not any(is_courtesy(t) for t in ("thanks, what about OMSCS?", "How much?", "great program?", "", "?", "..."))
