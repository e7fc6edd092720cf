"""How a finder answer reads in chat: which filters were applied, a sourced table of matches, the programs our data
can't place (and why), and how to refine. Rows and their citations come from `app.tools.finder`; words from prompts/.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path

from app.answer.prompts import render
from app.corpus.text import markdown_table, money
from app.tools.finder import (
    COLUMNS,
    FIELD_LABELS,
    Citation,
    FinderQuery,
    FinderResult,
    FinderRow,
    row_cells,
    unknown_why,
)

MAX_ROWS = 10  # a chat table stays readable; the rest is counted, and the Find tab or `advisor find` lists all
MAX_UNKNOWN = 8


def describe(q: FinderQuery) -> str:
    """The applied filters in words: 'online, part-time, at most $20,000 estimated tuition, no GRE required'."""
    parts = [
        q.modality or "", q.pace or "", f"in {q.country}" if q.country else "",
        f"at most {money(q.max_tuition, q.currency)} estimated tuition ({q.currency} programs)" if q.max_tuition is not None else "",
        f"at most {q.max_years:g} year{'s' if q.max_years != 1 else ''} long" if q.max_years else "",
        "no GRE required" if q.no_gre else "", f"in {FIELD_LABELS[q.field]}" if q.field else "",
        "open to people without a CS degree" if q.background else "",
    ]  # fmt: skip
    return ", ".join(p for p in parts if p) or "no filter"


def compose_find(result: FinderResult, cite: Callable[[FinderRow, Citation], str], prompts: Path,
                 today: date | None = None) -> list[str]:  # fmt: skip
    """Lead line, the sourced table of matches, the unknowns with their reasons, and what to say next."""
    q = result.query
    lines = [render(prompts, "find_lead", n=len(result.matches), filters=describe(q), sort=q.sort)]
    shown = result.matches[:MAX_ROWS]
    if shown:
        rows = [[text + (f" {cite(row, c)}" if c is not None else "") for text, c in row_cells(row, today)]
                for row in shown]  # fmt: skip
        lines += ["", markdown_table([label for label, _, _ in COLUMNS], rows)]
        if len(result.matches) > len(shown):
            lines.append(f"\n…and {len(result.matches) - len(shown)} more (the Find tab or `advisor find` lists all).")
        if q.background:  # the table has no prerequisites column: each match's deciding sentence, cited
            lines += ["", "Why each fits (its published prerequisites):"]
            lines += [f"- {row.school} — {row.name}: {row.reasons['background']}" + _cited(row, "prerequisites", cite)
                      for row in shown]  # fmt: skip
    if result.unknown:
        lines += ["", render(prompts, "find_unknown", n=len(result.unknown))]
        lines += [f"- {row.school} — {row.name}: {unknown_why(row)}" for row in result.unknown[:MAX_UNKNOWN]]
        if len(result.unknown) > MAX_UNKNOWN:
            lines.append(f"- …and {len(result.unknown) - MAX_UNKNOWN} more")
    lines += ["", render(prompts, "find_next")]
    return lines


def _cited(row: FinderRow, field: str, cite: Callable[[FinderRow, Citation], str]) -> str:
    """' [n]' for the row's source of `field`, or '' when it has none."""
    source = next((c for c in row.citations if c.field == field), None)
    marker = cite(row, source) if source is not None else ""
    return f" {marker}" if marker else ""
