"""Program finder: filter the sourced program records, with "unknown" as a third answer.

Pure: no I/O and no LangChain import here. Each filter answers True / False / None per program, where None
means the record does not say (no published tuition, a duration that is not one number, a null GRE field...).
A program *matches* when every filter is True, is *unknown* when none is False and at least one is None, and
is excluded otherwise — an unknown is never silently dropped nor silently kept.

Amounts stay in each program's own currency; nothing is converted (the corpus holds no sourced exchange rate).
The estimated total tuition comes from `app.tools.compare.estimate_total`, the comparison table's rule.

Speed: the per-program facts (parsed duration, tuition estimate, GRE / field / background verdicts, citations)
are computed once and cached by program id (see `_facts`), so a query over 10,000 records only compares
precomputed values.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from dataclasses import field as dc_field
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from app.corpus.records import NOT_PUBLISHED, Program
from app.corpus.text import markdown_table, money
from app.errors import InvalidInput
from app.tools.compare import estimate_total, pick_source
from app.tools.tuition import parse_duration_years

Verdict = bool | None
Modality = Literal["online", "in-person", "hybrid"]
Pace = Literal["part-time", "full-time"]
FieldOfStudy = Literal["machine-learning", "ai", "computer-science", "data-science"]
Background = Literal["no-cs-degree"]
SortKey = Literal["cost", "duration", "fit"]

FILTERS: tuple[str, ...] = ("modality", "pace", "country", "max_tuition", "max_years", "no_gre", "field", "background")
FIELD_LABELS: dict[str, str] = {
    "machine-learning": "machine learning", "ai": "AI", "computer-science": "computer science",
    "data-science": "data science",
}  # fmt: skip
# Records use ISO 3166 codes (GB, not UK); people often type UK.
COUNTRY_ALIASES = {"UK": "GB", "USA": "US"}
_FIELD_ALIASES = {
    "ml": "machine-learning", "machine learning": "machine-learning", "artificial intelligence": "ai",
    "cs": "computer-science", "computer science": "computer-science", "ds": "data-science",
    "data science": "data-science",
}  # fmt: skip
_BACKGROUND_ALIASES = {
    "no cs degree": "no-cs-degree", "no computer science degree": "no-cs-degree", "non-cs": "no-cs-degree",
    "no cs background": "no-cs-degree", "no computer science background": "no-cs-degree",
}  # fmt: skip


# --- query ---------------------------------------------------------------------------------------


class FinderQuery(BaseModel):
    """Every filter is optional; an unset filter does not take part in matching."""

    model_config = ConfigDict(extra="forbid")
    modality: Modality | None = None
    pace: Pace | None = None
    country: str | None = Field(None, description="Country code as in the records, e.g. US, GB (UK), CA.")
    max_tuition: float | None = Field(
        None, ge=0, allow_inf_nan=False, description="Ceiling on estimated total tuition."
    )
    currency: str = Field("USD", description="Currency of max_tuition; programs in other currencies are unknown.")
    max_years: float | None = Field(None, gt=0, allow_inf_nan=False, description="Ceiling on duration in years.")
    no_gre: bool = Field(False, description="Only programs whose GRE policy says it is not required.")
    field: FieldOfStudy | None = None
    background: Background | None = None
    sort: SortKey = "fit"

    @field_validator("modality", "pace", "sort", mode="before")
    @classmethod
    def _lower(cls, v: Any) -> Any:
        return v.strip().lower().replace(" ", "-") if isinstance(v, str) else v

    @field_validator("country", mode="before")
    @classmethod
    def _country(cls, v: Any) -> Any:
        return _code(v, 2, "a country code such as US, GB or CA", COUNTRY_ALIASES)

    @field_validator("currency", mode="before")
    @classmethod
    def _currency(cls, v: Any) -> Any:
        return _code(v, 3, "a currency code such as USD, GBP or EUR", {})

    @field_validator("field", mode="before")
    @classmethod
    def _field(cls, v: Any) -> Any:
        return _alias(v, _FIELD_ALIASES)

    @field_validator("background", mode="before")
    @classmethod
    def _background(cls, v: Any) -> Any:
        found = _alias(v, _BACKGROUND_ALIASES)
        if isinstance(found, str) and found not in Background.__args__:
            raise ValueError(f"unknown background {v!r}; accepted: 'no CS degree'")
        return found

    def active(self) -> tuple[str, ...]:
        """The filters this query sets, in FILTERS order."""
        # 'is', not '==': a ceiling of 0 is a filter (0 == False would drop it); no_gre=False is not.
        return tuple(f for f in FILTERS if getattr(self, f) is not None and getattr(self, f) is not False)


def parse_query(values: dict[str, Any]) -> FinderQuery:
    """A FinderQuery from form or API values (None = filter unset); bad input → InvalidInput in one line."""
    try:
        return FinderQuery(**{k: v for k, v in values.items() if v is not None})
    except ValidationError as e:
        parts = [f"{'.'.join(str(x) for x in err['loc']) or 'query'}: {err['msg'].removeprefix('Value error, ')}"
                 for err in e.errors()]  # fmt: skip
        raise InvalidInput("invalid search: " + "; ".join(parts)) from None


def _code(v: Any, length: int, what: str, aliases: dict[str, str]) -> Any:
    if not isinstance(v, str):
        return v
    code = aliases.get(v.strip().upper(), v.strip().upper())
    if len(code) != length or not code.isalpha() or not code.isascii():
        raise ValueError(f"expected {what}, got {v!r}")
    return code


def _alias(v: Any, aliases: dict[str, str]) -> Any:
    if not isinstance(v, str):
        return v
    key = " ".join(v.lower().replace("_", " ").split())
    return aliases.get(key, key.replace(" ", "-"))


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

    def to_markdown(self) -> str:
        """Table of matches with numbered source markers, then the unknowns and why, then the sources."""
        return render_markdown(self)


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
        return f"duration '{_clip(duration, 60)}' is not a single number"
    return f"duration: {years:.3g} years ({duration})"


# --- classification rules ------------------------------------------------------------------------

# GRE: the text before any parenthesis is the policy; the parenthesis is a note (date, who reported it).
_GRE_HEDGE = re.compile(r"\b(?:not confirmed|unconfirmed|unclear|unknown)\b")
_GRE_NOT_REQUIRED = re.compile(r"\b(?:not required|optional|not accepted|not considered|waived|no gre)\b")
_GRE_REQUIRED = re.compile(r"(?<!not )\brequired\b")


def classify_gre(text: str | None) -> tuple[Verdict, str]:
    """Is the GRE *not* required? True ('not required', 'optional', 'not accepted'), False ('required'),
    None when unpublished, hedged ('current policy not confirmed'), mixed by applicant, or unrecognised."""
    if text is None:
        return None, "GRE policy not published"
    low = text.lower()
    head = low.split("(")[0]
    if _GRE_HEDGE.search(low):
        return None, f"GRE policy not confirmed: “{text}”"
    says_not, says_req = bool(_GRE_NOT_REQUIRED.search(head)), bool(_GRE_REQUIRED.search(head))
    if says_not and says_req:
        return None, f"GRE depends on the applicant: “{text}”"
    if says_not:
        return True, f"GRE: “{text}”"
    if says_req:
        return False, f"GRE required: “{text}”"
    return None, f"GRE wording not recognised: “{text}”"


_FIELD_PATTERNS: dict[str, re.Pattern[str]] = {
    "machine-learning": re.compile(r"\bmachine learning\b", re.I),
    # 'AI' only in capitals: a lowercase 'ai' inside a word or name is not the field.
    "ai": re.compile(r"\bartificial intelligence\b|\bAI\b"),
    "computer-science": re.compile(r"\bcomputer science\b", re.I),
    "data-science": re.compile(r"\bdata science\b", re.I),
}
# Degree abbreviations that name a field by themselves (a record's `field` normally says it too).
_DEGREE_FIELDS = {
    "MCS": ("computer-science",), "MSCS": ("computer-science",), "MDS": ("data-science",),
    "MIDS": ("data-science",), "MADS": ("data-science",), "MCDS": ("data-science",),
    "MDSAI": ("data-science", "ai"), "MAISI": ("ai",),
}  # fmt: skip


def classify_field(p: Program, key: str) -> tuple[Verdict, str]:
    """True when the record's field, degree or name names the field; None only when `field` is null and the
    name and degree do not say; otherwise False. Literal: an 'AI' query does not take in 'machine learning'."""
    label = FIELD_LABELS[key]
    for what, text in (("field", p.field), ("name", p.name)):
        if text and _FIELD_PATTERNS[key].search(text):
            return True, f"{what}: “{text}”"
    if p.degree and key in _DEGREE_FIELDS.get(p.degree.upper(), ()):
        return True, f"degree: {p.degree}"
    if p.field is None:
        return None, "field of study not published"
    return False, f"field “{p.field}” is not {label}"


_SENTENCE_END = re.compile(r"(?<=[.;])\s+")
# Prerequisites that open the program to people without a CS degree, in so many words.
_BG_OPEN = re.compile(
    r"\bany (?:undergraduate )?(?:major|subject|field|discipline)\b|\bno (?:computer science|cs) (?:background|degree)\b"
    r"|\bdegree is not required\b|\bno fixed prerequisites\b|\bor if not\b|\bnon-cs\b"
)
# ...or that name non-computing subjects as acceptable degrees (in a sentence about the degree).
_BG_OTHER_SUBJECT = re.compile(
    r"\b(?:mathematics|statistics|physics|economics|psychology|linguistics|philosophy|quantitative subject"
    r"|science and engineering graduates)\b"
)
_BG_DEGREE_CONTEXT = re.compile(r"\b(?:degree|major|graduates?|bachelor'?s?)\b")
# 'Most candidates have...' describes the intake; it is not a requirement either way.
_BG_DESCRIPTIVE = re.compile(r"\bmost (?:candidates|students|applicants|admits)\b")
_BG_CS_REQUIRED = re.compile(
    r"\b(?:degree|bachelor'?s?) in (?:computer science|computer engineering|electrical and computer engineering|informatics)\b"
)


def classify_background(text: str | None) -> tuple[Verdict, str]:
    """Open to someone without a CS degree? From the `prerequisites` text, with the deciding sentence quoted.

    True: a CS degree is not needed ('any major', 'no computer science background', 'degree is not required',
    'or if not') or non-computing degrees are named as acceptable; False: a degree in CS (or another named
    computing degree) is required; None: not published, silent on the subject, or only describing the intake.
    """
    if text is None:
        return None, "prerequisites not published"
    sentences = [s for s in _SENTENCE_END.split(text.strip()) if s]
    plain = [s.lower().replace("’", "'") for s in sentences]

    def first(test: Callable[[str], bool]) -> str | None:
        return next((sentences[i] for i, s in enumerate(plain) if test(s)), None)

    if found := first(lambda s: bool(_BG_OPEN.search(s))):
        return True, f"prerequisites: “{found}”"
    if found := first(lambda s: bool(_BG_OTHER_SUBJECT.search(s) and _BG_DEGREE_CONTEXT.search(s))):
        return True, f"prerequisites name non-CS subjects: “{found}”"
    if found := first(lambda s: bool(_BG_DESCRIPTIVE.search(s))):
        return None, f"prerequisites describe typical admits, not a requirement: “{found}”"
    if found := first(lambda s: bool(_BG_CS_REQUIRED.search(s))):
        return False, f"prerequisites require a computing degree: “{found}”"
    return None, f"prerequisites do not say whether a CS degree is needed: “{_clip(text)}”"


def _clip(text: str, n: int = 160) -> str:
    return text if len(text) <= n else text[: n - 1].rstrip() + "…"


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


def row_cells(row: FinderRow) -> list[tuple[str, Citation | None]]:
    """(text, citation or None) per column of `COLUMNS`."""
    by_field = {c.field: c for c in row.citations}
    return [(text(row), by_field.get(cite_field or "")) for _, cite_field, text in COLUMNS]


def unknown_why(row: FinderRow) -> str:
    """Why a row is 'not enough data': the reason of each filter its record cannot answer."""
    return "; ".join(row.reasons[f] for f in row.unknown_filters())


def _md(text: str) -> str:
    return " ".join(text.split()).replace("|", "\\|")


def render_markdown(result: FinderResult) -> str:
    """Matches as a table with numbered source markers per cell, the unknowns and why, then the sources."""
    notes: dict[tuple[str, str, str], int] = {}

    def cell(text: str, c: Citation | None) -> str:
        if c is None:
            return text
        return f"{text} [{notes.setdefault((c.url, c.as_of, c.quote), len(notes) + 1)}]"

    if result.matches:
        rows = [[cell(text, c) for text, c in row_cells(row)] for row in result.matches]
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
