"""As-of dates and 'possibly outdated' (app/corpus/dates.py)."""

from __future__ import annotations

from datetime import date

import pytest

from app.corpus.dates import as_of_academic_year, describe_as_of, figure_dated, is_outdated, is_undated

TODAY = date(2026, 11, 25)


@pytest.mark.parametrize(
    ("as_of", "year"),
    [
        ("2025-26", 2025),
        ("2023-24", 2023),
        ("2018-08", 2018),
        ("2025-07 (proxied copy)", 2024),
        ("2017-05 (student blog; dated)", 2016),
        ("2020 (Fall 2020 entry listing)", 2020),
        ("2025", 2025),
        ("2026", 2026),
        ("Fall 2022 - Summer 2023", 2022),
        ("Summer 2025", 2024),
        ("2025-26 (copy, crawled 2026-03)", 2025),
        ("undated", None),
        ("undated (blog of Georgetown SCS)", None),
    ],
)
def test_as_of_academic_year(as_of: str, year: int | None) -> None:
    assert as_of_academic_year(as_of) == year


def test_outdated_means_more_than_two_academic_years() -> None:
    assert not is_outdated("2024-25", TODAY)  # 2026 - 2024 = 2
    assert is_outdated("2023-24", TODAY)  # 3
    assert not is_outdated("2025-07", TODAY)  # July 2025 belongs to academic year 2024
    assert not is_outdated("undated", TODAY) and not is_outdated("2026", TODAY)


@pytest.mark.parametrize(("as_of", "undated"), [(None, True), ("", True), ("undated", True),
                                                 ("  Undated (blog of Georgetown SCS)", True), ("2025-26", False)])  # fmt: skip
def test_is_undated(as_of: str | None, undated: bool) -> None:
    assert is_undated(as_of) is undated


def test_a_figure_from_the_guide_carries_the_guides_date_not_its_own() -> None:
    assert figure_dated("guide", "2026") == "from the 2026 guide, which does not date it"
    assert figure_dated("https://example.edu/tuition", "2025-26") == "as of 2025-26"
    assert figure_dated("guide", None) == "undated"


def test_describe_as_of_keeps_an_undated_sources_own_words() -> None:
    assert describe_as_of("2025-26") == "as of 2025-26"
    assert describe_as_of("undated (after July 2025)") == "undated (after July 2025)"
    assert describe_as_of(None) == "undated"


def test_an_undated_or_missing_as_of_is_never_outdated() -> None:
    assert not is_outdated(None, TODAY) and not is_outdated("undated (2017?)", TODAY)
    assert is_outdated("2017-05 (student blog; dated)", TODAY)
