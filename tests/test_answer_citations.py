"""Citation bookkeeping is pure code: numbers assigned in code, every marker backed, every citation used."""

from __future__ import annotations

from app.answer.citations import AnswerResult, Citation, Ledger, check, finalize, markers


def _c(n: int, quote: str = "q") -> Citation:
    return Citation(n=n, id=f"guide:{n}", kind="guide", title="T", quote=quote)


def test_ledger_gives_the_same_number_to_the_same_evidence() -> None:
    ledger = Ledger()
    a = ledger.cite(id="x", kind="guide", title="T", quote="one")
    b = ledger.cite(id="y", kind="guide", title="T", quote="two")
    assert (a, b, ledger.cite(id="x", kind="guide", title="T", quote="one")) == (1, 2, 1)
    assert [c.n for c in ledger.citations] == [1, 2]


def test_finalize_strips_unknown_markers_drops_unused_and_renumbers() -> None:
    text, kept, stripped = finalize("A [3]. B [9]. C [1] and again [3].", [_c(1, "one"), _c(2, "two"), _c(3, "three")])
    assert text == "A [1]. B. C [2] and again [1]."
    assert [(c.n, c.quote) for c in kept] == [(1, "three"), (2, "one")]
    assert stripped == ["[9]"]


def test_check_finds_every_kind_of_broken_citation() -> None:
    good = AnswerResult(answer="Fact [1].", citations=[_c(1, "fact text")])
    assert check(good, ["some fact text here"]) == []
    bad = AnswerResult(answer="Fact [2].", citations=[_c(1, "invented")])
    problems = check(bad, ["some fact text here"])
    assert "marker [2] has no citation" in problems
    assert "citation 1 is never used" in problems
    assert any("not verbatim" in p for p in problems)


def test_markers_in_order() -> None:
    assert markers("a [2] b [10] c [2]") == [2, 10, 2]


def test_answer_result_round_trips_through_json() -> None:
    r = AnswerResult(answer="x [1]", citations=[_c(1)], intent="question")
    assert AnswerResult.model_validate_json(r.model_dump_json()) == r
