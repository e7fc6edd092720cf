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
        ("15 months (traditional) or 12 months (MSAI+X accelerated track)", None),
        ("six quarters for most students; one year only for well-prepared students", None), (None, None),
    ],
)  # fmt: skip
def test_parse_duration_years(text: str | None, years: float | None) -> None:
    assert parse_duration_years(text) == (pytest.approx(years) if years is not None else None)


def test_parse_duration_terms() -> None:
    assert parse_duration_terms("Four long semesters") == 4
    assert parse_duration_terms("6 quarters") == 6
    assert parse_duration_terms("six quarters for most students; one year only for well-prepared students") is None
