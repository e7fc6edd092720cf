"""The object graph: only the CLI and the UI build it, through `build_advisor(settings)`."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from app.corpus import Corpus, corpus_for
from app.embeddings import OnnxEmbeddings
from app.index import ensure_index, load_embedder, make_client, open_collection
from app.programs import ProgramMatcher
from app.retrieval import HybridRetriever
from app.settings import Settings

if TYPE_CHECKING:
    from langchain_core.language_models import BaseChatModel

    from app.answer import AnswerEngine


@dataclass
class Advisor:
    settings: Settings
    corpus: Corpus
    matcher: ProgramMatcher
    embedder: OnnxEmbeddings
    retriever: HybridRetriever
    chat_model: BaseChatModel | None = None
    _engine: Any = field(default=None, repr=False)

    @property
    def engine(self) -> AnswerEngine:
        """The answer engine: the chat model's when one is configured, else the grounded one."""
        if self._engine is None:
            from app.answer import build_engine

            self._engine = build_engine(self)
        return self._engine


def build_advisor(settings: Settings, *, chat_model: BaseChatModel | None = None, log: Any = None) -> Advisor:
    """Open (building on first use) the index and wire retrieval and the engine."""
    corpus = corpus_for(settings)
    ensure_index(settings, log=log)
    embedder = load_embedder(settings, log)
    collection, _ = open_collection(make_client(settings), settings)
    matcher = ProgramMatcher(corpus.programs)
    retriever = HybridRetriever(
        collection=collection, embedder=embedder, matcher=matcher, k=settings.k, rrf_k=settings.rrf_k
    )
    return Advisor(settings, corpus, matcher, embedder, retriever, chat_model)
