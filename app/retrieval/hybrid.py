"""Hybrid retrieval: BM25 + dense (Chroma) + program-name mentions + passages that answered the closest labelled
questions (precedents.py) (+ passages stating the kind of value a figure question asks for), fused by reciprocal
rank fusion."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any, Literal

import numpy as np
from langchain_core.callbacks import CallbackManagerForRetrieverRun
from langchain_core.documents import Document
from langchain_core.embeddings import Embeddings
from langchain_core.retrievers import BaseRetriever
from pydantic import ConfigDict, PrivateAttr
from rank_bm25 import BM25Okapi

from app.corpus.chunks import Chunk, Role
from app.retrieval.asked import asked_kind, states
from app.retrieval.names import ProgramMatcher, tokens
from app.retrieval.precedents import Precedents

Mode = Literal["hybrid", "dense"]


def chunk_from_record(cid: str, text: str, meta: dict[str, Any]) -> Chunk:
    """Rebuild a Chunk from what Chroma stores."""
    return Chunk(
        id=cid,
        kind=meta["kind"],
        text=text,
        title=meta["title"],
        section=tuple(s for s in meta.get("section", "").split("\n") if s),
        program_id=meta.get("program_id") or None,
        start=meta.get("start"),
        end=meta.get("end"),
        urls=tuple(u for u in meta.get("urls", "").split("\n") if u),
    )


def to_document(chunk: Chunk, score: float) -> Document:
    """A LangChain Document that carries the chunk id, its fused score and all its metadata."""
    return Document(
        id=chunk.id,
        page_content=chunk.text,
        metadata={
            "id": chunk.id,
            "kind": chunk.kind,
            "section": list(chunk.section),
            "program_id": chunk.program_id,
            "title": chunk.title,
            "urls": list(chunk.urls),
            "start": chunk.start,
            "end": chunk.end,
            "score": score,
        },
    )


def rrf(rankings: list[list[str]], k: int = 60) -> dict[str, float]:
    """Reciprocal rank fusion: sum of 1/(k + rank) over every list an id appears in (rank from 1)."""
    fused: dict[str, float] = {}
    for ranking in rankings:
        for rank, cid in enumerate(ranking, start=1):
            fused[cid] = fused.get(cid, 0.0) + 1.0 / (k + rank)
    return fused


def _cap_roles(
    ranked: list[tuple[str, float]], chunks: dict[str, Chunk], slots: dict[Role, int]
) -> list[tuple[str, float]]:
    """The ranking with chunks of a capped role past its first `slots[role]` moved to the end (kept, not dropped)."""
    kept, later, seen = [], [], dict.fromkeys(slots, 0)
    for cid, score in ranked:
        role = chunks[cid].role
        if role in slots:
            seen[role] += 1
            if seen[role] > slots[role]:
                later.append((cid, score))
                continue
        kept.append((cid, score))
    return kept + later


@dataclass
class Hit:
    chunk: Chunk
    score: float


class HybridRetriever(BaseRetriever):
    """BM25 + dense + program mentions over the live Chroma collection.

    Filters: `kind` ('guide' | 'program' | 'figure') and `program_id`, on every ranked list.
    """

    model_config = ConfigDict(arbitrary_types_allowed=True)

    collection: Any
    embedder: Embeddings
    matcher: ProgramMatcher | None = None
    k: int = 5
    rrf_k: int = 60
    candidates: int = 20
    # A question asking for a kind of value ("how long…?") also ranks, among this many dense candidates, the passages
    # that state a value of that kind: "how long does a master's take?" shares its words with every passage about a
    # master's, and only one of them says "around two years".
    kind_candidates: int = 50
    # A question that names no program gets at most this many program records: dozens of records share
    # words such as "data" or "online" with every general question and would otherwise push the guide's answer out.
    unnamed_program_slots: int = 1
    # ... and at most this many summaries: they restate the sections, which say it with their context and heading.
    summary_slots: int = 1
    # Labelled questions (precedents.py): a question close to one of them is ranked toward the passages that
    # answered it. None: retrieval without them.
    precedents: Precedents | None = None
    mode: Mode = "hybrid"
    kind: str | None = None
    program_id: str | None = None

    _chunks: dict[str, Chunk] = PrivateAttr(default_factory=dict)
    _order: list[str] = PrivateAttr(default_factory=list)
    _bm25: Any = PrivateAttr(default=None)
    _vectors: Any = PrivateAttr(default=None)  # the chunks' embeddings, in `_order`
    _answered: Any = PrivateAttr(default=None)  # which chunk answers which precedent

    def model_post_init(self, context: Any) -> None:
        include = ["documents", "metadatas", *(["embeddings"] if self.precedents is not None else [])]
        got = self.collection.get(include=include)
        for cid, text, meta in zip(got["ids"], got["documents"], got["metadatas"], strict=True):
            self._chunks[cid] = chunk_from_record(cid, text, meta)
        self._order = sorted(self._chunks)
        self._bm25 = (
            BM25Okapi([tokens(self._chunks[c].embed_text) or ["_"] for c in self._order]) if self._order else None
        )
        if self.precedents is not None:
            at = {cid: i for i, cid in enumerate(got["ids"])}
            self._vectors = np.array([got["embeddings"][at[c]] for c in self._order], dtype=np.float32)
            self._answered = self.precedents.answered([self._chunks[c] for c in self._order])

    @contextmanager
    def holding_out(self, page: str) -> Iterator[None]:
        """Retrieve as if no labelled question from `page` had been seen: how the evaluation and fitting read a
        question, so that neither its own label nor its thread's is in the list."""
        full, answered = self.precedents, self._answered
        if full is None:
            yield
            return
        self.precedents, self._answered = full.without(page), answered[full.kept(page)]
        try:
            yield
        finally:
            self.precedents, self._answered = full, answered

    def _precedented(self, query: np.ndarray, kind: str | None, program_id: str | None) -> list[str]:
        if self.precedents is None or not self._order:
            return []
        allowed = None
        if kind or program_id:
            allowed = np.array([self._allowed(self._chunks[c], kind, program_id) for c in self._order])
        return [self._order[i] for i in self.precedents.ranking(query, self._answered, self._vectors, allowed=allowed)]

    @property
    def chunks(self) -> dict[str, Chunk]:
        return self._chunks

    def _allowed(self, chunk: Chunk, kind: str | None, program_id: str | None) -> bool:
        return (kind is None or chunk.kind == kind) and (program_id is None or chunk.program_id == program_id)

    def _dense(self, vector: list[float], n: int, where: dict[str, Any] | None) -> list[str]:
        if not self._order:
            return []
        res = self.collection.query(query_embeddings=[vector], n_results=min(n, len(self._order)), where=where)
        return list(res["ids"][0])

    def _sparse(self, query: str, n: int, kind: str | None, program_id: str | None) -> list[str]:
        q = tokens(query)
        if not q or self._bm25 is None:
            return []
        scores = self._bm25.get_scores(q)
        if kind is None and program_id is None and len(scores) > n:
            # Unfiltered: only the top n can make the list, so skip sorting the whole corpus.
            top = np.argpartition(-scores, n)[:n]
            ranked = top[np.argsort(-scores[top], kind="stable")]
        else:
            ranked = np.argsort(-scores, kind="stable")
        out: list[str] = []
        for i in ranked:
            if scores[i] <= 0 or len(out) >= n:
                break
            if self._allowed(self._chunks[self._order[i]], kind, program_id):
                out.append(self._order[i])
        return out

    def _mentioned(self, named: list[str], kind: str | None, program_id: str | None) -> list[str]:
        ids = [f"program:{pid}" for pid in named]
        return [c for c in ids if c in self._chunks and self._allowed(self._chunks[c], kind, program_id)]

    def search(
        self,
        query: str,
        k: int | None = None,
        kind: str | None = None,
        program_id: str | None = None,
        mode: Mode | None = None,
    ) -> list[Hit]:
        """Top-k chunks for a query, best first, with their fused score."""
        k = k or self.k
        kind = kind or self.kind
        program_id = program_id or self.program_id
        mode = mode or self.mode
        if not query.strip():
            return []
        clauses = [{"kind": kind}] if kind else []
        clauses += [{"program_id": program_id}] if program_id else []
        where = clauses[0] if len(clauses) == 1 else ({"$and": clauses} if clauses else None)
        n = max(self.candidates, k)
        value = asked_kind(query) if mode == "hybrid" else None
        # One dense query: its first n are the dense list, and a figure question reads further for its kind list.
        vector = self.embedder.embed_query(query)
        wide = self._dense(vector, max(self.kind_candidates, n) if value else n, where)
        dense = wide[:n]
        if mode == "dense":
            return [Hit(self._chunks[c], 1.0 / (self.rrf_k + r)) for r, c in enumerate(dense[:k], start=1)]
        named = self.matcher.mentions(query) if self.matcher is not None else []  # once: it is per question
        rankings = [dense, self._sparse(query, n, kind, program_id), self._mentioned(named, kind, program_id),
                    self._precedented(np.asarray(vector, dtype=np.float32), kind, program_id)]
        if value:
            rankings.append([c for c in wide if states(self._chunks[c].text, value)][:n])
        fused = rrf(rankings, self.rrf_k)
        ranked = sorted(fused.items(), key=lambda x: (-x[1], x[0]))
        if kind is None and program_id is None and self.matcher is not None and not named:
            ranked = _cap_roles(ranked, self._chunks, {"listing": self.unnamed_program_slots,
                                                       "summary": self.summary_slots, "promotion": 0})
        return [Hit(self._chunks[c], s) for c, s in ranked[:k]]

    def _get_relevant_documents(
        self, query: str, *, run_manager: CallbackManagerForRetrieverRun, **kwargs: Any
    ) -> list[Document]:
        hits = self.search(query, k=kwargs.get("k"), kind=kwargs.get("kind"), program_id=kwargs.get("program_id"))
        return [to_document(h.chunk, h.score) for h in hits]
