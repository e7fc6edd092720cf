"""Durations and the tuition rule shared by cost, compare and the UI (app/tools/tuition.py)."""

from __future__ import annotations

import pytest

from app.tools.tuition import parse_duration_terms, parse_duration_years


@pytest.mark.parametrize(
    ("text", "years"),
    [
        ("16 months", 16 / 12), ("12 months", 1.0), ("1 year", 1.0), ("One calendar year", 1.0),
        ("Four long semesters", 2.0), ("up to six years", None), ("1.5-3 years", None),
        ("as little as one year, or as many as five years", None),
        ("15 months (traditional) or 12 months (MSAI+X accelerated track)", 1.25),  # the other is another track
        ("six quarters for most students; one year only for well-prepared students", 2.0),  # one year is for a few
        (None, None),
    ],
)  # fmt: skip
def test_parse_duration_years(text: str | None, years: float | None) -> None:
    assert parse_duration_years(text) == (pytest.approx(years) if years is not None else None)


def test_parse_duration_terms() -> None:
    assert parse_duration_terms("Four long semesters") == 4
    assert parse_duration_terms("6 quarters") == 6
    assert parse_duration_terms("six quarters for most students; one year only for well-prepared students") == 6


@pytest.mark.parametrize(
    ("text", "years"),
    [
        ("11 months (second summer session, fall and spring)", 11 / 12),  # a qualifier naming no other length
        ("1 year full-time, September to September", 1.0),
        ("one year (two semesters)", 1.0),  # the same length restated
        ("1 year full-time; typically 2 years part-time", 1.0),  # the other length is another track's
        ("16 months (standard timing); 20 months (extended timing)", 16 / 12),
        ("typically about 3 semesters (per GradPilot)", 1.5),
        ("a year and a half", 1.5),
        ("12-month program", 1.0),
        ("2 years, with a final year capstone", 2.0),  # "a final year" is no second length
        # No single length: a bound, a range, two lengths for the same track, or a sum of parts.
        ("up to six years", None),
        ("as few as 18 months", None),
        ("1.5-3 years", None),
        ("a year and a half (anticipated); doable in a year", None),
        ("eight months of courses followed by an eight-month internship", None),
        ("six quarters for most students; one year only for well-prepared students", 2.0),  # the other is for a few
    ],
)
def test_the_usual_full_time_length_is_read_through_qualifiers(text: str, years: float | None) -> None:
    got = parse_duration_years(text)
    assert got == (None if years is None else pytest.approx(years))


def test_why_a_record_holds_no_tuition_is_the_basis_clause_that_says_so() -> None:
    from app.tools.tuition import why_no_tuition

    mcds = ("the MCDS cost page (2021-22 breakdown) was found but its tuition figures were not in the stored excerpt; "
            "tuition is charged per fall/spring semester; no tuition or fees during the summer internship")  # fmt: skip
    assert why_no_tuition(mcds) == ("the MCDS cost page (2021-22 breakdown) was found but its tuition figures were not "
                                    "in the stored excerpt")  # fmt: skip
    assert why_no_tuition("tuition is charged per credit hour; the rate itself was not found in stored sources") == (
        "the rate itself was not found in stored sources")
    assert why_no_tuition("tuition is charged per term") is None and why_no_tuition(None) is None
