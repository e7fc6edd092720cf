"""The sourced schema (app/corpus/records.py): every figure backed by a source, nothing extra accepted."""

from __future__ import annotations

import copy
from datetime import date
from pathlib import Path
from typing import Any

import pytest
import yaml

from app.corpus.load import load_corpus, validate_figures, validate_programs
from app.corpus.records import Figures, Loan, StandardPlan, states_number
from app.errors import CorpusError
from tests.conftest import CORPUS

CORPUS_DIR = Path(__file__).resolve().parent.parent / "corpus"
RAW: dict[str, Any] = yaml.safe_load((CORPUS_DIR / "figures.yaml").read_text(encoding="utf-8"))
FIGURES: Figures = validate_figures(RAW)
UNSUB: Loan = FIGURES.loan("federal-direct-unsubsidized-graduate")
PLAN: StandardPlan = FIGURES.repayment.standard_plan_from_2026


def _raw() -> dict[str, Any]:
    return copy.deepcopy(RAW)


def test_real_corpus_loads_with_the_new_figures() -> None:
    corpus = load_corpus(CORPUS_DIR)
    f = corpus.figures
    assert f.law is not None and f.law.name == "One Big Beautiful Bill Act"
    assert f.law.effective_for_loans_from == date(2026, 7, 1)
    assert f.loan().aggregate_limit_usd == 100000 and f.loan().rate_2026_27_percent is None
    assert f.loan().limits_apply_from == date(2026, 7, 1)
    assert f.loan("federal-direct-plus-graduate").closed_to_new_borrowers_from == date(2026, 7, 1)
    assert [t.years for t in PLAN.tiers] == [10, 15, 20, 25]
    assert f.unsupported() == []


@pytest.mark.parametrize(
    ("edit", "field"),
    [
        (lambda r: [s.update(supports=["notes"]) for s in r["loans"][0]["sources"][3:5]], "loans[federal-direct-unsubsidized-graduate].aggregate_limit_usd"),
        (lambda r: r["loans"][1]["sources"][1].update(supports=[]), None),  # a second source still supports it
        (lambda r: [s.update(supports=[]) for s in r["loans"][1]["sources"][1:4:2]], "loans[federal-direct-plus-graduate].closed_to_new_borrowers_from"),
        (lambda r: r["law"]["sources"][1].update(supports=[]), "law.effective_for_loans_from"),
        (lambda r: r["repayment"]["repayment_assistance_plan"]["sources"][4].update(supports=[]), "repayment.repayment_assistance_plan.forgiveness_after_years"),
        (lambda r: [s.update(supports=["applies_to"]) for s in r["repayment"]["standard_plan_from_2026"]["sources"]], "repayment.standard_plan_from_2026.tiers"),
    ],
)  # fmt: skip
def test_a_figure_without_a_supporting_source_fails_loading(edit: Any, field: str | None) -> None:
    raw = _raw()
    edit(raw)
    if field is None:
        validate_figures(raw)
        return
    with pytest.raises(CorpusError, match="no source supports") as e:
        validate_figures(raw)
    assert f"'{field}'" in str(e.value)


def test_a_nested_figure_may_be_supported_by_its_parent_sources() -> None:
    raw = _raw()
    raw["repayment"]["repayment_assistance_plan"]["sources"][4]["supports"] = []
    raw["repayment"]["sources"][0]["supports"].append("repayment_assistance_plan.forgiveness_after_years")
    assert validate_figures(raw).unsupported() == []


def test_a_null_figure_needs_no_source() -> None:
    assert UNSUB.rate_2026_27_percent is None and UNSUB.source_for("rate_2026_27_percent") is None


@pytest.mark.parametrize(
    "edit",
    [
        lambda r: r["law"].update(extra_key=1),
        lambda r: r["repayment"]["standard_plan_from_2026"]["tiers"][0].update(extra_key=1),
        lambda r: r["repayment"]["repayment_assistance_plan"].pop("min_payment_usd_per_month"),
        lambda r: r["loans"][0].update(limits_apply_from="not a date"),
        lambda r: r["repayment"]["standard_plan_from_2026"]["tiers"].reverse(),
        lambda r: r["repayment"]["standard_plan_from_2026"]["tiers"].pop(),
    ],
)
def test_schema_rejects_malformed_figures(edit: Any) -> None:
    raw = _raw()
    edit(raw)
    with pytest.raises(CorpusError, match="figures"):
        validate_figures(raw)


def test_unsourced_figure_is_rejected() -> None:
    raw = yaml.safe_load((CORPUS / "programs.yaml").read_text())
    raw[2]["tuition"]["per_year"] = 1000  # drexel has no tuition source
    with pytest.raises(CorpusError, match=r"field 'tuition\.per_year': has a value but no source"):
        validate_programs(raw)


def test_a_figure_is_cited_first_to_a_source_that_states_its_number() -> None:
    corpus = load_corpus(CORPUS)
    columbia = corpus.program("columbia-ms-cs-ml")
    assert "$2,584 per point" in columbia.sources_for("tuition.per_credit")[0].quote  # not the 2018-19 "$2,018"
    for p in corpus.programs:
        for path in ("tuition.per_credit", "tuition.per_year", "tuition.total", "fees_per_year", "credits"):
            exact = [s for s in p.sources if path in s.supports]
            if any(states_number(s.quote, p.value(path)) for s in exact):
                assert states_number(p.sources_for(path)[0].quote, p.value(path)), (p.id, path)


@pytest.mark.parametrize(("quote", "value", "stated"), [
    ("Tuition (30 pts at $2,018 per point) $60,540", 2584.0, False),
    ("Tuition ($2,584 per point/12 points per semester)", 2584.0, True),
    ("$225 per credit", 225, True),
    ("12,584 students", 2584.0, False),  # a number inside another is not it
    ("costs 2584.", 2584.0, True),
    ("any text", None, False),
])  # fmt: skip
def test_states_number(quote: str, value: Any, stated: bool) -> None:
    assert states_number(quote, value) is stated
