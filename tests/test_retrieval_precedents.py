"""Precedents: labelled questions as a ranked list for retrieval (pure ranking, the file, and the real retriever)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import numpy as np
import pytest

from app.corpus.chunks import Chunk
from app.retrieval.hybrid import HybridRetriever
from app.retrieval.precedents import (
    Precedent,
    Precedents,
    PrecedentsError,
    answers,
    load_precedents,
    save_precedents,
)
from app.settings import Settings


def _chunk(cid: str, section: tuple[str, ...], kind: Any = "guide", program_id: str | None = None) -> Chunk:
    return Chunk(id=cid, kind=kind, title="t", text="x", section=section, program_id=program_id)


CHUNKS = [_chunk("a", ("Guide", "Tuition")), _chunk("b", ("Guide", "Online")), _chunk("c", ("Guide", "Online")),
          _chunk("p", (), kind="program", program_id="cmu"), _chunk("f", (), kind="figure")]  # fmt: skip


def _unit(*xs: float) -> np.ndarray:
    v = np.array(xs, dtype=np.float32)
    return v / np.linalg.norm(v)


def _precedents() -> Precedents:
    entries = (Precedent("what does it cost?", "page1", ("Tuition",), ()),
               Precedent("is online study respected?", "page2", ("Online",), ()),
               Precedent("what does cmu charge?", "page2", (), ("cmu",)))  # fmt: skip
    return Precedents(entries, np.stack([_unit(1, 0, 0), _unit(0, 1, 0), _unit(0, 0, 1)]))


def test_answers_is_one_rule_for_sections_programs_and_loan_figures() -> None:
    assert answers(("Guide", "Tuition"), "guide", None, ("Tuition",), ())
    assert not answers(("Guide", "Online"), "guide", None, ("Tuition",), ())
    assert answers((), "program", "cmu", (), ("cmu",))
    assert not answers((), "program", None, (), ())  # no program is not the program "None"
    assert answers((), "figure", None, ("Interest",), ())  # loan figures count where the loan section is expected


def test_the_closest_labelled_question_ranks_the_passages_that_answered_it_first() -> None:
    p = _precedents()
    vectors = np.stack([_unit(1, 0, 0), _unit(0, 1, 0.1), _unit(0, 1, -0.1), _unit(0, 0, 1), _unit(1, 1, 1)])
    answered = p.answered(CHUNKS)
    assert answered.shape == (3, 5) and answered[0].tolist() == [True, False, False, False, False]
    order = p.ranking(_unit(0.1, 1, 0), answered, vectors)
    assert [CHUNKS[i].id for i in order][:2] in (["b", "c"], ["c", "b"])  # the online question's passages first
    assert "f" not in [CHUNKS[i].id for i in order]  # answers no labelled question: not ranked at all
    allowed = np.array([c.kind == "guide" for c in CHUNKS])
    assert all(CHUNKS[i].kind == "guide" for i in p.ranking(_unit(0, 0, 1), answered, vectors, allowed=allowed))


def test_without_a_page_drops_every_question_asked_on_it() -> None:
    p = _precedents().without("page2")
    assert [e.page for e in p.entries] == ["page1"] and p.vectors.shape == (1, 3)
    assert Precedents((), np.zeros((0, 3))).ranking(_unit(1, 0, 0), np.zeros((0, 5), bool), np.zeros((5, 3))) == []


def test_the_file_round_trips_and_a_bad_one_is_a_clear_error(tmp_path: Path) -> None:
    p = _precedents()
    save_precedents(p, tmp_path / "p.json")
    back = load_precedents(tmp_path / "p.json")
    assert back.entries == p.entries and np.allclose(back.vectors, p.vectors, atol=1e-5)
    (tmp_path / "bad.json").write_text('{"entries": [{"question": "q"}]}', encoding="utf-8")
    with pytest.raises(PrecedentsError, match=r"precedents .*bad\.json"):
        load_precedents(tmp_path / "bad.json")


def test_settings_can_switch_precedents_off(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("ADVISOR_PRECEDENTS", "")
    assert Settings().precedents is None


QUESTION = "Should I leave my job to go back to school full time?"
LOST_INCOME = "Lost potential income and/or other expenses"


def test_a_labelled_question_close_to_a_new_one_brings_its_passage_and_holding_its_page_out_removes_it(
    advisor: Any,
) -> None:
    base = advisor.retriever
    label = Precedent("Is quitting my job to study full time a good idea?", "forum-thread-1", (LOST_INCOME,), ())
    vector = np.asarray(advisor.embedder.embed_documents([label.question]), dtype=np.float32)
    learnt = HybridRetriever(collection=base.collection, embedder=base.embedder, matcher=base.matcher,
                             precedents=Precedents((label,), vector))  # fmt: skip
    plain = HybridRetriever(collection=base.collection, embedder=base.embedder, matcher=base.matcher)

    def sections(r: HybridRetriever) -> list[str]:
        return [h.chunk.section[-1] for h in r.search(QUESTION, k=5) if h.chunk.section]

    assert LOST_INCOME not in sections(plain)
    assert LOST_INCOME in sections(learnt)
    with learnt.holding_out("forum-thread-1"):
        assert sections(learnt) == sections(plain)
    assert LOST_INCOME in sections(learnt)  # restored after the evaluation's question
