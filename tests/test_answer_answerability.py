"""The answerability model: the pure fit, the decision after it, the shipped weights, and the judge using them."""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path
from typing import Any

import numpy as np
import pytest

from app.answer.answerability import (
    SIGNALS,
    AnswerabilityModel,
    ModelError,
    after_model,
    fit_logistic,
    fit_model,
    leave_one_out,
    load_model,
    save_model,
)
from app.settings import PROJECT_ROOT, Settings


def _rows(n: int = 60, seed: int = 0) -> tuple[list[dict[str, float]], list[bool]]:
    """Answerable questions match better and miss fewer words; noise keeps the classes overlapping."""
    rng = np.random.default_rng(seed)
    rows, labels = [], []
    for i in range(n):
        ok = i % 3 != 0
        rows.append({"support": 0.55 + (0.1 if ok else -0.1) + rng.normal(0, 0.08),
                     "heading": 0.5 + rng.normal(0, 0.1), "missing_share": (0.1 if ok else 0.4) + rng.normal(0, 0.1),
                     "names_program": float(rng.random() < 0.2), "evidence_share": rng.random(),
                     "length": 2.5 + rng.normal(0, 0.5)})  # fmt: skip
        labels.append(ok)
    return rows, labels


def _model(none_below: float, subject_below: float) -> AnswerabilityModel:
    rows, labels = _rows()
    return fit_model(rows, labels, 1.0, (none_below, subject_below))


def test_fit_logistic_finds_the_direction_of_the_evidence() -> None:
    x = np.array([[-2.0], [-1.0], [-0.5], [0.5], [1.0], [2.0], [-0.2], [0.3]])
    y = np.array([0, 0, 0, 1, 1, 1, 1, 0], dtype=float)
    w, _ = fit_logistic(x, y, l2=1.0)
    assert w[0] > 0
    strong, _ = fit_logistic(x, y, l2=100.0)
    assert 0 < strong[0] < w[0]  # the penalty shrinks the weight


def test_a_fitted_model_ranks_better_matches_as_more_answerable() -> None:
    rows, labels = _rows()
    model = fit_model(rows, labels, l2=1.0)
    assert model.signals == SIGNALS
    good = {"support": 0.7, "heading": 0.5, "missing_share": 0.0, "names_program": 0.0, "evidence_share": 0.5,
            "length": 2.5}  # fmt: skip
    bad = good | {"support": 0.4, "missing_share": 0.6}
    assert model.probability(good) > 0.8 > 0.3 > model.probability(bad)


def test_leave_one_out_never_sees_the_row_it_predicts() -> None:
    rows, labels = _rows(30)
    loo = leave_one_out(rows, labels, l2=1.0)
    flipped = leave_one_out(rows, [not labels[0], *labels[1:]], l2=1.0)
    assert len(loo) == 30 and loo[0] == pytest.approx(flipped[0])  # row 0's own label did not move it
    assert loo[1] != pytest.approx(flipped[1])  # ... but it is training data for the others


@pytest.mark.parametrize(("rules", "precise", "likely", "expected"), [
    ("none", True, 0.99, ("none", None)),  # a precise rule's verdict stands
    ("partial", True, 0.01, ("partial", None)),
    ("full", False, 0.2, ("none", "unlikely answerable")),
    ("partial", False, 0.2, ("none", "unlikely answerable")),
    ("none", False, 0.5, ("none", None)),  # a missing subject word in a question the model is unsure of
    ("none", False, 0.9, ("partial", None)),  # ... in a likely question: answered, naming the word
    ("full", False, 0.5, ("full", None)),  # the model alone never makes a question partial
    ("partial", False, 0.9, ("partial", None)),
])  # fmt: skip
def test_after_model(rules: Any, precise: bool, likely: float, expected: tuple) -> None:
    assert after_model(rules, precise, likely, _model(0.3, 0.8)) == expected


def test_save_and_load_round_trip_and_a_bad_file_is_one_clear_error(tmp_path: Path) -> None:
    rows, labels = _rows()
    model = fit_model(rows, labels, 1.0, (0.3, 0.6), {"on": "synthetic"})
    save_model(model, tmp_path / "m.json")
    assert load_model(tmp_path / "m.json") == model
    assert [p.name for p in tmp_path.iterdir()] == ["m.json"]  # no temp file left behind
    (tmp_path / "bad.json").write_text('{"signals": ["support"]}')
    with pytest.raises(ModelError, match=r"answerability model .*bad\.json"):
        load_model(tmp_path / "bad.json")
    with pytest.raises(ValueError, match="none_below <= subject_below"):
        replace(model, none_below=0.9, subject_below=0.5)


def test_the_shipped_model_was_fitted_on_the_tune_half_with_sane_thresholds() -> None:
    path = Settings().answerability_model
    assert path == PROJECT_ROOT / "models" / "answerability.json"
    model = load_model(path)
    assert model.signals == SIGNALS and 0 < model.none_below <= model.subject_below <= 1
    assert "split tune" in str(model.fitted["on"])
    assert json.loads(path.read_text())["fitted"]["leave_one_out_tune_answerable_abstained"] <= 0.05


def _advisor_with(built_settings: Settings, tmp_path: Path, **thresholds: float) -> Any:
    from app.wiring import build_advisor

    model = replace(load_model(Settings().answerability_model), **thresholds)
    save_model(model, tmp_path / "model.json")
    return build_advisor(built_settings.model_copy(update={"answerability_model": tmp_path / "model.json"}),
                         log=lambda m: None)  # fmt: skip


def test_the_judge_follows_the_model_it_is_given(built_settings: Settings, tmp_path: Path) -> None:
    question = "Is an online master's in machine learning worth it?"
    r = _advisor_with(built_settings, tmp_path, none_below=0.0, subject_below=0.0).conversation().ask(question)
    assert r.coverage == "full" and not r.abstained
    refuses = _advisor_with(built_settings, tmp_path, none_below=1.0, subject_below=1.0)
    r = refuses.conversation().ask(question)
    assert r.abstained and r.coverage == "none" and r.coverage_reasons == ["unlikely answerable"]
    assert r.answer.startswith("Our sources don't cover")


def test_a_missing_subject_word_in_a_likely_question_is_partly_covered(built_settings: Settings,
                                                                         tmp_path: Path) -> None:  # fmt: skip
    trusting = _advisor_with(built_settings, tmp_path, none_below=0.0, subject_below=0.0)
    r = trusting.conversation().ask("What are the mascot rules at CMU?")
    assert r.coverage == "partial" and not r.abstained and "missing subject word" in r.coverage_reasons
    assert r.answer.startswith("Our sources don't cover “mascot”, so I can't answer that part.")


def test_without_a_model_the_rules_alone_judge(built_settings: Settings) -> None:
    from app.wiring import build_advisor

    rules = build_advisor(built_settings.model_copy(update={"answerability_model": None}), log=lambda m: None)
    r = rules.conversation().ask("Is an online master's in machine learning worth it?")
    assert r.coverage == "full" and not {"uncertain", "unlikely answerable"} & set(r.coverage_reasons)


def test_an_empty_variable_runs_the_rules_alone(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("ADVISOR_ANSWERABILITY_MODEL", "")
    assert Settings().answerability_model is None
    monkeypatch.setenv("ADVISOR_ANSWERABILITY_MODEL", "/tmp/elsewhere.json")
    assert Settings().answerability_model == Path("/tmp/elsewhere.json")


def test_the_model_reads_the_persons_own_words_not_a_follow_ups_reference(advisor: Any) -> None:
    from app.answer.coverage import Match

    judge = advisor.engine.judge
    own = "What is its ranking?"
    condensed = f"{own} (about: Master of Science in Machine Learning, Carnegie Mellon University)"
    evidence = tuple(advisor.engine.selector.select(condensed, [h.chunk for h in advisor.retriever.search(condensed)],
                                                    ["cmu-msml"])[1])  # fmt: skip
    match = Match(0.6, evidence, True, words=own)
    assert judge.signals(condensed, match) == judge.signals(own, Match(0.6, evidence, True))
