"""Offline evaluation scoring (app/evaluation.py)."""

from __future__ import annotations

from app.evaluation import score_ranking


def test_char_budget_counts_position_not_just_rank() -> None:
    from app.corpus.chunks import Chunk
    from app.evaluation import EvalQuestion

    q = EvalQuestion("x", "q", ("Tuition",), (), True)
    long_miss = Chunk(id="a", kind="guide", text="x" * 1200, title="Other", section=("T", "Other"))
    hit = Chunk(id="b", kind="guide", text="y", title="Tuition", section=("T", "Tuition"))
    assert score_ranking([long_miss, hit], q) == {"recall": 1.0, "rr": 0.5, "within": 0.0}
    assert score_ranking([hit, long_miss], q)["within"] == 1.0
