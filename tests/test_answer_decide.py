"""42 decision questions in real-forum styles (tests/data/decision_questions.jsonl): the right programs, the person's
numbers, and in every row the calculator's own figures. Rows the engine does not yet get right are xfail with the
reason, strictly: they fail the suite the day they start passing, so the list stays true."""

from __future__ import annotations

import json
from typing import Any

import pytest

from app.answer.citations import check
from app.answer.intent import extract_cost_args
from app.settings import PROJECT_ROOT
from app.tools.cost import OWN_TUITION
from app.tools.decision import DecisionInputs, decide

ROWS = [json.loads(line) for line in (PROJECT_ROOT / "tests" / "data" / "decision_questions.jsonl").open()]
KNOWN_GAPS = {
}


def _case(row: dict[str, Any]) -> Any:
    reason = KNOWN_GAPS.get(row["id"])
    return pytest.param(row, id=row["id"], marks=[pytest.mark.xfail(reason=reason, strict=True)] if reason else [])


@pytest.mark.parametrize("row", [_case(r) for r in ROWS])
def test_decision_questions(advisor: Any, row: dict[str, Any]) -> None:
    conv = advisor.conversation()
    answers = [conv.ask(turn) for turn in row["turns"]]
    r = answers[-1]
    assert r.intent == "decide", r.answer[:200]
    assert all(check(a, advisor.corpus.verbatim_texts()) == [] for a in answers)  # 0 broken citations
    if row["unmatched_names"]:  # said once, when the name was asked about
        assert any("no program matching" in a.answer for a in answers)
    if row["expected_programs"]:
        assert r.programs == row["expected_programs"]
    elif row.get("expects_candidates"):
        assert r.decision and len(r.decision) <= 3
    got = {d["program_id"]: d for d in r.decision}
    for d in r.decision:
        assert d["salary_before"] == row["salary_before"]
        if row["salary_after"] is not None:
            assert d["salary_after"] == row["salary_after"]
    for pid, keeps in row["keep_working"].items():
        if keeps is not None and pid in got:
            assert got[pid]["keeps_working"] is keeps
    # The figures are the calculator's: the same inputs give the same rows.
    inputs = {k: d[k] for d in r.decision[:1] for k in ("salary_before",) if d[k] is not None}
    # A price the person gives ("Berkeley MIDS is like 80k+") is theirs, and wins over the record's, as in a cost answer.
    inputs |= {k: v for k, v in extract_cost_args(row["turns"][-1]).items() if k in OWN_TUITION}
    for d in r.decision:
        again = decide([d["program_id"]], DecisionInputs(**inputs, keep_working=d["keeps_working"],
                                                         salary_after=d["salary_after"]), advisor.corpus)[0]  # fmt: skip
        assert (again.total_economic_cost, again.forgone_income) == (d["total_economic_cost"], d["forgone_income"])


def test_a_school_named_with_several_programs_gives_one_when_too_many_are_named(advisor: Any) -> None:
    from app.answer.decide import pick_weighed

    record = advisor.corpus.program
    ut = ["ut-austin-msai-online", "ut-austin-mscs-online", "ut-austin-msds-online"]  # MSAI's tuition: not published
    named = ["gatech-omscs", *ut, "cmu-mcds", "cmu-msml"]
    groups = [ut, ["cmu-mcds", "cmu-msml"]]
    # Each school gives its first program with an estimated total tuition.
    assert pick_weighed(named, groups, record, 3) == ["gatech-omscs", "ut-austin-mscs-online", "cmu-msml"]
    assert pick_weighed(named[:3], groups, record, 3) == named[:3]  # within the limit: all, as named
    four = ["gatech-omscs", "uiuc-mcs-online", "berkeley-mids", "cmu-msml"]
    assert pick_weighed(four, [], record, 3) == four[:3]  # the answer says which are left out


def test_a_decision_reads_plainly_labels_its_columns_and_rounds_its_estimates(advisor: Any) -> None:
    from app.answer.decide import compose_decision
    from app.tools.decision import most_needed_input

    inputs = DecisionInputs(salary_before=95_000)
    rows = decide(["cmu-mcds", "cmu-msml"], inputs, advisor.corpus)
    lines = compose_decision(rows, "salary now 95k", lambda a, pid: "", [], most_needed_input(rows, inputs),
                             PROJECT_ROOT / "prompts")  # fmt: skip
    text = "\n".join(lines)
    mcds = next(line for line in lines if line.startswith("- **Master of Computational Data Science"))
    # What is known and what is missing, once: no "cost not computable, including …; … not computable".
    assert mcds.endswith(": no total cost or payback: tuition not in our sources (the MCDS cost page (2021-22 "
                         "breakdown) was found but its tuition figures were not in the stored excerpt); you'd give up "
                         "$126,667 of salary.")  # fmt: skip
    assert text.count("not computable") == 0 and "$126,666.67" not in text.split("**What I assumed**")[0]
    assert "|  | MCDS | MS in Machine Learning |" in text  # two CMU programs, told apart
    assert "| Cost of attendance | — | $69,333 |" in text and "| Income forgone | $126,667 | $126,667 |" in text
    assert "- MCDS: full-time study, so no salary meanwhile" in text  # not "MCDS: assumed: full-time study"
    assert "- MCDS: units to graduate: 144" in text  # the label, not the whole title again; the count once
    assert lines[-1] == ('One thing would change this most: the program\'s tuition (for MCDS). Tell me, for example: '
                         '"its tuition is $30,000 a year".')  # an example of what is asked for, not of a salary


def test_the_federal_limits_assumed_in_a_decision_read_as_dollars() -> None:
    from app.answer.decide import shown
    from app.corpus.load import load_corpus
    from app.settings import PROJECT_ROOT
    from app.tools.decision import DecisionInputs, decide

    corpus = load_corpus(PROJECT_ROOT / "corpus")
    [row] = decide(["stanford-ms-cs-ai"], DecisionInputs(salary_before=90_000, loan=100_000), corpus)
    limits = {a.field: shown(a, row.currency) for a in row.assumptions if a.field in ("federal_cap", "aggregate_limit")}
    assert limits == {"federal_cap": "$41,000", "aggregate_limit": "$100,000"}  # not "41000"


def test_a_verdict_pays_back_at_the_salary_after_the_person_said() -> None:
    from app.answer.decide import verdict
    from app.corpus.load import load_corpus
    from app.settings import PROJECT_ROOT
    from app.tools.decision import DecisionInputs, decide

    corpus = load_corpus(PROJECT_ROOT / "corpus")
    inputs = DecisionInputs(salary_before=75_000, salary_after=150_000, keep_working=True)
    [row] = decide(["gatech-omscs"], inputs, corpus)
    line = verdict(row, "", PROJECT_ROOT / "prompts")
    assert "at your $150,000 after" in line and "base raise" not in line  # the table's row says "yours" too
    [guide] = decide(["gatech-omscs"], DecisionInputs(salary_before=75_000, keep_working=True), corpus)
    assert "at the base raise" in verdict(guide, "", PROJECT_ROOT / "prompts")
