"""The shipped precedents are the tune half's labelled questions, as the current code writes them
(`python scripts/fit.py`), and no other half's question is among them."""

from __future__ import annotations

import numpy as np
import pytest

from app.evaluation import load_questions
from app.fitting import fit_precedents
from app.retrieval.precedents import load_precedents
from app.settings import Settings
from tests.conftest import EVAL_QUESTIONS

pytestmark = [pytest.mark.eval, pytest.mark.slow]


def test_the_shipped_precedents_are_the_tune_half(advisor: object) -> None:
    questions = load_questions(EVAL_QUESTIONS)
    with pytest.raises(ValueError, match="tune half only"):
        fit_precedents(advisor.embedder, questions[-3:])  # type: ignore[attr-defined]
    fitted = fit_precedents(advisor.embedder, [q for q in questions if q.split == "tune"])  # type: ignore[attr-defined]
    shipped = load_precedents(Settings().precedents)  # type: ignore[arg-type]
    assert shipped.entries == fitted.entries and shipped.built_from == fitted.built_from
    assert np.allclose(shipped.vectors, fitted.vectors, atol=1e-4)
    held_out = {q.question for q in questions if q.split != "tune"}
    assert not held_out & {e.question for e in shipped.entries}
