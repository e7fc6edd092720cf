"""How likely our sources answer a question: a small logistic model over a few signals, fitted on labelled questions.

Hand-set thresholds fitted the questions they were set on and not the next ones (a "missing subject word" rule was
right about half the time on held-out questions). So the weak signals are weighed by a model instead, fitted by
`scripts/fit.py` on the evaluation's tune half only, with its leave-one-out figures written beside
the weights (`models/answerability.json`). The precise rules (a known gap, a school we don't hold, a question about
people's own lives) stay rules: they name what is missing and were right 23 times in 25.

Pure: numpy only. The judge (coverage.py) computes the signals; this module weighs them and fits the weights.
"""

from __future__ import annotations

import json
import math
import os
import tempfile
from collections.abc import Mapping, Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Literal

import numpy as np

from app.errors import AdvisorError

Level = Literal["full", "partial", "none"]

# The signals, each a number the judge computes for a question (coverage.CoverageJudge.signals):
SIGNALS = (
    "support",  # best cosine of the question to a retrieved sentence or passage
    "heading",  # best cosine of the question to a guide heading: is it one of the topics the guide is organised by?
    "missing_share",  # share of the question's content words that the corpus never uses
    "names_program",  # 1 when it names a program we hold: specific questions ask for specifics we may not hold
    "evidence_share",  # share of the question's content words that the sentences it would cite (or their headings) use
    "length",  # log of its word count: long posts ask about their own circumstances more often
)


class ModelError(AdvisorError):
    """The answerability model file is missing or malformed."""


@dataclass(frozen=True)
class AnswerabilityModel:
    """Standardised logistic regression: p = sigmoid(bias + sum(w * (x - mean) / scale))."""

    signals: tuple[str, ...]
    mean: tuple[float, ...]
    scale: tuple[float, ...]
    weights: tuple[float, ...]
    bias: float
    none_below: float  # below this probability the question is not covered
    subject_below: float  # below this, a missing subject word makes it not covered; above, partly covered
    fitted: dict[str, object] = field(default_factory=dict)  # what it was fitted on and its leave-one-out figures

    def __post_init__(self) -> None:
        n = len(self.signals)
        if not (len(self.mean) == len(self.scale) == len(self.weights) == n):
            raise ValueError("answerability model: signals, mean, scale and weights differ in length")
        if not 0.0 <= self.none_below <= self.subject_below <= 1.0:
            raise ValueError("answerability model: need 0 <= none_below <= subject_below <= 1")

    def probability(self, signals: Mapping[str, float]) -> float:
        """The probability that our sources answer the question, from its signals."""
        z = self.bias + sum(
            w * (signals[name] - m) / s for name, m, s, w in zip(self.signals, self.mean, self.scale, self.weights,
                                                                 strict=True)
        )
        return 1.0 / (1.0 + math.exp(-z))


def after_model(rules: Level, precise: bool, likely: float, model: AnswerabilityModel) -> tuple[Level, str | None]:
    """The coverage level once the model has spoken, and the reason it adds (None: it changed nothing).

    A precise rule's verdict stands. Otherwise an unlikely question is not covered, and a missing subject word (the
    rules' "none") decides alone only below `subject_below`: a likely question is answered, saying which word our
    sources don't cover. The model never makes a question "partial" by itself: partial answers name what is missing.
    """
    if precise:
        return rules, None
    if likely < model.none_below:
        return "none", "unlikely answerable"
    if rules == "none" and likely >= model.subject_below:
        return "partial", None
    return rules, None


def load_model(path: Path) -> AnswerabilityModel:
    """The model saved by `save_model`; a clear error when the file is missing or malformed."""
    try:
        raw = json.loads(path.read_text(encoding="utf-8"))
        return AnswerabilityModel(**{k: tuple(v) if isinstance(v, list) else v for k, v in raw.items()})
    except (OSError, ValueError, TypeError) as e:
        raise ModelError(f"answerability model {path}: {e} (re-fit it with scripts/fit.py)") from e


def save_model(model: AnswerabilityModel, path: Path) -> None:
    """Write atomically: a crash never leaves half a model behind."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=".answerability-", dir=path.parent)
    with os.fdopen(fd, "w", encoding="utf-8") as f:
        json.dump(asdict(model), f, indent=2)
        f.write("\n")
    os.replace(tmp, path)


def fit_logistic(x: np.ndarray, y: np.ndarray, l2: float) -> tuple[np.ndarray, float]:
    """L2-regularised logistic regression (bias unpenalised) by Newton's method; x is already standardised."""
    n, d = x.shape
    xa = np.hstack([x, np.ones((n, 1))])
    penalty = np.diag([l2] * d + [0.0])
    theta = np.zeros(d + 1)
    for _ in range(100):
        p = 1.0 / (1.0 + np.exp(-(xa @ theta)))
        grad = xa.T @ (p - y) + penalty @ theta
        hess = xa.T @ (xa * (p * (1 - p))[:, None]) + penalty + 1e-9 * np.eye(d + 1)
        step = np.linalg.solve(hess, grad)
        theta -= step
        if np.abs(step).max() < 1e-9:
            break
    return theta[:d], float(theta[d])


def standardise(x: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Column means and scales (a constant column gets scale 1, so it weighs nothing)."""
    scale = x.std(axis=0)
    return x.mean(axis=0), np.where(scale > 1e-9, scale, 1.0)


def fit_model(rows: Sequence[Mapping[str, float]], answerable: Sequence[bool], l2: float,
              thresholds: tuple[float, float] = (0.0, 0.0),
              fitted: dict[str, object] | None = None) -> AnswerabilityModel:  # fmt: skip
    """Fit the model on signal rows and their labels; thresholds are (none_below, subject_below)."""
    x = np.array([[r[s] for s in SIGNALS] for r in rows], dtype=float)
    y = np.array(answerable, dtype=float)
    mean, scale = standardise(x)
    w, b = fit_logistic((x - mean) / scale, y, l2)
    return AnswerabilityModel(SIGNALS, tuple(map(float, mean)), tuple(map(float, scale)), tuple(map(float, w)), b,
                              *thresholds, fitted or {})  # fmt: skip


def leave_one_out(rows: Sequence[Mapping[str, float]], answerable: Sequence[bool], l2: float) -> list[float]:
    """Each row's probability from a model fitted on all the other rows (the weights never see the row; the L2
    weight and thresholds chosen on these probabilities do, so figures read from them lean optimistic)."""
    out = []
    for i in range(len(rows)):
        rest = [r for j, r in enumerate(rows) if j != i]
        labels = [a for j, a in enumerate(answerable) if j != i]
        out.append(fit_model(rest, labels, l2).probability(rows[i]))
    return out
