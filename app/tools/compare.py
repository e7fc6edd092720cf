"""Side-by-side program comparisons: one column per program, one sourced, dated cell per field.

Pure functions over the validated corpus, plus a LangChain tool factory. Nothing here guesses a
figure: a missing value shows as 'not published', and an estimate is only made when its inputs are
unambiguous (the working is shown in the cell).
"""

from __future__ import annotations

import csv
import io
from collections.abc import Callable
from datetime import date
from typing import Any, NamedTuple

from pydantic import BaseModel

from app.corpus.dates import OUTDATED_MARK, as_of_academic_year, is_outdated
from app.corpus.links import source_link
from app.corpus.load import Corpus
from app.corpus.records import NOT_PUBLISHED, Program, Source
from app.corpus.text import markdown_table, money, plural, program_labels
from app.retrieval.names import ProgramMatcher

# One duration rule for the whole app: the cost calculator's (re-exported here for callers of this module).
from app.tools.tuition import parse_duration_terms, parse_duration_years

# (field key, row label), in table order.
FIELDS: tuple[tuple[str, str], ...] = (
    ("school", "School"), ("name", "Program"), ("degree", "Degree"), ("modality", "Modality"), ("pace", "Pace"),
    ("duration", "Duration"), ("credits", "Credits"), ("tuition", "Tuition (as published)"),
    ("estimated_total_tuition", "Estimated total tuition"), ("fees_per_year", "Fees per year"), ("gre", "GRE"),
    ("prerequisites", "Prerequisites"),
)  # fmt: skip
FIELD_KEYS = tuple(k for k, _ in FIELDS)
JSON_CELL_KEYS = ("value", "display", "source_url", "as_of", "quote", "outdated")
UNDATED_NOTE = "undated: as-of date not stated"
MAX_MD_CELL = 120  # markdown cells stay short; the full text is in rows()/to_json()/to_csv()

_TUITION_PARTS = (("per_credit", "per credit"), ("per_year", "per year"), ("per_term", "per term"), ("total", "total"))


# --- small pure parsers -------------------------------------------------------------------------




# --- models -------------------------------------------------------------------------------------


class Cell(BaseModel):
    """One field of one program, with the source and as-of date behind it."""

    field: str
    value: str | None
    display: str
    source_url: str | None = None
    as_of: str | None = None
    quote: str | None = None
    outdated: bool = False
    note: str | None = None


class ProgramColumn(BaseModel):
    id: str
    title: str
    label: str  # its heading where a table is read by people, distinct among the columns (text.program_labels)
    cells: dict[str, Cell]
    sources: list[dict[str, Any]]


# A citation hook for Comparison.to_markdown: (column, cell) → the marker after the cell, e.g. "[3]", or None.
Cite = Callable[[ProgramColumn, Cell], str | None]


class Unmatched(BaseModel):
    name: str
    closest: list[str]


class Priced(NamedTuple):
    column: ProgramColumn
    cell: Cell  # its estimated total tuition
    amount: float


def cheapest_first(amounts: dict[str, float], currency_of: Callable[[str], str | None]) -> tuple[list[str], bool]:
    """Program ids by amount, cheapest first, when all charge in one currency; otherwise in the given order and
    `mixed` is True: amounts are never converted, so programs in two currencies are never ranked against each other."""
    mixed = len({currency_of(pid) for pid in amounts}) > 1
    return (list(amounts) if mixed else sorted(amounts, key=lambda pid: amounts[pid])), mixed


def by_total_tuition(comp: Comparison, currency_of: Callable[[str], str | None]) -> tuple[list[Priced], list[str], bool]:
    """The programs whose estimated total tuition is computable (`cheapest_first`) and the ids of the others.
    Tuition only: what "cheaper" can be answered with from our sources."""
    priced = {col.id: Priced(col, col.cells["estimated_total_tuition"], float(col.cells["estimated_total_tuition"].value))
              for col in comp.programs if col.cells["estimated_total_tuition"].value is not None}  # fmt: skip
    order, mixed = cheapest_first({pid: p.amount for pid, p in priced.items()}, currency_of)
    left = [col.id for col in comp.programs if col.id not in priced]
    return [priced[pid] for pid in order], left, mixed


class Comparison(BaseModel):
    """The comparison table; render it with to_markdown / to_json / to_csv / rows."""

    programs: list[ProgramColumn] = []
    unmatched: list[Unmatched] = []

    def rows(self) -> list[tuple[str, list[Cell]]]:
        """(row label, one cell per program) for a UI table."""
        return [(label, [p.cells[key] for p in self.programs]) for key, label in FIELDS]

    def to_json(self) -> dict[str, Any]:
        """JSON-ready dict: {"programs": [{"id", <field>: {value, display, ...}, "sources"}], "unmatched"}."""
        keep = set(JSON_CELL_KEYS)
        programs = [
            {"id": p.id, **{k: p.cells[k].model_dump(include=keep) for k in FIELD_KEYS}, "sources": p.sources}
            for p in self.programs
        ]
        return {"programs": programs, "unmatched": [u.model_dump() for u in self.unmatched]}

    def to_csv(self) -> str:
        """CSV text: one row per field, one column per program id; each cell names its source.

        Safe to open in a spreadsheet: every cell is defused as it is written (see `csv_cell`)."""
        buf = io.StringIO()
        writer = csv.writer(buf)
        writer.writerow([csv_cell(v) for v in ("field", *(p.id for p in self.programs))])
        for label, cells in self.rows():
            writer.writerow([csv_cell(v) for v in (label, *(_plain_cell(c) for c in cells))])
        return buf.getvalue()

    def to_markdown(self, cite: Cite | None = None, *, label: Callable[[ProgramColumn], str] | None = None) -> str:
        """GitHub table (rows = fields, one column per program, headed `label(column)`, default its id).

        `cite(column, cell)` gives the marker put after a cell (e.g. "[3]") or None. By default cells with a source
        get numbered footnotes, listed under the table as "Sources:"; a caller with its own citation list (the
        grounded engine's ledger) passes its own hook and gets the table alone. Either way a "⚠ possibly outdated"
        mark follows an outdated cell, and `app.corpus.text.markdown_table` escapes every cell the same way.
        """
        if not self.programs:
            return "No programs matched."
        if cite is not None:
            return self._table(cite, label)
        notes: dict[tuple[str, str | None, str | None], int] = {}

        def footnote(_: ProgramColumn, c: Cell) -> str | None:
            if c.source_url:
                return f"[{notes.setdefault((c.source_url, c.as_of, c.quote), len(notes) + 1)}]"
            return "(no source)" if c.value is not None and c.field not in ("school", "name") else None

        table = self._table(footnote, label)
        # A footnote is flagged by its own date, not by a cell that is flagged for another input.
        stale = {(s["url"], s["as_of"], s["quote"]) for p in self.programs for s in p.sources if s["outdated"]}
        lines = [table, "", "Sources:"]
        for (url, as_of, quote), n in notes.items():
            shown, stored = source_link(url, as_of)
            where = "the guide" if url == "guide" else f"{shown}" + (f" (retrieved from {stored})" if stored else "")
            flag = f" {OUTDATED_MARK}" if (url, as_of, quote) in stale else ""
            dated = f"as of {as_of}" if as_of and as_of_academic_year(as_of) is not None else f"{as_of}; {UNDATED_NOTE}"
            lines.append(f"- [{n}] {where} ({dated}){flag}: “{quote}”")
        return "\n".join(lines)

    def _table(self, cite: Cite, label: Callable[[ProgramColumn], str] | None) -> str:
        """The table alone: each cell shortened, then its marker from `cite`, then the outdated mark."""

        def cell(p: ProgramColumn, c: Cell) -> str:
            marker = cite(p, c)
            return _shorten(c.display) + (f" {marker}" if marker else "") + (f" {OUTDATED_MARK}" if c.outdated else "")

        header = ["Field", *(label(p) if label else p.id for p in self.programs)]
        rows = [[row_label, *(cell(p, p.cells[key]) for p in self.programs)] for key, row_label in FIELDS]
        return markdown_table(header, rows)


def _shorten(text: str) -> str:
    text = " ".join(text.split())
    return text if len(text) <= MAX_MD_CELL else text[: MAX_MD_CELL - 1].rstrip() + "…"


# A spreadsheet runs a cell starting with one of these as a formula (TAB and CR too: some apps strip them first).
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def csv_cell(text: str) -> str:
    """`text` with a leading ' when it starts like a formula, so a spreadsheet shows the text instead of running it."""
    return "'" + text if text.startswith(_FORMULA_START) else text


def _plain_cell(c: Cell) -> str:
    text = c.display
    if c.source_url:
        text += f" (source: {c.source_url}, as of {c.as_of})"
    return text + (f" {OUTDATED_MARK}" if c.outdated else "")


# --- building cells -----------------------------------------------------------------------------


def pick_source(program: Program, paths: list[str]) -> Source | None:
    """The source backing the first field path that has one; a source naming the exact path wins."""
    for path in paths:  # sources_for's order: the exact path's sources, those stating its number first
        if exact := [s for s in program.sources_for(path) if path in s.supports]:
            return exact[0]
    for path in paths:
        if found := program.sources_for(path):
            return found[0]
    return None


def _cell(key: str, value: str | None, display: str | None, src: Source | None, today: date, *notes: str | None,
          extra_outdated: bool = False) -> Cell:  # fmt: skip
    """A cell with its source, outdated flag and notes; a None value shows `display` or 'not published'."""
    if value is None:
        note = "; ".join(n for n in notes if n) or None
        return Cell(field=key, value=None, display=display or NOT_PUBLISHED, note=note)
    outdated = extra_outdated or (src is not None and is_outdated(src.as_of, today))
    flags: list[str] = []
    if src is not None and is_outdated(src.as_of, today):
        flags.append(f"possibly outdated: as of {src.as_of}; check {src.url}")
    if src is not None and as_of_academic_year(src.as_of) is None:
        flags.append(UNDATED_NOTE)
    return Cell(
        field=key, value=value, display=display or value, source_url=src.url if src else None,
        as_of=src.as_of if src else None, quote=src.quote if src else None, outdated=outdated,
        note="; ".join([*flags, *(n for n in notes if n)]) or None,
    )  # fmt: skip


def _tuition_cell(p: Program, today: date) -> Cell:
    t = p.tuition
    parts = [(attr, label, getattr(t, attr)) for attr, label in _TUITION_PARTS if getattr(t, attr) is not None]
    if not parts:
        return _cell("tuition", None, None, None, today, t.basis)
    srcs = [pick_source(p, [f"tuition.{attr}", "tuition"]) for attr, _, _ in parts]
    src = next((s for s in srcs if s), None)
    value = "; ".join(f"{_num(v)} {t.currency or ''} {label}".replace("  ", " ") for _, label, v in parts)
    display = "; ".join(f"{money(v, t.currency, say_unstated=True)} {label}" for _, label, v in parts)
    other_outdated = any(s is not None and is_outdated(s.as_of, today) for s in srcs)
    return _cell("tuition", value, display, src, today, t.basis, extra_outdated=other_outdated)


def estimate_total(p: Program) -> tuple[float | None, str, str | None]:
    """(amount, working or reason, tuition field path used) — the same rule for every program.

    Order, as in the cost calculator: per credit x credits; per year x years; per term x terms; a
    published total as is.
    """
    t, cur = p.tuition, p.tuition.currency
    reasons: list[str] = []
    if t.per_credit is not None:
        if p.credits is not None:
            amount = round(t.per_credit * p.credits, 2)
            unit = p.credit_unit or "credits"
            working = f"{money(t.per_credit, cur, say_unstated=True)} × {p.credits:g} {unit} = {money(amount, cur, say_unstated=True)}"
            return amount, working, "tuition.per_credit"
        reasons.append("credits not published")
    if t.per_year is not None:
        found = parse_duration_years(p.duration)
        if found is not None:
            years = found  # always a float, so is_integer() below is safe
            amount = round(t.per_year * years, 2)
            months = years * 12
            # '16/12 years' rather than a rounded 1.33, so the product shown is exact.
            shown = f"{months:g}/12 years" if not years.is_integer() and months.is_integer() else plural(years, "year")
            how_long = shown if shown == p.duration else f"{shown} ({p.duration})"
            working = f"{money(t.per_year, cur, say_unstated=True)} per year × {how_long} = {money(amount, cur, say_unstated=True)}"
            return amount, working, "tuition.per_year"
        reasons.append(_duration_reason(p.duration))
    if t.per_term is not None:
        terms = parse_duration_terms(p.duration)
        if terms is not None:
            amount = round(t.per_term * terms, 2)
            how_long = f"{plural(terms, 'term')} ({p.duration})"
            working = f"{money(t.per_term, cur, say_unstated=True)} per term × {how_long} = {money(amount, cur, say_unstated=True)}"
            return amount, working, "tuition.per_term"
        reasons.append(_duration_reason(p.duration))
    if t.total is not None:
        return t.total, f"{money(t.total, cur, say_unstated=True)} (published total)", "tuition.total"
    if not reasons:
        return None, NOT_PUBLISHED, None
    return None, "not computable: " + "; ".join(dict.fromkeys(reasons)), None


def _duration_reason(duration: str | None) -> str:
    if duration is None:
        return "duration not published"
    short = duration if len(duration) <= 40 else duration[:39].rstrip() + "…"
    return f"duration '{short}' is not a single number"


def _estimate_cell(p: Program, today: date) -> Cell:
    amount, working, path = estimate_total(p)
    if amount is None or path is None:
        return _cell("estimated_total_tuition", None, working, None, today)
    src = pick_source(p, [path, "tuition"])
    # The other input (credits or duration) may be older than the rate: flag the estimate if so.
    other_field = {"tuition.per_credit": "credits", "tuition.total": None}.get(path, "duration")
    other = pick_source(p, [other_field]) if other_field else None
    other_outdated = other is not None and other != src and is_outdated(other.as_of, today)
    notes = ["tuition only: fees and living costs not included"]
    if other_outdated and other is not None:
        notes.append(f"input as of {other.as_of} may be outdated: {other.url}")
    total = p.tuition.total
    if path != "tuition.total" and total is not None and abs(total - amount) >= 1:
        notes.append(f"the record also gives a published total of {money(total, p.tuition.currency, say_unstated=True)}")
    return _cell(
        "estimated_total_tuition", _num(amount), working, src, today, "; ".join(notes), extra_outdated=other_outdated
    )


def _num(v: float) -> str:
    """Plain number text without float noise or exponent: 6750, 478.82, 69333.33."""
    return f"{v:.2f}".removesuffix(".00")


def program_column(p: Program, today: date) -> ProgramColumn:
    """Every field of one program as a sourced, dated cell."""

    def simple(key: str, value: Any, display: str | None = None) -> Cell:
        text = None if value in (None, []) else (", ".join(value) if isinstance(value, list) else str(value))
        return _cell(key, text, display if text is not None else None, pick_source(p, [key]), today)

    credits = _num(p.credits) if p.credits is not None else None
    fees = p.fees_per_year
    cells = [
        simple("school", p.school),
        simple("name", p.name),
        simple("degree", p.degree),
        simple("modality", p.modality),
        simple("pace", p.pace),
        simple("duration", p.duration),
        simple("credits", credits, f"{credits} {p.credit_unit or 'credits'}"),
        _tuition_cell(p, today),
        _estimate_cell(p, today),
        simple("fees_per_year", _num(fees) if fees is not None else None,
               money(fees, p.tuition.currency, say_unstated=True) + " per year" if fees is not None else None),
        simple("gre", p.gre),
        simple("prerequisites", p.prerequisites),
    ]  # fmt: skip
    used: dict[tuple[str, str, str], dict[str, Any]] = {}
    for c in cells:
        src = next((s for s in p.sources if (s.url, s.as_of, s.quote) == (c.source_url, c.as_of, c.quote)), None)
        if src is not None:
            entry = {**src.model_dump(), "outdated": is_outdated(src.as_of, today)}
            used.setdefault((src.url, src.as_of, src.quote), entry)
    return ProgramColumn(id=p.id, title=p.title, label=p.school_name, cells={c.field: c for c in cells},
                         sources=list(used.values()))  # fmt: skip


def compare_programs(names: list[str], corpus: Corpus, matcher: ProgramMatcher, today: date) -> Comparison:
    """Resolve names/aliases/ids to programs (duplicates dropped) and build the comparison.

    Unknown names land in `unmatched` with their closest ids; an empty result is still returned.
    """
    ids: list[str] = []
    unmatched: list[Unmatched] = []
    for name in names:
        if not name.strip():
            continue
        pid = matcher.resolve(name)
        if pid is None:
            unmatched.append(Unmatched(name=name, closest=matcher.closest(name)))
        elif pid not in ids:
            ids.append(pid)
    programs = [corpus.program(i) for i in ids]
    labels = program_labels([(p.name, p.school_name) for p in programs])  # two CMU programs: "MCDS", "MS in …"
    columns = [program_column(p, today).model_copy(update={"label": lab}) for p, lab in zip(programs, labels, strict=True)]
    return Comparison(programs=columns, unmatched=unmatched)


def unmatched_message(u: Unmatched) -> str:
    """One line for the user about a name that matched no program."""
    guess = f"; did you mean {', '.join(u.closest)}?" if u.closest else ""
    return f"unknown program '{u.name}': it matches no program in our data{guess}"


# --- LangChain tool -----------------------------------------------------------------------------


