"""Program finder: filter the sourced program records, with "unknown" as a third answer.

Pure: no I/O and no LangChain import here. Each filter answers True / False / None per program, where None
means the record does not say (no published tuition, a duration that is not one number, a null GRE field...).
A program *matches* when every filter is True, is *unknown* when none is False and at least one is None, and
is excluded otherwise — an unknown is never silently dropped nor silently kept.

Amounts stay in each program's own currency; nothing is converted (the corpus holds no sourced exchange rate).
The estimated total tuition comes from `app.tools.compare.estimate_total`, the comparison table's rule.

Speed: the per-program facts (parsed duration, tuition estimate, GRE / field / background verdicts, citations)
are computed once and cached by program id (see `facts`), so a query over 10,000 records only compares
precomputed values. The query model is in `finder_query.py`, the free-text rules (GRE, field, background) in
`finder_rules.py`.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from dataclasses import field as dc_field
from datetime import date
from typing import Any

from app.corpus.dates import OUTDATED_MARK, is_outdated
from app.corpus.records import NOT_PUBLISHED, Program
from app.corpus.text import markdown_table, money
from app.tools.compare import estimate_total, pick_source
from app.tools.finder_query import (
    FIELD_LABELS,
    FILTERS,
    Background,
    FieldOfStudy,
    FinderQuery,
    Modality,
    Pace,
    SortKey,
    Verdict,
    parse_query,
)
from app.tools.finder_rules import classify_background, classify_field, classify_gre, clip
from app.tools.tuition import parse_duration_years

# The query and the text rules live in their own modules; these names stay importable from here.
__all__ = [
    "COLUMNS", "FIELD_LABELS", "FILTERS", "ROW_KEYS", "Background", "Citation", "Facts", "FieldOfStudy",
    "FinderQuery", "FinderResult", "FinderRow", "Modality", "Pace", "SortKey", "Verdict", "classify_background",
    "classify_field", "classify_gre", "facts", "find_programs", "parse_query", "render_markdown", "row_cells",
    "tuition_text", "unknown_why",
]  # fmt: skip


# --- result --------------------------------------------------------------------------------------


# Rows are slotted classes, not pydantic models: a query may return all 10,000 records of the benchmark, and
# building that many pydantic models (even with model_construct) costs ~25 µs each, over 10x the budget. A row
# points at its program's cached facts and shares their citation tuple, so it allocates almost nothing.


@dataclass(frozen=True, slots=True)
class Citation:
    field: str
    url: str
    as_of: str
    quote: str

    def to_json(self) -> dict[str, str]:
        return {"field": self.field, "url": self.url, "as_of": self.as_of, "quote": self.quote}


@dataclass(frozen=True, slots=True)
class Facts:
    """What the filters, rows and sorts need from one record, computed once (see `facts`)."""

    program: Program
    pace: frozenset[str] | None
    country: str | None
    amount: float | None
    currency: str | None
    amount_text: str  # the estimate in its own currency, or 'not published'
    tuition_note: str  # the estimate's working, or why there is none
    pace_reason: str
    years: float | None
    duration_reason: str
    gre: tuple[Verdict, str]
    fields: dict[str, tuple[Verdict, str]]
    background: tuple[Verdict, str]
    citations: tuple[Citation, ...]  # the table's cells
    citations_with_prereq: tuple[Citation, ...]  # ... plus prerequisites, for a background query


@dataclass(slots=True)
class FinderRow:
    """One program; `matched[f]` is True / False / None (unknown) and `reasons[f]` says why."""

    facts: Facts
    matched: dict[str, Verdict]
    reasons: dict[str, str]
    citations: tuple[Citation, ...]
    unknowns: int = 0  # how many filters are None (computed once, for sorting)

    program_id = property(lambda self: self.facts.program.id)
    school = property(lambda self: self.facts.program.school)
    name = property(lambda self: self.facts.program.name)
    modality = property(lambda self: self.facts.program.modality)
    pace = property(lambda self: self.facts.program.pace)
    country = property(lambda self: self.facts.program.country)
    estimated_total_tuition = property(lambda self: self.facts.amount)
    currency = property(lambda self: self.facts.program.tuition.currency)
    duration = property(lambda self: self.facts.program.duration)
    gre = property(lambda self: self.facts.program.gre)

    def unknown_filters(self) -> list[str]:
        return [f for f, v in self.matched.items() if v is None]

    def to_json(self) -> dict[str, Any]:
        """The row as JSON-ready data (keys as ROW_KEYS); an unknown verdict stays null (None), never false."""
        data: dict[str, Any] = {k: getattr(self, k) for k in ROW_KEYS[:10]}
        data["pace"] = list(self.pace) if self.pace is not None else None
        data["matched"], data["reasons"] = dict(self.matched), dict(self.reasons)
        data["citations"] = [c.to_json() for c in self.citations]
        return data


ROW_KEYS: tuple[str, ...] = (
    "program_id", "school", "name", "modality", "pace", "country", "estimated_total_tuition", "currency",
    "duration", "gre", "matched", "reasons", "citations",
)  # fmt: skip


@dataclass(slots=True)
class FinderResult:
    query: FinderQuery
    matches: list[FinderRow] = dc_field(default_factory=list)
    unknown: list[FinderRow] = dc_field(default_factory=list)

    def to_json(self) -> dict[str, Any]:
        """JSON-ready: {"query", "matches": [row], "unknown": [row]}."""
        return {
            "query": self.query.model_dump(mode="json"),
            "matches": [r.to_json() for r in self.matches],
            "unknown": [r.to_json() for r in self.unknown],
        }

    def to_markdown(self, today: date | None = None) -> str:
        """Table of matches with numbered source markers, then the unknowns and why, then the sources."""
        return render_markdown(self, today)


# --- per-program facts (cached) ------------------------------------------------------------------

# Keyed by program id; an entry is reused only while it holds the very same Program object, so an edited or
# reloaded corpus is recomputed. Bounded: cleared when it outgrows _CACHE_MAX (old corpora would pile up).
_CACHE: dict[str, Facts] = {}
_CACHE_MAX = 50_000


def facts(p: Program) -> Facts:
    """The cached facts of one program (see `_CACHE`)."""
    hit = _CACHE.get(p.id)
    if hit is not None and hit.program is p:
        return hit
    if len(_CACHE) >= _CACHE_MAX:
        _CACHE.clear()
    made = _CACHE[p.id] = _compute_facts(p)
    return made


def _compute_facts(p: Program) -> Facts:
    amount, working, path = estimate_total(p)
    cites = [_citation(p, f, [f]) for f in ("modality", "pace", "country", "duration", "gre")]
    if path is not None:
        cites.insert(3, _citation(p, "tuition", [path, "tuition"]))
    citations = tuple(c for c in cites if c is not None)
    prereq = _citation(p, "prerequisites", ["prerequisites"])
    years = parse_duration_years(p.duration)
    return Facts(
        program=p,
        pace=frozenset(p.pace) if p.pace else None,
        country=p.country.upper() if p.country else None,
        amount=amount,
        currency=p.tuition.currency,
        amount_text=NOT_PUBLISHED if amount is None else money(amount, p.tuition.currency),
        tuition_note=working,
        pace_reason="pace: " + ", ".join(p.pace) if p.pace else "pace not published",
        years=years,
        duration_reason=_duration_reason(p.duration, years),
        gre=classify_gre(p.gre),
        fields={key: classify_field(p, key) for key in FIELD_LABELS},
        background=classify_background(p.prerequisites),
        citations=citations,
        citations_with_prereq=citations + ((prereq,) if prereq else ()),
    )


def _citation(p: Program, label: str, paths: list[str]) -> Citation | None:
    src = pick_source(p, paths)
    return None if src is None else Citation(field=label, url=src.url, as_of=src.as_of, quote=src.quote)


def _duration_reason(duration: str | None, years: float | None) -> str:
    if duration is None:
        return "duration not published"
    if years is None:
        return f"duration '{clip(duration, 60)}' is not a single number"
    return f"duration: {years:.3g} years ({duration})"


# --- filters -------------------------------------------------------------------------------------

VerdictFn = Callable[[Facts], Verdict]
ReasonFn = Callable[[Facts], str]


def _checks(q: FinderQuery) -> list[tuple[str, VerdictFn, ReasonFn]]:
    """(filter, verdict, reason) per active filter, query values bound once. Verdicts run on every record, so
    they only compare precomputed facts; reasons (string building) run only for the records kept."""
    ceiling, cur = q.max_tuition or 0.0, q.currency
    ceiling_text, years = money(ceiling, cur), q.max_years or 0.0
    made: dict[str, tuple[VerdictFn, ReasonFn]] = {
        "modality": (lambda f: _equal(f.program.modality, q.modality),
                     lambda f: _stated("modality", f.program.modality)),
        "pace": (lambda f: None if f.pace is None else q.pace in f.pace, lambda f: f.pace_reason),
        "country": (lambda f: _equal(f.country, q.country), lambda f: _stated("country", f.country)),
        "max_tuition": (lambda f: _tuition_verdict(f, ceiling, cur), lambda f: _tuition_reason(f, ceiling, ceiling_text, cur)),
        "max_years": (lambda f: None if f.years is None else f.years <= years, lambda f: f.duration_reason),
        "no_gre": (lambda f: f.gre[0], lambda f: f.gre[1]),
        "field": (lambda f: f.fields[q.field or ""][0], lambda f: f.fields[q.field or ""][1]),
        # FinderQuery allows only 'no-cs-degree' so far, so the precomputed verdict is the answer.
        "background": (lambda f: f.background[0], lambda f: f.background[1]),
    }  # fmt: skip
    return [(name, *made[name]) for name in q.active()]


def _equal(have: str | None, want: str | None) -> Verdict:
    return None if have is None else have == want


def _stated(label: str, have: str | None) -> str:
    return f"{label} not published" if have is None else f"{label}: {have}"


def _tuition_verdict(f: Facts, ceiling: float, currency: str) -> Verdict:
    # Compared only in the ceiling's own currency: the corpus has no sourced exchange rate.
    if f.amount is None or f.currency != currency:
        return None
    return f.amount <= ceiling


def _tuition_reason(f: Facts, ceiling: float, ceiling_text: str, currency: str) -> str:
    if f.amount is None:
        return f"tuition {f.tuition_note}"  # 'tuition not published' / 'tuition not computable: ...'
    if f.currency is None:
        return "currency not stated: not compared"
    if f.currency != currency:
        return f"in {f.currency}: not compared"
    sign = "≤" if f.amount <= ceiling else ">"
    return f"estimated {f.amount_text} {sign} {ceiling_text}"


# --- the finder ----------------------------------------------------------------------------------


def find_programs(query: FinderQuery, programs: list[Program]) -> FinderResult:
    """Filter `programs` by `query`: matches (every filter True) and unknown (none False, some None), sorted."""
    checks = _checks(query)
    verdict_fns = [v for _, v, _ in checks]
    kept: list[Facts] = []
    cache_get = _CACHE.get
    for p in programs:
        f = cache_get(p.id)
        if f is None or f.program is not p:
            f = facts(p)
        for verdict in verdict_fns:
            if verdict(f) is False:
                break  # excluded: no need to look further
        else:
            kept.append(f)
    with_prereq = query.background is not None
    matches: list[FinderRow] = []
    unknown: list[FinderRow] = []
    for f in kept:
        matched: dict[str, Verdict] = {}
        reasons: dict[str, str] = {}
        unknowns = 0
        for name, verdict, reason in checks:
            v = matched[name] = verdict(f)
            reasons[name] = reason(f)
            if v is None:
                unknowns += 1
        row = FinderRow(f, matched, reasons, f.citations_with_prereq if with_prereq else f.citations, unknowns)
        (unknown if unknowns else matches).append(row)
    return FinderResult(query=query, matches=_sorted(matches, query.sort), unknown=_sorted(unknown, query.sort))


# --- sorting -------------------------------------------------------------------------------------
# Keys are flat tuples of numbers: sorting 10,000 rows on nested tuples with strings took most of the budget.
# Ties keep the records' own order (sorted() is stable), which is deterministic.


def _sorted(rows: list[FinderRow], sort: SortKey) -> list[FinderRow]:
    """cost: by currency (USD first, then by code) then amount, unknown last; duration: years, unknown last;
    fit: filters True (desc), then fewer unknowns, then cost."""
    if sort == "duration":
        return sorted(rows, key=lambda r: _INF if r.facts.years is None else r.facts.years)
    ranks = _currency_ranks(rows)
    unknown_rank = len(ranks)

    def cost(f: Facts) -> tuple[int, float]:
        if f.amount is None or f.currency is None:
            return unknown_rank, 0.0
        return ranks[f.currency], f.amount

    if sort == "cost" or not any(r.unknowns for r in rows):
        # Among rows with no unknown filter (e.g. all matches), 'fit' reduces to cost.
        return sorted(rows, key=lambda r: cost(r.facts))

    # Every row has the same filters, so 'most filters True' is 'fewest unknowns'.
    return sorted(rows, key=lambda r: (r.unknowns, *cost(r.facts)))


_INF = float("inf")


def _currency_ranks(rows: list[FinderRow]) -> dict[str, int]:
    """USD first, then the other currencies present by code: amounts are compared only within one currency."""
    codes = sorted({r.facts.currency for r in rows if r.facts.currency is not None and r.facts.amount is not None})
    ordered = (["USD"] if "USD" in codes else []) + [c for c in codes if c != "USD"]
    return {c: i for i, c in enumerate(ordered)}


# --- markdown ------------------------------------------------------------------------------------

# (column label, citation field or None, cell text) for the matches table: the Markdown here and the web app's
# HTML table (app/ui/presenters.find_html) both render these.
COLUMNS: tuple[tuple[str, str | None, Callable[[FinderRow], str]], ...] = (
    ("School", None, lambda r: r.school),
    ("Program", None, lambda r: r.name),
    ("Modality", "modality", lambda r: r.modality or NOT_PUBLISHED),
    ("Pace", "pace", lambda r: ", ".join(r.pace) if r.pace else NOT_PUBLISHED),
    ("Country", "country", lambda r: r.country or NOT_PUBLISHED),
    ("Estimated total tuition", "tuition", lambda r: tuition_text(r)),
    ("Duration", "duration", lambda r: r.duration or NOT_PUBLISHED),
    ("GRE", "gre", lambda r: r.gre or NOT_PUBLISHED),
)


def tuition_text(r: FinderRow) -> str:
    """The estimated total tuition in the program's own currency (never converted), or 'not published'."""
    if r.estimated_total_tuition is None:
        return NOT_PUBLISHED
    # Each program in its own currency; a missing currency is said, not assumed.
    return money(r.estimated_total_tuition, r.currency) + ("" if r.currency else " (currency not stated)")


def row_cells(row: FinderRow, today: date | None = None) -> list[tuple[str, Citation | None]]:
    """(text, citation or None) per column of `COLUMNS`; given today, a figure over two academic years old carries
    the same mark as in a comparison ("$19,200 ⚠ possibly outdated")."""
    by_field = {c.field: c for c in row.citations}
    cells = [(text(row), by_field.get(cite_field or "")) for _, cite_field, text in COLUMNS]
    stale = (lambda c: c is not None and is_outdated(c.as_of, today)) if today else (lambda c: False)
    return [(f"{t} {OUTDATED_MARK}" if stale(c) else t, c) for t, c in cells]


def unknown_why(row: FinderRow) -> str:
    """Why a row is 'not enough data': the reason of each filter its record cannot answer."""
    return "; ".join(row.reasons[f] for f in row.unknown_filters())


def _md(text: str) -> str:
    return " ".join(text.split()).replace("|", "\\|")


def render_markdown(result: FinderResult, today: date | None = None) -> str:
    """Matches as a table with numbered source markers per cell, the unknowns and why, then the sources."""
    notes: dict[tuple[str, str, str], int] = {}

    def cell(text: str, c: Citation | None) -> str:
        if c is None:
            return text
        return f"{text} [{notes.setdefault((c.url, c.as_of, c.quote), len(notes) + 1)}]"

    if result.matches:
        rows = [[cell(text, c) for text, c in row_cells(row, today)] for row in result.matches]
        lines = [markdown_table([label for label, _, _ in COLUMNS], rows)]
    else:
        lines = ["No program matches every filter."]
    if result.unknown:
        lines += ["", f"Not enough data to be sure ({len(result.unknown)}):"]
        lines += [f"- {row.school} — {row.name}: {_md(unknown_why(row))}" for row in result.unknown]
    if notes:
        lines += ["", "Sources:"]
        for (url, as_of, quote), n in notes.items():
            dated = as_of if as_of.lower().startswith("undated") else f"as of {as_of}"
            lines.append(f"- [{n}] {'the guide' if url == 'guide' else url} ({dated}): “{_md(quote)}”")
    return "\n".join(lines)
