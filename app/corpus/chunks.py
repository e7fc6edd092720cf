"""Cut the corpus into retrievable chunks with stable ids: guide sections, one per program, one per loan figure."""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from typing import Any, Literal

from app.corpus.records import (
    NOT_PUBLISHED,
    Figures,
    Program,
)
from app.corpus.text import money, where


# Program fields that carry a figure and so must be backed by a source entry.
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
    chunks = []
    for loan in figures.loans:
        limit = money(loan.annual_limit_usd, "USD") if loan.annual_limit_usd is not None else NOT_PUBLISHED
        lines = [
            f"{loan.name}: interest rate {loan.apr_percent}% for {loan.applies_to}.",
            f"Origination fee: {loan.origination_fee_percent}%. Annual limit: {limit}.",
        ]
        if loan.notes:
            lines.append(loan.notes)
        lines += [f'- {s.url} (as of {s.as_of}): "{s.quote}"' for s in loan.sources]
        chunks.append(
            Chunk(
                id=f"figure:{loan.id}",
                kind="figure",
                text="\n".join(lines),
                title=loan.name,
                urls=tuple(dict.fromkeys(s.url for s in loan.sources)),
            )
        )
    r = figures.repayment
    lines = [
        f"Federal student loan repayment: standard term {r.standard_term_years:g} years; "
        f"grace period {r.grace_period_months:g} months after graduation."
    ] + [f'- {s.url} (as of {s.as_of}): "{s.quote}"' for s in r.sources]
    chunks.append(
        Chunk(
            id="figure:federal-repayment",
            kind="figure",
            text="\n".join(lines),
            title="Federal loan repayment terms",
            urls=tuple(dict.fromkeys(s.url for s in r.sources)),
        )
    )
    return chunks
