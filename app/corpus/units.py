"""Evidence units: the citable pieces of a chunk (a guide sentence, a program figure, a loan figure).

Every unit carries the verbatim quote that backs it, so a citation can always show its exact source text.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from app.corpus.chunks import Chunk, render_program
from app.corpus.dates import figure_dated, is_undated
from app.corpus.load import Corpus
from app.corpus.records import NOT_PUBLISHED, Program, Source
from app.corpus.text import money, sentences, where


@dataclass(frozen=True)
class Evidence:
    """One citable claim: `text` is shown to the user, `quote` is verbatim text of `chunk`."""

    text: str
    quote: str
    chunk: Chunk
    rank: int  # the chunk's retrieval rank, 0 = best
    url: str | None = None
    as_of: str | None = None
    match_text: str = ""  # what is compared with the question
    missing: bool = False  # a "not published" line
    field: str = ""  # a record line's field ("tuition", "fees per year", "GRE"); "" for a guide or loan sentence




# Meta-text talks about the article or the reader's next click, not about the decision: never cited as a fact.
_META = re.compile(
    r"^(?:before we (?:get started|begin)|in this (?:article|guide|post)|let[’']s\b|we[’']ll\b|we also have\b|"
    r"you can (?:find|learn more|read more)|(?:see|check out|read) our\b|as you decide\b|congratulations\b)"
    r"|\b(?:through|in|over in) our (?:guide|clarifier|article)s?\b",
    re.I,
)
MIN_FACT_WORDS = 6  # shorter sentences without a figure ("Higher education is expensive.") state no usable fact


def filler_reason(sentence: str) -> str | None:
    """Why a guide sentence is not citable as a fact (a question, a lead-in, meta-text, too short), or None."""
    s = sentence.strip()
    if s.endswith("?"):
        return "a question"
    if s.endswith(":") or s.endswith(":."):
        return "a lead-in"
    if _META.search(s):
        return "meta-text"
    if len(s.split()) < MIN_FACT_WORDS and not re.search(r"\d", s):
        return "too short to state a fact"
    return None


def guide_units(chunk: Chunk, rank: int) -> list[Evidence]:
    """Sentences and list items of a guide chunk, verbatim."""
    units = []
    for sentence in sentences(chunk.text):
        s = sentence.removeprefix("- ").strip()
        if filler_reason(s) is not None:
            continue
        context = where(chunk.kind, chunk.section, chunk.title)
        units.append(Evidence(s, s, chunk, rank, "guide", None, f"{context}: {s}"))
    return units


# How people ask about each field: matched against questions, never shown. "How long is it?" should meet the
# duration line, not a prerequisite sentence that happens to repeat the program's name.
FIELD_HINTS = {
    "tuition": "tuition: how much it costs or charges, price",
    "duration": "duration: how long it takes, length in months or years",
    "credits": "credits: credit hours or units required",
    "modality": "modality: online, hybrid or in-person format",
    "pace": "pace: full-time or part-time study",
    "GRE": "GRE: admission test requirement",
    "fees per year": "fees per year: extra fees",
    "prerequisites": "prerequisites: admission requirements",
}


def field_hint(label: str) -> str:
    """A record field with the words people ask about it by ("how much it costs" for tuition); "" stays ""."""
    return FIELD_HINTS.get(label, label)


def _figure_line(p: Program, path: str, label: str, value: str | None, chunk: Chunk, rank: int, record: str) -> Evidence:
    # `record` is the full rendered record: a value with no source entry is cited to its line there, verbatim.
    who = f"{p.school}, {p.name}"
    # People ask by acronym ("OMSCS", "CMU MSML"): the aliases join what is matched, not what is shown.
    known_as = f"{who} ({'; '.join(p.aliases[:2])})" if p.aliases else who
    if value is None:
        quote = f"{label.capitalize()}: {NOT_PUBLISHED}"
        if quote not in record:
            quote = record.splitlines()[0]
        return Evidence(f"{who}: {label} is not published in our sources", quote, chunk, rank, None, None,
                        f"{known_as} {field_hint(label)}", missing=True, field=label)  # fmt: skip
    sources = p.sources_for(path)  # the exact field's source first
    src: Source | None = sources[0] if sources else None
    if src is None:  # values such as modality may come without a source entry; cite the rendered record
        line = next((ln for ln in record.splitlines() if value in ln), record.splitlines()[0])
        return Evidence(f"{who}: {label} {value}", line, chunk, rank, None, None, f"{known_as} {field_hint(label)} {value}",
                        field=label)  # fmt: skip
    dated = " (source undated)" if is_undated(src.as_of) else f" ({figure_dated(src.url, src.as_of)})"
    return Evidence(
        f"{who}: {label} {value}{dated}",
        src.quote,
        chunk,
        rank,
        src.url,
        src.as_of,
        f"{known_as} {field_hint(label)} {value}",
        field=label,
    )


_FEE_TIER = re.compile(r"\b(?:international|home|domestic|overseas|UK fee|EU|in-state|out-of-state|residents?|"
                       r"non-residents?)\b", re.I)


def _first_clause(text: str) -> str:
    """Up to the first ';' outside brackets: "international fee (UK fee £11,300; EU £…); 1 year" → its first part."""
    depth = 0
    for i, ch in enumerate(text):
        depth += (ch == "(") - (ch == ")")
        if ch == ";" and depth == 0:
            return text[:i].strip()
    return text.strip()


def program_units(p: Program, chunk: Chunk, rank: int) -> list[Evidence]:
    """The figures of a program record, each with the source that supports it."""
    t, record = p.tuition, render_program(p)
    units = []
    tuition_paths = [(t.per_credit, "tuition.per_credit", "per credit"), (t.per_year, "tuition.per_year", "per year"),
                     (t.per_term, "tuition.per_term", "per term"), (t.total, "tuition.total", "in total")]  # fmt: skip
    published = [(v, path, label) for v, path, label in tuition_paths if v is not None]
    # "£30,900 per year" is the international fee when the basis says so: who pays it travels with the figure.
    basis = _first_clause(t.basis or "")
    tier = f" ({basis})" if _FEE_TIER.search(basis) else ""
    for v, path, label in published:
        units.append(_figure_line(p, path, "tuition", f"{money(v, t.currency, say_unstated=True)} {label}{tier}", chunk,
                                  rank, record))  # fmt: skip
    if not published:
        units.append(_figure_line(p, "tuition", "tuition", None, chunk, rank, record))
    credits = None if p.credits is None else f"{p.credits:g} {p.credit_unit or 'credits'}"
    for path, label, value in (
        ("duration", "duration", p.duration),
        ("credits", "credits", credits),
        ("modality", "modality", p.modality),
        ("pace", "pace", ", ".join(p.pace) if p.pace else None),
        ("gre", "GRE", p.gre),
        ("fees_per_year", "fees per year", None if p.fees_per_year is None else money(p.fees_per_year, t.currency, say_unstated=True)),
        ("prerequisites", "prerequisites", p.prerequisites),
    ):
        units.append(_figure_line(p, path, label, value, chunk, rank, record))
    for h in p.highlights:
        units.append(_figure_line(p, "highlights", "highlight:", h, chunk, rank, record))
    return units


_SOURCE_LINE = re.compile(r'- (\S+) \(as of (.+?)\): "(.*)"$')


def figure_units(chunk: Chunk, rank: int) -> list[Evidence]:
    """A figures record: each statement line, cited to the first source line that follows it (its own source;
    chunks.chunk_figures writes each fact followed by the quote lines that support it)."""
    lines = chunk.text.splitlines()
    units = []
    for i, fact in enumerate(lines):
        if fact.startswith("- "):
            continue
        src = next((ln for ln in lines[i + 1 :] if ln.startswith("- ")), None)
        m = _SOURCE_LINE.match(src) if src else None
        url, as_of, quote = (m.group(1), m.group(2), m.group(3)) if m else (None, None, fact)
        units.append(Evidence(fact, quote, chunk, rank, url, as_of, f"{chunk.title}: {fact}"))
    return units


def all_match_texts(corpus: Corpus) -> list[str]:
    """Texts answer scoring compares with questions, to embed once at index time.

    The guide and loan figures are few and fixed; program units (a dozen short lines per record) are left to the
    in-memory cache, so index time stays proportional to the number of chunks as the program list grows.
    """
    fixed = [c for c in corpus.chunks if c.kind != "program"]
    return list(dict.fromkeys([*(u.match_text for u in units_for(fixed, corpus)), *(c.embed_text for c in fixed)]))


def guide_headings(corpus: Corpus) -> list[str]:
    """Every heading of the guide, once: what the answerability model compares a question with (embedded at index
    time with the match texts, so a start embeds none of them)."""
    return list(dict.fromkeys(h for c in corpus.chunks if c.kind == "guide" for h in c.section[1:]))


def units_for(hits: Sequence[Chunk], corpus: Corpus) -> list[Evidence]:
    """All evidence units of the retrieved chunks, in retrieval order."""
    units: list[Evidence] = []
    for rank, chunk in enumerate(hits):
        if chunk.role == "promotion":
            continue  # an advert, not advice: the program records hold the sourced facts
        if chunk.kind == "guide":
            units += guide_units(chunk, rank)
        elif chunk.kind == "program" and chunk.program_id:
            units += program_units(corpus.program(chunk.program_id), chunk, rank)
        else:
            units += figure_units(chunk, rank)
    return units




def checklist_units(corpus: Corpus) -> list[Evidence]:
    """The guide's own 'questions to ask yourself': the questions under the heading whose lead-in asks for them.

    Questions are never cited as facts; this list is shown only when a person asks which questions to ask.
    """
    guide = [c for c in corpus.chunks if c.kind == "guide"]
    heads = {c.section[:2] for c in guide if any(filler_reason(s) == "a lead-in" and "ask yourself" in s.lower()
                                                  for s in sentences(c.text))}  # fmt: skip
    return [Evidence(s, s, c, 0, "guide", None, s) for c in guide if c.section[:2] in heads
            for s in sentences(c.text) if s.endswith("?")]  # fmt: skip
