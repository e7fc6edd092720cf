"""As-of dates: the academic year a source's date names, and whether a figure is possibly outdated."""

from __future__ import annotations

import re
from datetime import date

OUTDATED_AFTER_YEARS = 2  # academic years; older figures are flagged, not hidden
_AS_OF_RE = re.compile(r"(?<!\d)(\d{4})(?:[-–/](\d{2}|\d{4}))?(?!\d)")


def academic_year(d: date) -> int:
    """The year an academic year starts in: Aug-Dec belong to that year, Jan-Jul to the previous one."""
    return d.year if d.month >= 8 else d.year - 1


def as_of_academic_year(as_of: str) -> int | None:
    """Academic (start) year of an as-of text such as '2025-26', '2018-08', 'Summer 2023'; None if undated."""
    text = as_of.strip().lower()
    m = None if is_undated(text) else _AS_OF_RE.search(text)
    if m is None:
        return None
    year, tail = int(m.group(1)), m.group(2)
    if tail:
        nxt = int(tail)
        if nxt == year + 1 or (len(tail) == 2 and nxt == (year + 1) % 100):
            return year  # '2018-19': an academic year, named by its start
        if len(tail) == 2 and 1 <= nxt <= 12:
            return academic_year(date(year, nxt, 1))  # '2018-08': a month
        return year
    before = text[: m.start()].split()
    # 'Spring/Summer 2023' fall in the academic year that started the previous August.
    return year - 1 if before and before[-1] in ("spring", "summer", "winter") else year


OUTDATED_MARK = "⚠ possibly outdated"  # after a figure over two academic years old, in every table that shows one


def is_outdated(as_of: str | None, today: date) -> bool:
    """True when the as-of academic year is more than two academic years before today's."""
    ay = as_of_academic_year(as_of) if as_of else None
    return ay is not None and academic_year(today) - ay > OUTDATED_AFTER_YEARS


def resolve_today(value: date | None) -> date:
    """Settings.today (a date, parsed by the settings) or, when unset, the real today."""
    return value or date.today()


def is_undated(as_of: str | None) -> bool:
    """True when a source states no as-of date (the data writes 'undated…')."""
    return not as_of or as_of.strip().lower().startswith("undated")


def figure_dated(url: str | None, as_of: str | None) -> str:
    """How a figure's date reads beside it. A program fact quoted from the guide carries the guide's date, not the
    figure's: CMU's "$52,000 per year (as of 2026)" read as this year's tuition, and the record says the year it
    applies to is not stated."""
    if url == "guide" and not is_undated(as_of):  # "2026 (guide; the figure's own year is not stated)": its year
        return f"from the {(as_of or '').split(' (')[0]} guide, which does not date it"
    return describe_as_of(as_of)


def describe_as_of(as_of: str | None) -> str:
    """'as of 2025-26'; an undated source keeps its own words ('undated (after July 2025)'), or just 'undated'."""
    if is_undated(as_of):
        return (as_of or "undated").strip()
    return f"as of {as_of}"
