"""Cut the corpus into retrievable chunks with stable ids: guide sections, one per program, one per loan figure."""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from typing import Any, Literal

from app.corpus.records import (
    NOT_PUBLISHED,
    Figures,
    FigureSource,
    Loan,
    Program,
    RepaymentAssistancePlan,
    StandardPlan,
)
from app.corpus.text import money, where

Role = Literal["listing", "promotion", "summary", "section"]
_PROMOTIONAL = re.compile(r"now accepting applications|sponsored|featured programs|partner programs", re.I)
_SUMMARY = re.compile(r"(?:overview|key takeaways|summary|conclusion|introduction|tl;?dr)\b", re.I)

# The line that says who may still borrow a closed loan: answer scoring leads with it for a person who says they
# already borrowed for their program.
LEGACY_EXCEPTION = "Legacy exception"


@dataclass(frozen=True)
class Chunk:
    """One retrievable unit. `text` is verbatim corpus text for guide chunks."""

    id: str
    kind: Literal["guide", "program", "figure"]
    text: str
    title: str
    section: tuple[str, ...] = ()
    program_id: str | None = None
    start: int | None = None
    end: int | None = None
    urls: tuple[str, ...] = ()

    @property
    def embed_text(self) -> str:
        """What is embedded and keyword-indexed: the heading path gives a short chunk its topic."""
        head = where(self.kind, self.section, self.title)
        return f"{head}\n{self.text}" if head else self.text

    @property
    def role(self) -> Role:
        """What the chunk is to a reader: a `listing` (a program record), a `promotion` (the guide's list of programs
        "now accepting applications": an advert, not advice), a `summary` (Overview, Key Takeaways, Conclusion: they
        restate the sections below) or a `section` that says something of its own."""
        if self.kind == "program":
            return "listing"
        if any(_PROMOTIONAL.search(s) for s in self.section):
            return "promotion"
        if self.kind == "guide" and self.section[1:] and _SUMMARY.match(self.section[1]):
            return "summary"
        return "section"

    @property
    def content_hash(self) -> str:
        return hashlib.sha256(self.embed_text.encode()).hexdigest()[:32]

    def metadata(self) -> dict[str, Any]:
        """Flat metadata for Chroma (lists are joined; Chroma stores scalars only)."""
        meta: dict[str, Any] = {
            "kind": self.kind,
            "title": self.title,
            "section": "\n".join(self.section),
            "program_id": self.program_id or "",
            "urls": "\n".join(self.urls),
            "content_hash": self.content_hash,
        }
        if self.start is not None:
            meta["start"], meta["end"] = self.start, self.end
        return meta


_HEADING = re.compile(r"^(#{1,6})\s+(.+?)\s*$", re.M)


_COMMENT = re.compile(r"<!--.*?-->", re.S)


def stable_id(kind: str, *parts: str) -> str:
    """Same kind and text give the same id on every run and machine."""
    return f"{kind}:" + hashlib.sha1("\x1f".join(parts).encode()).hexdigest()[:16]


def _paragraph_spans(text: str, base: int) -> list[tuple[int, int]]:
    """Char spans (absolute) of the non-empty paragraphs of a section body."""
    spans = []
    for m in re.finditer(r"\S(?:.*?\S)?(?=[ \t]*\n\s*\n|\s*\Z)", text, re.S):
        if not _COMMENT.fullmatch(m.group(0)):
            spans.append((base + m.start(), base + m.end()))
    return spans


def chunk_guide(text: str, chunk_chars: int = 700) -> list[Chunk]:
    """Section-aware chunks: never across headings; long sections split on paragraph boundaries."""
    headings = list(_HEADING.finditer(text))
    chunks: list[Chunk] = []
    path: list[tuple[int, str]] = []
    for i, h in enumerate(headings):
        level, title = len(h.group(1)), h.group(2)
        path = [p for p in path if p[0] < level] + [(level, title)]
        body_start = h.end()
        body_end = headings[i + 1].start() if i + 1 < len(headings) else len(text)
        spans = _paragraph_spans(text[body_start:body_end], body_start)
        section = tuple(t for _, t in path)
        groups: list[list[tuple[int, int]]] = []
        for span in spans:
            if groups and span[1] - groups[-1][0][0] <= chunk_chars:
                groups[-1].append(span)
            else:
                groups.append([span])
        for group in groups:
            start, end = group[0][0], group[-1][1]
            body = text[start:end]
            chunks.append(
                Chunk(
                    id=stable_id("guide", *section, body),
                    kind="guide",
                    text=body,
                    title=section[-1],
                    section=section,
                    start=start,
                    end=end,
                    urls=("guide",),
                )
            )
    return chunks


def render_program(p: Program) -> str:
    """A readable, self-contained rendering of a record; nulls show as 'not published'."""
    t = p.tuition

    def show(v: Any) -> str:
        if v is None or v == []:
            return NOT_PUBLISHED
        return ", ".join(v) if isinstance(v, list) else str(v)

    tuition_parts = [
        f"{money(v, t.currency)} {label}"
        for v, label in (
            (t.per_credit, "per credit"),
            (t.per_year, "per year"),
            (t.per_term, "per term"),
            (t.total, "total"),
        )
        if v is not None
    ]
    credits = f"{p.credits:g} {p.credit_unit or 'credits'}" if p.credits is not None else NOT_PUBLISHED
    lines = [
        f"{p.name} — {p.school}.",
        f"Also known as: {show(p.aliases)}.",
        f"Degree: {show(p.degree)} ({show(p.level)}) in {show(p.field)}; country: {show(p.country)}.",
        f"Modality: {show(p.modality)}. Pace: {show(p.pace)}. Duration: {show(p.duration)}. Credits: {credits}.",
        f"Tuition: {'; '.join(tuition_parts) or NOT_PUBLISHED}. Fees per year: {show(p.fees_per_year)}. GRE: {show(p.gre)}.",
    ]
    if t.basis:
        lines.append(f"Tuition basis: {t.basis}.")
    lines.append(f"Prerequisites: {show(p.prerequisites)}")
    if p.highlights:
        lines.append("Highlights: " + "; ".join(p.highlights) + ".")
    lines.append("Sources:")
    lines += [f'- {s.url} (as of {s.as_of}) for {", ".join(s.supports)}: "{s.quote}"' for s in p.sources]
    return "\n".join(lines)


# The summary lines of a rendered record: name, aliases, degree, modality/pace/duration, tuition/fees/GRE.
SUMMARY_LINES = 5


def program_summary(p: Program) -> str:
    """What a program chunk holds: the record's summary lines, without its prerequisites, highlights and source quotes.

    Retrieval ranks chunks, and a 1-3k-character record would outweigh a guide section on every general question.
    The figures and their verbatim quotes are still cited, from the record itself (see corpus/units.py).
    """
    return "\n".join(render_program(p).splitlines()[:SUMMARY_LINES])


def chunk_programs(programs: list[Program]) -> list[Chunk]:
    return [
        Chunk(
            id=f"program:{p.id}",
            kind="program",
            text=program_summary(p),
            title=p.title,
            program_id=p.id,
            urls=tuple(dict.fromkeys(s.url for s in p.sources)),
        )
        for p in programs
    ]


def chunk_figures(figures: Figures) -> list[Chunk]:
    """Loan and repayment figures as fact lines, each followed by the quote line of the source that supports it
    (`- url (as of …): "quote"`), so every fact is citable to its own source (see units.figure_units)."""
    chunks = [_loan_chunk(loan) for loan in figures.loans]
    r = figures.repayment
    facts = [
        (f"Federal student loans first disbursed before July 1, 2026: standard repayment term {r.standard_term_years:g} "
         "years.", r.source_for("standard_term_years")),
        (f"Grace period: repayment starts {r.grace_period_months:g} months after graduation; interest accrues while "
         "in school and during the grace period.", r.source_for("grace_period_months")),
    ]  # fmt: skip
    chunks.append(_figure_chunk("figure:federal-repayment", "Federal loan repayment terms", facts))
    if (plan := r.standard_plan_from_2026) is not None:
        chunks.append(_figure_chunk("figure:standard-plan-2026", "Standard repayment plan from July 1, 2026",
                                    _standard_plan_facts(plan)))  # fmt: skip
    if (rap := r.repayment_assistance_plan) is not None:
        chunks.append(_figure_chunk("figure:repayment-assistance-plan", "Repayment Assistance Plan (RAP)",
                                    _rap_facts(rap)))  # fmt: skip
    if (law := figures.law) is not None:
        facts = [
            (f"The {law.name} was signed into law on {_day(law.signed)}; it sets the federal student loan rules "
             "(limits, Grad PLUS, repayment plans).", law.source_for("signed")),
            (f"The {law.name}'s loan changes take effect for loans first disbursed on or after "
             f"{_day(law.effective_for_loans_from)} (award year 2026-27).", law.source_for("effective_for_loans_from")),
        ]  # fmt: skip
        chunks.append(_figure_chunk("figure:loan-law", f"{law.name}: federal student loan changes", facts))
    return chunks


# A fact and its source (the one it is cited to), or a list: the first is cited, the others are kept as quote homes.
_Fact = tuple[str, "FigureSource | list[FigureSource | None] | None"]


def _day(d: Any) -> str:
    return f"{d:%B} {d.day}, {d.year}"


def _source_line(src: FigureSource) -> str:
    return f'- {src.url} (as of {src.as_of}): "{src.quote}"'


def _figure_chunk(chunk_id: str, title: str, facts: list[_Fact]) -> Chunk:
    """Each fact line, then its sources' quote lines (the first supports it); a fact without a source is left out."""
    pairs = [(fact, _unique(src if isinstance(src, list) else [src])) for fact, src in facts]
    pairs = [(fact, srcs) for fact, srcs in pairs if srcs]
    lines = [line for fact, srcs in pairs for line in (fact, *map(_source_line, srcs))]
    return Chunk(id=chunk_id, kind="figure", text="\n".join(lines), title=title,
                 urls=tuple(dict.fromkeys(s.url for _, srcs in pairs for s in srcs)))  # fmt: skip


def _unique(sources: list[FigureSource | None]) -> list[FigureSource]:
    seen: set[tuple[str, str]] = set()
    out = [x for x in sources if x is not None and not ((x.url, x.quote) in seen or seen.add((x.url, x.quote)))]
    return out


def _quoting(sources: list[FigureSource], key: str, *words: str) -> FigureSource | None:
    """The first source supporting `key` whose quote has every word (case-insensitive); else the first for `key`."""
    named = [s for s in sources if key in s.supports]
    return next((s for s in named if all(w.lower() in s.quote.lower() for w in words)), named[0] if named else None)


def _loan_chunk(loan: Loan) -> Chunk:
    usd = "USD"
    facts: list[_Fact] = [(f"{loan.name}: interest rate {loan.apr_percent:g}% for {loan.applies_to}.",
                           loan.source_for("apr_percent"))]  # fmt: skip
    if loan.origination_fee_percent is not None:
        facts.append((f"{loan.name}: origination fee {loan.origination_fee_percent:g}%.",
                      loan.source_for("origination_fee_percent")))  # fmt: skip
    if loan.rate_2026_27_percent is None and loan.annual_limit_usd is not None:
        facts.append((f"The interest rate for loans first disbursed from July 1, 2026 (2026-27) is not in our sources: "
                      f"{loan.apr_percent:g}% (2025-26) is the latest rate we hold.", loan.source_for("apr_percent")))
    if loan.annual_limit_usd is not None and loan.aggregate_limit_usd is not None:
        annual, total = money(loan.annual_limit_usd, usd), money(loan.aggregate_limit_usd, usd)
        two = money(2 * loan.annual_limit_usd, usd)
        facts += [
            (f"Federal borrowing limit from July 1, 2026: a graduate (non-professional) student may borrow at most "
             f"{annual} a year in Direct Unsubsidized loans, so at most {two} federally for a two-year full-time "
             "master's.", [_quoting(loan.sources, "annual_limit_usd", "July 1, 2026"),
                           *(x for x in loan.sources if "annual_limit_usd" in x.supports)]),
            (f"Aggregate (lifetime) federal limit from July 1, 2026: at most {total} in all for a graduate "
             "(non-professional) student.", loan.source_for("aggregate_limit_usd")),
            ("Federal loan limits are prorated (reduced) for less than full-time enrollment.",
             _quoting(loan.sources, "notes", "prorate")),
        ]  # fmt: skip
    elif loan.annual_limit_usd is not None:
        facts.append((f"Annual limit: {money(loan.annual_limit_usd, usd)}.", loan.source_for("annual_limit_usd")))
    if loan.closed_to_new_borrowers_from is not None:
        day = _day(loan.closed_to_new_borrowers_from)
        facts += [
            (f"Grad PLUS loans are closed to new borrowers from {day}: a student who first borrows on or after "
             f"{day} (for example, starting a master's in fall 2026 or fall 2027) cannot get a Grad PLUS loan.",
             [_quoting(loan.sources, "closed_to_new_borrowers_from", "begin borrowing"),
              *(x for x in loan.sources if "closed_to_new_borrowers_from" in x.supports)]),
            (f"{LEGACY_EXCEPTION}: a student who borrowed a federal Direct Loan for the same program before {day} and "
             "stays continuously enrolled can keep receiving Grad PLUS loans for up to three more years or until the "
             "program ends, whichever comes first.", _quoting(loan.sources, "notes", "prior to")),
        ]  # fmt: skip
    return _figure_chunk(f"figure:{loan.id}", loan.name, facts)


def _standard_plan_facts(plan: StandardPlan) -> list[_Fact]:
    facts: list[_Fact] = [
        ("Standard repayment plan for federal student loans first disbursed on or after July 1, 2026: the repayment "
         "term is fixed by the total amount borrowed (10, 15, 20 or 25 years).",
         [_quoting(plan.sources, "tiers", "fixed terms"), *(x for x in plan.sources if "applies_to" in x.supports)]),
    ]  # fmt: skip
    lower: float | None = None
    for tier in plan.tiers:
        upper = tier.balance_below_usd
        bounds = (f"less than {money(upper, 'USD')}" if lower is None and upper is not None
                  else f"{money(lower or 0, 'USD')} or more" if upper is None
                  else f"{money(lower or 0, 'USD')} to {money(upper - 1, 'USD')}")  # fmt: skip
        years = f"{tier.years:g} years"
        facts.append((f"Borrowed {bounds} in federal loans: standard repayment term {years} for loans first "
                      "disbursed on or after July 1, 2026.", _quoting(plan.sources, "tiers", bounds, years)))  # fmt: skip
        lower = upper
    facts.append(("New borrowers from July 1, 2026 have two repayment options: the new standard plan or the "
                  "Repayment Assistance Plan (RAP).", _quoting(plan.sources, "applies_to", "two repayment")))
    return facts


def _rap_facts(rap: RepaymentAssistancePlan) -> list[_Fact]:
    return [
        ("The Repayment Assistance Plan (RAP) is the only income-driven repayment plan for federal loans first "
         "disbursed on or after July 1, 2026; it replaces the current income-driven plans.", rap.source_for("applies_to")),
        (f"RAP payment: a share of adjusted gross income (AGI) divided by 12, at least "
         f"{money(rap.min_payment_usd_per_month, 'USD')} a month and at most {rap.max_percent_of_agi:g}% of AGI.",
         rap.source_for("min_payment_usd_per_month")),
        (f"RAP: the share rises {rap.percent_step_per_10000_usd_of_agi:g} point per $10,000 of AGI, capped at "
         f"{rap.max_percent_of_agi:g}% above $100,000.", rap.source_for("percent_step_per_10000_usd_of_agi")),
        (f"RAP: {money(rap.dependent_reduction_usd_per_month, 'USD')} a month less for each dependent.",
         rap.source_for("dependent_reduction_usd_per_month")),
        (f"RAP: any balance left after {rap.forgiveness_after_years:g} years of payments is forgiven.",
         rap.source_for("forgiveness_after_years")),
    ]  # fmt: skip
