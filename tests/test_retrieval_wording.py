"""Informal and misspelt words read in the corpus's words, whole words only."""

from __future__ import annotations

import pytest

from app.retrieval.wording import Speller, corpus_words, formal


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Do I need to be good at math for this?", "Do I need to be good at mathematics for this?"),
        ("Stats or calc first?", "statistics or calculus first?"),
        ("I did my undergrad in comp sci", "I did my undergraduate in computer science"),
        ("DL vs NLP electives", "deep learning vs natural language processing electives"),
        ("mathematics stays mathematics", "mathematics stays mathematics"),
        ("a dl link", "a dl link"),  # upper-case abbreviations only as written
        ("the aftermath", "the aftermath"),  # whole words only
        ("unit prices", "unit prices"),
    ],
)
def test_formal(text: str, expected: str) -> None:
    assert formal(text) == expected


SPELLER = Speller(corpus_words(["Is it worth it? The tuition, requirements, curriculum and the prerequisite and "
                                "prerequisites, salary."]))  # fmt: skip


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("is omscs worht it?", "is omscs worth it?"),  # two letters swapped
        ("how much is tution at cmu", "how much is tuition at cmu"),  # one missing
        ("the requirments and curriculm", "the requirements and curriculum"),
        ("salery after", "salary after"),  # one wrong
        # Left as written: English the corpus doesn't use, names, short words, and a slip with two readings.
        ("is the rigor comparable", "is the rigor comparable"),
        ("I am Tanay", "I am Tanay"),
        ("wrth it", "wrth it"),
        ("what are the prerequisits", "what are the prerequisits"),
    ],
)
def test_a_misspelt_word_is_read_as_the_corpus_word_one_slip_away(text: str, expected: str) -> None:
    assert SPELLER.correct(text) == expected
