"""Load and validate the corpus (guide, programs, figures) and cut it into chunks with stable ids."""

from __future__ import annotations

import hashlib
import json
import os
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

import yaml
from pydantic import ValidationError

from app.errors import CorpusError
from app.records import (
    FIGURE_FIELDS,
    NOT_PUBLISHED,
    Figures,
    FigureSource,
    GuideFigure,
    Loan,
    Program,
    Repayment,
    Source,
    Tuition,
)

GUIDE_FILE = "guide.md"
PROGRAMS_FILE = "programs.yaml"
FIGURES_FILE = "figures.yaml"


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
        head = " > ".join(self.section[1:]) if self.kind == "guide" else self.title
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


@dataclass
class Corpus:
    guide_text: str
    programs: list[Program]
    figures: Figures
    chunks: list[Chunk] = field(default_factory=list)
    _by_id: tuple[dict[str, Chunk], dict[str, Program]] | None = field(default=None, repr=False)

    def program(self, program_id: str) -> Program:
        return self._index()[1][program_id]

    def chunk(self, chunk_id: str) -> Chunk | None:
        return self._index()[0].get(chunk_id)

    def _index(self) -> tuple[dict[str, Chunk], dict[str, Program]]:
        # Built on first use: lookups by id stay O(1) with ten thousand programs.
        if self._by_id is None or len(self._by_id[0]) != len(self.chunks):
            self._by_id = ({c.id: c for c in self.chunks}, {p.id: p for p in self.programs})
        return self._by_id

    @property
    def program_ids(self) -> list[str]:
        return [p.id for p in self.programs]

    def verbatim_texts(self) -> list[str]:
        """Every text a citation quote may come from."""
        return [c.text for c in self.chunks] + [self.guide_text]


def _read_text(path: Path) -> str:
    try:
        return path.read_text(encoding="utf-8")
    except FileNotFoundError as e:
        raise CorpusError(f"{path}: file not found") from e
    except UnicodeDecodeError as e:
        raise CorpusError(f"{path}: not valid UTF-8 ({e.reason} at byte {e.start})") from e


def _read_yaml(path: Path, cache_dir: Path | None = None) -> Any:
    """Parse a YAML file; with `cache_dir`, reuse a JSON copy keyed by the file's content hash.

    PyYAML builds Python objects slowly even with libyaml (~15 s for 10,000 program records); JSON loads the same
    data in a fraction of that, so every CLI call after the first pays only for reading and hashing the file.
    """
    text = _read_text(path)
    cached = None
    if cache_dir is not None:
        cached = cache_dir / f"{path.name}.{hashlib.sha256(text.encode()).hexdigest()[:24]}.json"
        try:
            return json.loads(cached.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            pass
    try:
        data = yaml.load(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
    except yaml.YAMLError as e:
        raise CorpusError(f"{path}: malformed YAML: {e}".replace("\n", " ")) from e
    if cached is not None:
        _write_cache(cached, data)
    return data


def _write_cache(path: Path, data: Any) -> None:
    """Atomically write a parse cache and drop older ones of the same file; a failure only costs speed."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_suffix(f".{os.getpid()}.tmp")
        tmp.write_text(json.dumps(data, default=str), encoding="utf-8")
        os.replace(tmp, path)
        source = path.name.rsplit(".", 2)[0]  # 'programs.yaml'
        for old in path.parent.glob(f"{source}.*.json"):
            if old != path:
                old.unlink(missing_ok=True)
    except OSError:
        pass


def _format_errors(file: str, record: str, err: ValidationError) -> list[str]:
    return [
        f"{file}: record '{record}': field '{'.'.join(str(p) for p in e['loc']) or '(record)'}': {e['msg']}"
        for e in err.errors()
    ]


def validate_programs(raw: Any, file: str = PROGRAMS_FILE) -> list[Program]:
    """Validate every record and raise one CorpusError listing every problem."""
    if not isinstance(raw, list):
        raise CorpusError(f"{file}: expected a list of program records")
    problems: list[str] = []
    programs: list[Program] = []
    seen: set[str] = set()
    for i, rec in enumerate(raw):
        rid = rec.get("id", f"#{i + 1}") if isinstance(rec, dict) else f"#{i + 1}"
        try:
            prog = Program.model_validate(rec)
        except ValidationError as e:
            problems += _format_errors(file, str(rid), e)
            continue
        if prog.id in seen:
            problems.append(f"{file}: record '{prog.id}': field 'id': duplicate id")
        seen.add(prog.id)
        for path in FIGURE_FIELDS:
            if prog.value(path) is not None and not prog.sources_for(path):
                problems.append(f"{file}: record '{prog.id}': field '{path}': has a value but no source supports it")
        programs.append(prog)
    if problems:
        raise CorpusError(f"{len(problems)} problem(s) in the corpus:\n" + "\n".join(problems))
    return programs


def validate_figures(raw: Any, file: str = FIGURES_FILE) -> Figures:
    """Validate the figures; a loan, repayment or law figure no source supports is an error, as for programs."""
    try:
        figures = Figures.model_validate(raw)
    except ValidationError as e:
        raise CorpusError("problems in the corpus:\n" + "\n".join(_format_errors(file, "figures", e))) from e
    problems = [f"{file}: field '{path}': has a value but no source supports it" for path in figures.unsupported()]
    if problems:
        raise CorpusError(f"{len(problems)} problem(s) in the corpus:\n" + "\n".join(problems))
    return figures


# --- chunking -------------------------------------------------------------------------------

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


_SYMBOLS = {"USD": "$", "GBP": "£", "EUR": "€"}  # other currencies keep their code: '$' alone would read as USD


def money(amount: float, currency: str | None) -> str:
    """'$6,750', '£35,900', 'CAD 60,000'; a bare number when the currency is not stated."""
    text = f"{amount:,.2f}".removesuffix(".00")
    if currency in _SYMBOLS:
        return _SYMBOLS[currency] + text
    return f"{currency} {text}" if currency else text


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


def chunk_programs(programs: list[Program]) -> list[Chunk]:
    return [
        Chunk(
            id=f"program:{p.id}",
            kind="program",
            text=render_program(p),
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


def load_corpus(corpus_dir: Path, chunk_chars: int = 700, cache_dir: Path | None = None) -> Corpus:
    """Read, validate and chunk the three corpus files; raise CorpusError naming the file on any problem.

    `cache_dir` keeps parsed copies of the YAML files (see `_read_yaml`); validation always runs.
    """
    corpus_dir = Path(corpus_dir)
    guide = _read_text(corpus_dir / GUIDE_FILE)
    if not _HEADING.search(guide):
        raise CorpusError(f"{corpus_dir / GUIDE_FILE}: no markdown headings found")
    programs_file, figures_file = corpus_dir / PROGRAMS_FILE, corpus_dir / FIGURES_FILE
    programs = validate_programs(_read_yaml(programs_file, cache_dir), str(programs_file))
    figures = validate_figures(_read_yaml(figures_file, cache_dir), str(figures_file))
    corpus = Corpus(guide_text=guide, programs=programs, figures=figures)
    corpus.chunks = chunk_guide(guide, chunk_chars) + chunk_programs(programs) + chunk_figures(figures)
    return corpus


def corpus_for(settings: Any) -> Corpus:
    """The corpus as configured, with its parse cache kept beside the index."""
    return load_corpus(settings.corpus_dir, settings.chunk_chars, cache_dir=settings.index_dir / "cache")


# The record models are part of this module's interface: callers load a corpus and use its records.
__all__ = [
    "NOT_PUBLISHED", "Chunk", "Corpus", "FigureSource", "Figures", "GuideFigure", "Loan", "Program", "Repayment",
    "Source", "Tuition", "chunk_figures", "chunk_guide", "chunk_programs", "corpus_for", "load_corpus", "money",
    "render_program", "stable_id", "validate_figures", "validate_programs",
]  # fmt: skip
