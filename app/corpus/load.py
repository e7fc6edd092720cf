"""Load and validate the corpus (guide, programs, figures) and cut it into chunks with stable ids."""

from __future__ import annotations

import hashlib
import json
import os
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from pydantic import ValidationError

from app.corpus.chunks import _HEADING, Chunk, chunk_figures, chunk_guide, chunk_programs, render_program
from app.corpus.records import (
    FIGURE_FIELDS,
    Figures,
    Program,
)
from app.corpus.text import sentences
from app.errors import CorpusError

GUIDE_FILE = "guide.md"
PROGRAMS_FILE = "programs.yaml"
FIGURES_FILE = "figures.yaml"


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

    def guide_sentence(self, needle: str, section: str | None = None) -> str:
        """The verbatim guide sentence containing `needle`, preferring the one under heading `section`."""
        body = self.guide_text
        if section:
            m = re.search(rf"^#+\s+{re.escape(section)}\s*$(.*?)(?=^#|\Z)", self.guide_text, re.M | re.S)
            body = m.group(1) if m and needle in m.group(1) else self.guide_text
        found = next((s for s in sentences(body) if needle in s), None)
        if found is None:
            raise CorpusError(f"guide.md: {needle!r} not found (figures.yaml cites the guide for it)")
        return found.removeprefix("- ")

    def verbatim_texts(self) -> list[str]:
        """Every text a citation quote may come from: chunks, the guide, and each program's full record."""
        return [c.text for c in self.chunks] + [self.guide_text] + [render_program(p) for p in self.programs]

    def quote_home(self, quote: str, program_id: str | None = None) -> Chunk | None:
        """The chunk a verbatim quote is cited to: the program's own record first, then the guide and figures."""
        if program_id is not None and (own := self.chunk(f"program:{program_id}")) is not None:
            program = self.program(program_id)
            if quote in own.text or any(quote == s.quote for s in program.sources):
                return own
        # Guide and figure chunks are few; scanning every program record would grow with the program list.
        fixed = (c for c in self.chunks if c.kind != "program" and quote in c.text)
        return next(fixed, None) or next((c for c in self.chunks if quote in c.text), None)


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
