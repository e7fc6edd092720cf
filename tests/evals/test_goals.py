"""Quality evaluations (marker `eval`; .ci/run runs them): the dev-set goals, and the figures on real questions.

The dev set (30 questions the team wrote) is what the thresholds were first tuned on, so its goals are asserted.
The real questions (from public forums, each with its url) are split into a tuning and a test half; their figures
are printed for both halves and only invariants that hold for any question are asserted (no broken citations,
no filler cited), so a test half that misses a goal is reported, not hidden and not tuned away.
"""

from __future__ import annotations

import json
from typing import Any

import pytest

from app.answer.numbers import read_numbers
from app.evaluation import evaluate_answers, evaluate_numbers, evaluate_retrieval, load_number_rows, load_questions
from tests.conftest import DEV_QUESTIONS, EVAL_QUESTIONS, FORUM_PHRASINGS

pytestmark = [pytest.mark.eval, pytest.mark.slow]


def test_dev_set_answer_goals(advisor: Any) -> None:
    report = evaluate_answers(advisor, load_questions(DEV_QUESTIONS))["tune"]
    assert report["answerable_citing_expected"] >= 0.9, report["misses"]
    assert report["not_covered_abstained"] == 1.0
    assert report["wrongly_abstained"] == []
    assert report["broken_citations"] == 0, report["problems"]


def test_hybrid_meets_the_retrieval_goals_and_beats_dense(advisor: Any) -> None:
    report = evaluate_retrieval(advisor.retriever, load_questions(DEV_QUESTIONS))["tune"]
    hybrid, dense = report["hybrid"], report["dense"]
    assert hybrid["recall@5"] >= 0.9
    assert hybrid["recall_within_1000_chars"] >= 0.85
    assert hybrid["recall_within_1000_chars"] >= dense["recall_within_1000_chars"] + 0.05


def test_real_questions_both_halves(advisor: Any, capsys: pytest.CaptureFixture[str]) -> None:
    questions = load_questions(EVAL_QUESTIONS)
    answers = evaluate_answers(advisor, questions)
    retrieval = evaluate_retrieval(advisor.retriever, questions)
    with capsys.disabled():
        print("\n" + json.dumps({"answers": answers, "retrieval": retrieval}, indent=1))
    for half in answers.values():
        assert half["broken_citations"] == 0, half["problems"]
        assert half["filler_cited"] == 0


def test_the_number_reader_on_real_sentences_both_halves(capsys: pytest.CaptureFixture[str]) -> None:
    """Printed for both halves. Asserted: the tune half keeps what this session's changes reached on it (a floor
    against regressions, not a goal), and both halves have rows, so neither half silently drops out."""
    report = evaluate_numbers(lambda text: read_numbers(text).slots, load_number_rows(FORUM_PHRASINGS))
    with capsys.disabled():
        print("\n" + json.dumps(report, indent=1))
    assert set(report) == {"tune", "test"}
    tune = report["tune"]
    assert tune["rows_read_exactly"] >= 0.5 and tune["slot_precision"] >= 0.7
