"""The composition root: the only place that builds the object graph (`build_advisor`).

The CLI and the web app call it; everything below receives its collaborators through constructors.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from langchain_core.language_models import BaseChatModel

from app.answer.answerability import load_model
from app.answer.coverage import CoverageJudge, topic_words, vocabulary
from app.answer.engine import AnswerEngine
from app.answer.followups import ConversationState
from app.answer.grounded import GroundedEngine
from app.answer.llm import LLMEngine, load_chat_model
from app.answer.pipeline import Conversation
from app.answer.scoring import EvidenceSelector, Scorer
from app.corpus.dates import resolve_today
from app.corpus.load import Corpus, corpus_for
from app.corpus.units import all_match_texts, guide_headings
from app.index.build import UNITS_FILE, ensure_index, load_embedder, make_client, open_collection
from app.index.embeddings import OnnxEmbeddings
from app.retrieval.hybrid import HybridRetriever
from app.retrieval.names import ProgramMatcher, matcher_for
from app.retrieval.precedents import load_precedents
from app.retrieval.wording import Speller, corpus_words
from app.settings import Settings


@dataclass
class Advisor:
    """The wired application: what a conversation, the CLI and the web app need."""

    settings: Settings
    corpus: Corpus
    matcher: ProgramMatcher
    embedder: OnnxEmbeddings
    retriever: HybridRetriever
    engine: AnswerEngine
    speller: Speller

    def conversation(self, state: ConversationState | None = None) -> Conversation:
        """A new conversation (or one restored from its state) on this advisor."""
        return Conversation(self, state)


def build_advisor(settings: Settings, *, chat_model: BaseChatModel | None = None, log: Any = None) -> Advisor:
    """Open (building on first use) the index and wire retrieval and the engine."""
    corpus = corpus_for(settings)
    ensure_index(settings, corpus, log=log)
    embedder = load_embedder(settings, log)
    collection, _ = open_collection(make_client(settings), settings)
    matcher = matcher_for(corpus)
    retriever = HybridRetriever(
        collection=collection, embedder=embedder, matcher=matcher, k=settings.k, rrf_k=settings.rrf_k,
        precedents=load_precedents(settings.precedents) if settings.precedents else None,
    )
    engine = build_engine(settings, corpus, matcher, retriever, embedder, chat_model)
    speller = Speller(corpus_words(corpus.verbatim_texts()))
    return Advisor(settings, corpus, matcher, embedder, retriever, engine, speller)


def build_engine(
    settings: Settings,
    corpus: Corpus,
    matcher: ProgramMatcher,
    retriever: HybridRetriever,
    embedder: OnnxEmbeddings,
    chat_model: BaseChatModel | None = None,
) -> AnswerEngine:
    """The grounded engine, wrapped by the chat-model engine when one is given or configured (ADVISOR_LLM)."""
    scorer = Scorer(embedder, preload=settings.index_dir / UNITS_FILE)
    selector = EvidenceSelector(scorer, corpus, settings.max_answer_sentences, resolve_today(settings.today))
    judge = CoverageJudge(vocabulary(corpus.verbatim_texts()), scorer, all_match_texts(corpus), matcher.unheld_schools,
                          topic_words(corpus), guide_headings(corpus),
                          load_model(settings.answerability_model) if settings.answerability_model else None,
                          mentions=matcher.mentions)  # fmt: skip
    grounded = GroundedEngine(corpus, selector, judge, matcher, settings)
    model = chat_model or (load_chat_model(settings) if settings.llm else None)
    if model is None:
        return grounded
    return LLMEngine(model, retriever=retriever, tools=[grounded.cost_tool, grounded.compare_tool], fallback=grounded,
                     selector=selector, corpus=corpus, settings=settings)  # fmt: skip
