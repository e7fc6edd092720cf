"""The shipped answerability model is what the current code fits on the tune half (a rule change means a re-fit:
`python scripts/fit.py`), and fitting refuses questions outside the tune half."""

from __future__ import annotations

import pytest

from app.answer.answerability import load_model
from app.evaluation import load_questions
from app.fitting import fit_answerability
from app.settings import Settings
from tests.conftest import EVAL_QUESTIONS

pytestmark = [pytest.mark.eval, pytest.mark.slow]


def test_the_shipped_model_is_what_the_tune_half_fits(built_settings: Settings) -> None:
    from app.wiring import build_advisor

    rules_only = build_advisor(built_settings.model_copy(update={"answerability_model": None}), log=lambda m: None)
    questions = load_questions(EVAL_QUESTIONS)
    with pytest.raises(ValueError, match="tune half only"):
        fit_answerability(rules_only, questions[-3:])  # the last rows are held out
    fitted = fit_answerability(rules_only, [q for q in questions if q.split == "tune"])
    shipped = load_model(Settings().answerability_model)
    assert (fitted.none_below, fitted.subject_below) == (shipped.none_below, shipped.subject_below)
    assert fitted.weights == pytest.approx(shipped.weights, abs=1e-6)
    assert fitted.fitted == shipped.fitted
