"""Informal words read in the corpus's words, whole words only."""

from __future__ import annotations

import pytest

from app.retrieval.wording import formal


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
