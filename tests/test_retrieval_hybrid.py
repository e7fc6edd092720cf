"""Hybrid retrieval on the real index: filters, fusion and LangChain's standard suite (app/retrieval/hybrid.py)."""

from __future__ import annotations

from typing import Any

import pytest
from langchain_core.documents import Document
from langchain_tests.integration_tests import RetrieversIntegrationTests

from app.retrieval.hybrid import HybridRetriever, rrf


def test_rrf_sums_reciprocal_ranks() -> None:
    fused = rrf([["a", "b"], ["b", "c"]], k=60)
    assert fused["b"] == pytest.approx(1 / 62 + 1 / 61)
    assert max(fused, key=fused.get) == "b"


def test_documents_carry_id_score_and_metadata(advisor: Any) -> None:
    docs = advisor.retriever.invoke("How much does Carnegie Mellon's machine learning master cost?")
    assert docs and all(isinstance(d, Document) for d in docs)
    top = docs[0]
    assert top.id == top.metadata["id"] == "program:cmu-msml"
    assert top.metadata["kind"] == "program" and top.metadata["program_id"] == "cmu-msml"
    scores = [d.metadata["score"] for d in docs]
    assert scores == sorted(scores, reverse=True)
    guide = next(d for d in docs if d.metadata["kind"] == "guide")
    assert isinstance(guide.metadata["section"], list) and guide.metadata["start"] is not None


def test_filters_by_kind_and_program(advisor: Any) -> None:
    progs = advisor.retriever.search("online degree tuition", k=5, kind="program")
    assert len(progs) == 5 and {h.chunk.kind for h in progs} == {"program"}
    one = advisor.retriever.search("tuition", k=5, program_id="gatech-omscs")
    assert [h.chunk.program_id for h in one] == ["gatech-omscs"]
    guide = advisor.retriever.invoke("salary", kind="guide")
    assert {d.metadata["kind"] for d in guide} == {"guide"}


def test_empty_query_returns_nothing(advisor: Any) -> None:
    assert advisor.retriever.search("   ") == []


class TestHybridRetrieverStandard(RetrieversIntegrationTests):
    """LangChain's own retriever suite, on the real store."""

    advisor: Any = None

    @pytest.fixture(autouse=True)
    def _with_advisor(self, advisor: Any) -> None:
        # Autouse fixture methods run on the test's own instance, so the properties below can read it.
        self.advisor = advisor

    @property
    def retriever_constructor(self) -> type[HybridRetriever]:
        return HybridRetriever

    @property
    def retriever_constructor_params(self) -> dict[str, Any]:
        adv = self.advisor
        return {"collection": adv.retriever.collection, "embedder": adv.embedder, "matcher": adv.matcher}

    @property
    def retriever_query_example(self) -> str:
        return "What does a machine learning master's cost?"


def test_a_question_asking_how_long_finds_the_passage_that_states_a_length(advisor: Any) -> None:
    # Every passage about a master's shares this question's words; only one says how long it takes.
    hits = advisor.retriever.search("How long does a master's in machine learning take?", k=5)
    assert any("last around two years" in h.chunk.text for h in hits)
