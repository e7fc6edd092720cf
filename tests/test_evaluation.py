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


def test_a_loan_figure_counts_where_the_guide_s_loan_section_is_expected() -> None:
    from app.corpus.chunks import Chunk
    from app.evaluation import EvalQuestion, is_hit

    figure = Chunk(id="f", kind="figure", text="Direct Unsubsidized: $20,500 a year.", title="Loans")
    assert is_hit(figure, EvalQuestion("x", "q", ("Interest",), (), True))
    assert not is_hit(figure, EvalQuestion("y", "q", ("Tuition",), (), True))


def test_wilson_interval_brackets_the_rate_and_narrows_with_more_questions() -> None:
    from app.evaluation import wilson

    small, large = wilson([1.0] * 40 + [0.0] * 20), wilson([1.0] * 400 + [0.0] * 200)
    assert small[0] < 2 / 3 < small[1] and large[0] < 2 / 3 < large[1]
    assert large[1] - large[0] < small[1] - small[0]
    assert wilson([]) == (0.0, 0.0) and wilson([1.0, 1.0])[1] == 1.0


def test_number_rows_are_scored_exactly_and_a_number_kept_unassigned_counts_as_a_guess() -> None:
    from app.evaluation import NumberRow, evaluate_numbers

    rows = [
        NumberRow("a", "I make 80k", {"salary_before": 80_000}, (), "tune"),
        NumberRow("b", "I'm 29 and make 80k", {"salary_before": 80_000}, (29,), "tune"),
        NumberRow("c", "my wife makes 70k", {}, (70_000,), "test"),
    ]
    readings = {"I make 80k": {"salary_before": 80_000.0}, "I'm 29 and make 80k": {"salary_before": 29.0},
                "my wife makes 70k": {}}  # fmt: skip
    report = evaluate_numbers(lambda text: readings[text], rows)
    assert list(report) == ["tune", "test"]
    tune = report["tune"]
    assert tune["rows_read_exactly"] == 0.5 and tune["wrong_rows"] == ["b"]
    assert tune["slot_precision"] == 0.5 and tune["slot_recall"] == 0.5
    assert tune["numbers_guessed_into_a_slot"] == 1  # 29 is an age, put in salary_before
    assert report["test"]["rows_read_exactly"] == 1.0 and report["test"]["slot_precision"] == 1.0
