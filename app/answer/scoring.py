"""Which retrieved sentences answer a question: cosine scoring, ranking nudges and citing the chosen ones.

Both engines use it: the grounded engine to pick what to say, the chat-model engine to find the sentence of a
passage that backs a claim.
"""

from __future__ import annotations

import re
from collections import Counter
from datetime import date
from pathlib import Path

import numpy as np

from app.answer.citations import Ledger
from app.answer.numbers_flags import read_flags
from app.corpus.chunks import LEGACY_EXCEPTION, Chunk
from app.corpus.load import Corpus
from app.corpus.text import word_stem
from app.corpus.units import Evidence, field_hint, units_for
from app.index.build import load_unit_vectors
from app.retrieval.asked import asked_kind, states

REDUNDANT = 0.88  # cosine above which two sentences say the same thing
MARGIN = 0.15  # keep sentences within this cosine of the best one
RANK_BONUS = 0.08  # a small nudge for chunks that retrieval ranked higher
QUESTION_PENALTY = 0.15
UNNAMED_PROGRAM_PENALTY = 0.14
PER_TOPIC = 1  # lines of one section or one unnamed record in an answer
PER_ASKED_TOPIC = 3  # ... of a section whose own heading the question names ("online"), or a record the person named
HEADING_BONUS = 0.04  # the question names a word of the sentence's heading path
LEAF_HEADING_BONUS = 0.1  # ... of its own (most specific) heading: "Online", "Tuition", "Loan risk"
ASKED_FACT_BONUS = 0.1  # a record's line states the fact the question asks about, as a heading it names would
KIND_BONUS = 0.1  # a sentence states the kind of value a figure question asks for ("two years" for "how long")
_HEADING_STOP = frozenset({"master", "machine", "learning", "degree", "what", "your", "with", "the", "for", "and", "you",
                           "from"})


def _topic_key(u: Evidence) -> tuple[str, ...]:
    """A guide section, a program record, or one loan figure (each figure is a rule of its own)."""
    return (u.chunk.id,) if u.chunk.kind == "figure" else (u.chunk.kind, u.chunk.program_id or "", *u.chunk.section)


def _said_of(u: Evidence) -> str:
    """What a record's line says about its program: the label and value after "School, Program: ", without the
    "(as of …)" / "(source undated)" that every line ends with."""
    return re.sub(r"\s*\((?:as of .*|source undated)\)$", "", u.text.split(": ", 1)[-1])


def _stem(word: str) -> str:
    """The word's stem without a verb ending too: 'requires', 'required', 'require' -> 'requir'; 'GRE' -> 'gre'.
    Crude, but the same on both sides."""
    w = word_stem(word)
    for suffix in ("ing", "ed", "e"):
        if w.endswith(suffix) and len(w) - len(suffix) >= 4:
            return w[: -len(suffix)]
    return w


def _stems(text: str) -> set[str]:
    """Lowercase word stems of 4+ letters, minus the words every heading and question here share: what a heading
    and a question have in common."""
    words = {w.lower().removesuffix("s") for w in re.findall(r"[A-Za-z]{4,}", text)}
    return words - _HEADING_STOP


def _fact_words(text: str) -> set[str]:
    """The words a record's line and a question can share: stems of 4+ letters and acronyms ("GRE"), so that
    "doesn't require the GRE" meets "GRE not required"."""
    return {_stem(w) for w in re.findall(r"[A-Za-z]{4,}|\b[A-Z]{2,}\b", text)} - _HEADING_STOP


class Scorer:
    """Cosine similarity between a question and evidence units, with unit vectors cached across turns."""

    def __init__(
        self, embedder: object, cache_limit: int = 20000, preload: Path | None = None, model: str | None = None
    ) -> None:
        self.embedder = embedder
        self._cache: dict[str, np.ndarray] = {}
        self._limit = cache_limit
        if preload is not None:
            # Vectors embedded by `advisor index`: the first answer need not embed a hundred sentences.
            self._cache = load_unit_vectors(preload, model or getattr(embedder, "model_name", None))

    def vectors(self, texts: list[str]) -> np.ndarray:
        todo = [t for t in dict.fromkeys(texts) if t not in self._cache]
        if todo:
            if len(self._cache) + len(todo) > self._limit:
                self._cache.clear()
            for t, v in zip(todo, self.embedder.embed_documents(todo), strict=True):  # type: ignore[attr-defined]
                self._cache[t] = np.asarray(v, dtype=np.float32)
        return np.stack([self._cache[t] for t in texts]) if texts else np.zeros((0, 1), dtype=np.float32)

    def query(self, text: str) -> np.ndarray:
        return np.asarray(self.embedder.embed_query(text), dtype=np.float32)  # type: ignore[attr-defined]

    def similarities(self, question: str, units: list[Evidence]) -> tuple[np.ndarray, np.ndarray]:
        """(cosine of each unit to the question, the unit vectors); vectors are unit-length already."""
        if not units:
            return np.zeros(0), np.zeros((0, 1))
        vecs = self.vectors([u.match_text for u in units])
        return vecs @ self.query(question), vecs

    def closeness(self, question: str, units: list[Evidence]) -> np.ndarray:
        """Cosine of what each unit says to the question: a record's or a loan figure's line without whose it is
        ("Stanford University, MS in CS: duration …" is close to any question naming Stanford, whatever it asks)."""
        if not units:
            return np.zeros(0)
        return self.vectors([u.text if u.chunk.kind == "guide" else _said_of(u) for u in units]) @ self.query(question)


def cite_evidence(ledger: Ledger, e: Evidence) -> int:
    c = e.chunk
    return ledger.cite(id=c.id, kind=c.kind, title=c.title, quote=e.quote, section=c.section,
                       program_id=c.program_id, url=e.url or (c.urls[0] if c.urls else None), as_of=e.as_of)  # fmt: skip


def cite_quote(ledger: Ledger, corpus: Corpus, quote: str, program_id: str | None, url: str | None,
               as_of: str | None) -> int | None:  # fmt: skip
    """Number a verbatim source quote in the ledger, cited to the chunk that holds it (the program's own record
    first); None when no chunk holds it: such a figure is shown uncited, never cited to the wrong place."""
    chunk = corpus.quote_home(quote, program_id)
    if chunk is None:
        return None
    return ledger.cite(id=chunk.id, kind=chunk.kind, title=chunk.title, quote=quote, section=chunk.section,
                       program_id=chunk.program_id, url=url, as_of=as_of)  # fmt: skip


class EvidenceSelector:
    """Picks the best non-redundant evidence units of retrieved chunks for a question."""

    def __init__(self, scorer: Scorer, corpus: Corpus, max_sentences: int, today: date | None = None) -> None:
        self.scorer, self.corpus, self.max_sentences = scorer, corpus, max_sentences
        # A loan closed to new borrowers by today (Grad PLUS from July 1, 2026) is, like a record nobody named,
        # not what a general question about loans means now: its lines step back unless the question names it.
        self._closed = {f"figure:{loan.id}" for loan in corpus.figures.loans
                        if today and loan.closed_to_new_borrowers_from and loan.closed_to_new_borrowers_from <= today}  # fmt: skip
        # What names one loan figure among the others ("plus", "unsubsidized"): the words of its title no other
        # figure's title has. A question saying them asked about that figure, as naming a program asks about it.
        titles = {c.id: _stems(c.title) for c in corpus.chunks if c.kind == "figure"}
        seen = Counter(w for words in titles.values() for w in words)
        self._figure_names = {cid: {w for w in words if seen[w] == 1} for cid, words in titles.items()}

    def select(self, question: str, hits: list[Chunk], named: list[str] | None = None) -> tuple[float, list[Evidence]]:
        """The support (best cosine) and the best non-redundant sentences, best first."""
        units = units_for(hits, self.corpus)
        if named:  # the user asked about these programs: other records would only pad the answer
            units = [u for u in units if u.chunk.kind != "program" or u.chunk.program_id in named]
        if not units:
            return 0.0, []
        sims, vecs = self.scorer.similarities(question, units)
        asked, asked_facts = _stems(question), _fact_words(question)
        # Support also looks at whole chunks: a question can match a passage better than any one sentence of it.
        whole = self.scorer.vectors([c.embed_text for c in hits]) @ self.scorer.query(question)
        support = max(float(sims.max()), float(whole.max()))
        # "not published" lines matter only when asked about (see below); then they are the answer.
        # Rhetorical questions ("Is it worth it?") echo the user's words but state no fact: rank them last too.
        # A sentence under "Online" is about online study even when it doesn't say so.
        # A question names a heading as much as it says of it: "cost" says a quarter of "Relocation, travel, and/or
        # housing costs" and all of "Tuition".
        heads = [_stems(u.chunk.section[-1]) if u.chunk.section[1:] else set() for u in units]
        said = [len(asked & h) / max(1, len(h)) for h in heads]
        leaf = [share > 0 for share in said]
        # A record's line about the fact asked ("fees", "credits", "GRE"), published or not.
        asks_field = [bool(asked_facts & _fact_words(field_hint(u.field))) for u in units]
        # "How long…?" is answered by a sentence that states a length, however well another one matches its words.
        kind = asked_kind(question)
        of_kind = [bool(kind and states(u.text, kind)) for u in units]
        # "I already took out a Grad PLUS loan for my program": the closure does not apply to them; its exception does.
        legacy = read_flags(question).get("legacy_borrower", (False, ""))[0]
        bonus = [
            RANK_BONUS * (len(hits) - u.rank) / len(hits)
            - (QUESTION_PENALTY if u.text.endswith("?") else 0)
            # Many small program facts would crowd out the guide on general questions; named programs keep them.
            - (UNNAMED_PROGRAM_PENALTY if u.chunk.kind == "program" and u.chunk.program_id not in (named or []) else 0)
            - (UNNAMED_PROGRAM_PENALTY if u.chunk.id in self._closed and not asked & self._figure_names[u.chunk.id] else 0)
            + (max(LEAF_HEADING_BONUS * share, HEADING_BONUS) if named_leaf
               else HEADING_BONUS if asked & _stems(" ".join(u.chunk.section[1:])) else 0)
            # ... is the answer.
            + (ASKED_FACT_BONUS if field else 0)
            + (KIND_BONUS if typed else 0)
            + (ASKED_FACT_BONUS if legacy and u.text.startswith(LEGACY_EXCEPTION) else 0)
            for u, named_leaf, share, field, typed in zip(units, leaf, said, asks_field, of_kind, strict=True)
        ]

        def says_what_was_asked(i: int) -> bool:
            u = units[i]
            # A record's line answers a question that names no program only when it speaks of what was asked
            # ("GRE not required" for "…doesn't require the GRE?"), never "pace full-time" for "can I get in?".
            if not named and u.chunk.kind == "program" and not asked_facts & _fact_words(_said_of(u)):
                return False
            # "fees per year is not published" answers only a question about fees: otherwise it is padding.
            return not u.missing or asks_field[i]

        # Only lines that may be said are ranked: the best of them sets the margin, so a skipped line never leaves
        # an answer with nothing to say.
        ranked = sorted(filter(says_what_was_asked, range(len(units))), key=lambda i: -(sims[i] + bonus[i]))
        if not ranked:
            return support, []
        chosen: list[int] = []
        top = sims[ranked[0]] + bonus[ranked[0]]
        for i in ranked:
            if len(chosen) >= self.max_sentences or sims[i] + bonus[i] < top - MARGIN:
                break
            # Two lines of one record are two facts (the Grad PLUS closure and its legacy exception read alike to
            # the embedding); redundancy is a prose matter: the same point made twice in the guide.
            if any(units[i].quote == units[j].quote or (float(np.dot(vecs[i], vecs[j])) > REDUNDANT
                   and not (units[i].chunk.id == units[j].chunk.id and units[i].chunk.kind != "guide")) for j in chosen):
                continue
            # Points grouped by topic should be different topics: a second line of the same section or record
            # says less than the best line of another. A section the question names ("online") and a record the
            # person named are what they asked about: they keep more lines.
            same = sum(1 for j in chosen if _topic_key(units[j]) == _topic_key(units[i]))
            asked_for = (leaf[i] or bool(named and units[i].chunk.program_id in named)
                         or bool(asked & self._figure_names.get(units[i].chunk.id, set())))  # fmt: skip
            if same >= (PER_ASKED_TOPIC if asked_for else PER_TOPIC):
                continue
            chosen.append(i)
        return support, [units[i] for i in chosen]  # best first: the first one is the direct answer
