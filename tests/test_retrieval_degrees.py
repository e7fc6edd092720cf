"""Degree names said next to a school (app/retrieval/degrees.py): what is read as a program's name, and what is not."""

from __future__ import annotations

import pytest

from app.retrieval.degrees import degree_names, initials

OXFORD, EXTRA = {"oxford"}, {"university", "of", "the"}


@pytest.mark.parametrize(
    ("text", "named"),
    [("is the Oxford MSc in Machine Learning worth it?", ["MSc in Machine Learning"]),
     ("is the oxford msc in machine learning worth it", ["msc in machine learning"]),
     ("the MSc in Machine Learning at the University of Oxford, worth it?", ["MSc in Machine Learning"]),
     ("Oxford's M.Sc. in Statistics and Oxford MBA", ["MS in Statistics", "MBA"]),
     ("Oxford MSc Machine Learning vs UCL", ["MSc Machine Learning"]),
     ("Is the Oxford MSc worth it for me?", ["MSc"]),
     ("Is the Oxford MSc in the UK worth it in 2027?", ["MSc"]), ("Is Oxford worth it?", []), ("Is Oxford OK?", []), ("an MSc in Machine Learning at UCL", [])],
)  # fmt: skip
def test_degree_names_next_to_a_school(text: str, named: list[str]) -> None:
    assert [d.text for d in degree_names(text, OXFORD, EXTRA)] == named


def test_initials_of_name_words() -> None:
    assert {"ml", "cs", "lcs"} <= initials(["machine", "learning", "computer", "science"])
