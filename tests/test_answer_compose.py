"""How a grounded answer reads: the question's form and the words it quotes (app/answer/compose.py, pure parts)."""

from __future__ import annotations

import pytest

from app.answer.compose import asks_for_questions, question_form, quoted, sentence


@pytest.mark.parametrize(
    ("question", "form"),
    [
        ("How much does CMU's MSML cost?", "figure"),
        ("What is the tuition at Georgia Tech?", "figure"),
        ("Is OMSCS worth it?", "yes_no"),
        ("Does UIUC require the GRE?", "yes_no"),
        ("What is a hybrid program?", "definition"),
        ("Tell me about part-time options", "open"),
        ("I work full time. Is part-time study possible?", "yes_no"),  # the asking sentence decides
    ],
)
def test_question_form(question: str, form: str) -> None:
    assert question_form(question) == form


def test_asks_for_questions() -> None:
    assert asks_for_questions("What questions should I ask myself before applying?")
    assert asks_for_questions("Which questions do I ask before I enroll?")
    assert not asks_for_questions("I have questions about tuition.")


def test_quoted() -> None:
    assert quoted(()) == "that"
    assert quoted(("parking",)) == "“parking”"
    assert quoted(("SOP", "OPT", "visa")) == "“SOP”, “OPT” or “visa”"


def test_sentence_ends_in_exactly_one_mark() -> None:
    assert (sentence(" It is online "), sentence("Is it?"), sentence("Yes!")) == ("It is online.", "Is it?", "Yes!")
