"""Questions answered before: labelled questions as one more ranked list for retrieval.

A person's question and the passage that answers it often share few words and only middling similarity: "should I
quit my job to do this full time?" is answered under "Lost potential income". A labelled question close to the new
one says where the answer was: each passage is ranked by the closest labelled question it answers (plus some of its
own similarity, which orders the passages of one section), and the list enters the fusion beside BM25 and dense.

The labelled questions are the evaluation's tune half (`scripts/fit.py` writes `models/precedents.json`;
the test half never enters it). Evaluating and fitting hold out every labelled question from the page a question
was asked on (`Precedents.without`), so no figure is read with a question's own label, or its thread's, in the list.

Pure: numpy and the chunk type only; the retriever passes its chunks and vectors in.
"""

from __future__ import annotations

import json
import os
import tempfile
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from app.corpus.chunks import Chunk
from app.errors import AdvisorError

# The figure chunks are the federal loan rules (figures.yaml) and have no heading of their own; both annotators
# labelled a question they answer with the guide's loan section, "Interest". So a figure counts where "Interest" is
# expected. (Salary and tuition figures are cited through the guide, not as figure chunks.)
FIGURES_SECTION = "Interest"
# How much of a passage's own similarity orders the list, beside its closest labelled question (0.1, 0.5 and 1.0
# were tried with lists of 5, 10 and 20 on the tune half, pages held out; all helped, this pair most).
OWN_SIMILARITY = 0.5
LENGTH = 20
# A labelled question counts only this close to the new one: a loose neighbour ("Is AI the best field?" for "Which
# online program is good for AI strategy?") put its passages on the list at full rank and pushed the answer out.
# Tried on the tune half, pages held out: floors 0.4 to 0.7; 0.55 kept recall@5 and within-1000 and lifted MRR,
# and gave the team's dev questions back the two it had cost them.
MIN_SIMILARITY = 0.55


class PrecedentsError(AdvisorError):
    """The precedents file is missing or malformed."""


def answers(section: Sequence[str], kind: str, program_id: str | None, sections: Sequence[str],
            programs: Sequence[str]) -> bool:  # fmt: skip
    """Whether a passage (or a citation) with this heading path, kind and program is one a labelled question with
    these expected sections and programs is answered by: the one rule, for retrieval and for the evaluation."""
    if kind == "figure" and FIGURES_SECTION in sections:
        return True
    return bool(set(section) & set(sections)) or (program_id is not None and program_id in programs)


@dataclass(frozen=True)
class Precedent:
    question: str
    page: str  # where it was asked: the unit held out together
    sections: tuple[str, ...]
    programs: tuple[str, ...]


@dataclass(frozen=True)
class Precedents:
    entries: tuple[Precedent, ...]
    vectors: np.ndarray  # one unit-length embedding per entry
    built_from: str = ""

    def kept(self, page: str) -> np.ndarray:
        """Which entries were not asked on `page` (a mask, for anything kept row by row beside the entries)."""
        return np.array([e.page != page for e in self.entries], dtype=bool)

    def without(self, page: str) -> Precedents:
        """These precedents without any question asked on `page`."""
        keep = self.kept(page)
        return Precedents(tuple(e for e, k in zip(self.entries, keep, strict=True) if k), self.vectors[keep],
                          self.built_from)  # fmt: skip

    def answered(self, chunks: Sequence[Chunk]) -> np.ndarray:
        """(entries x chunks): which passages answer which labelled question."""
        return np.array([[answers(c.section, c.kind, c.program_id, e.sections, e.programs) for c in chunks]
                         for e in self.entries], dtype=bool).reshape(len(self.entries), len(chunks))  # fmt: skip

    def ranking(self, query: np.ndarray, answered: np.ndarray, chunk_vectors: np.ndarray, n: int = LENGTH,
                allowed: np.ndarray | None = None) -> list[int]:  # fmt: skip
        """Indexes of the passages best answering the labelled questions closest to `query`, best first: only
        passages a labelled question close enough is answered by, and (with `allowed`) only those the search may
        return."""
        if not len(self.entries):
            return []
        near = self.vectors @ query  # cosine: all vectors are unit length
        closest = np.where(answered & (near[:, None] >= MIN_SIMILARITY), near[:, None], -np.inf).max(axis=0)
        score = closest + OWN_SIMILARITY * (chunk_vectors @ query)
        if allowed is not None:
            score = np.where(allowed, score, -np.inf)
        order = np.argsort(-score, kind="stable")[:n]
        return [int(i) for i in order if np.isfinite(score[i])]


def load_precedents(path: Path) -> Precedents:
    """The file `save_precedents` wrote; a clear error when it is missing or malformed."""
    try:
        raw = json.loads(path.read_text(encoding="utf-8"))
        entries = tuple(Precedent(e["question"], e["page"], tuple(e["sections"]), tuple(e["programs"]))
                        for e in raw["entries"])  # fmt: skip
        vectors = np.array([e["vector"] for e in raw["entries"]], dtype=np.float32).reshape(len(entries), -1)
        return Precedents(entries, vectors, str(raw.get("built_from", "")))
    except (OSError, ValueError, TypeError, KeyError) as e:
        raise PrecedentsError(f"precedents {path}: {e} (rebuild it with scripts/fit.py)") from e


def save_precedents(p: Precedents, path: Path) -> None:
    """Write atomically: a crash never leaves half a file behind. Vectors are rounded to 5 decimals (a cosine moves
    by less than 1e-4), which keeps the file small and byte-for-byte reproducible."""
    path.parent.mkdir(parents=True, exist_ok=True)
    raw = {"built_from": p.built_from, "entries": [
        {"question": e.question, "page": e.page, "sections": list(e.sections), "programs": list(e.programs),
         "vector": [round(float(v), 5) for v in vec]} for e, vec in zip(p.entries, p.vectors, strict=True)]}  # fmt: skip
    fd, tmp = tempfile.mkstemp(prefix=".precedents-", dir=path.parent)
    with os.fdopen(fd, "w", encoding="utf-8") as f:
        json.dump(raw, f, ensure_ascii=False, separators=(",", ":"))
        f.write("\n")
    os.chmod(tmp, 0o644)  # a data file the team reads, not a secret (mkstemp makes it private)
    os.replace(tmp, path)
