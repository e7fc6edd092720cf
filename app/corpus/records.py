"""The schema of the sourced data: program records (programs.yaml) and reference figures (figures.yaml).

`None` in a record means "not published in our sources": shown that way, never guessed.
"""

from __future__ import annotations

import re
from datetime import date
from itertools import pairwise
from typing import Any, ClassVar

from pydantic import BaseModel, ConfigDict, field_validator, model_validator

NOT_PUBLISHED = "not published"

FIGURE_FIELDS = (
    "duration",
    "credits",
    "tuition.per_credit",
    "tuition.per_year",
    "tuition.per_term",
    "tuition.total",
    "fees_per_year",
    "gre",
)


class Source(BaseModel):
    """Where a figure comes from: url ('guide' for guide.md), as-of date and a verbatim quote."""

    model_config = ConfigDict(extra="forbid")
    url: str
    as_of: str
    supports: list[str]
    quote: str

    @field_validator("as_of", mode="before")
    @classmethod
    def _as_text(cls, v: Any) -> Any:
        # YAML reads an unquoted 2025 as a number and 2025-07-28 as a date; both are dates as written.
        return str(v) if isinstance(v, int | float | date) else v


class Tuition(BaseModel):
    model_config = ConfigDict(extra="forbid")
    currency: str | None = None
    per_credit: float | None = None
    per_year: float | None = None
    per_term: float | None = None
    total: float | None = None
    basis: str | None = None


class Program(BaseModel):
    """One program record; `None` means 'not published in our sources'."""

    model_config = ConfigDict(extra="forbid")
    id: str
    name: str
    school: str
    aliases: list[str] = []
    level: str | None = None
    degree: str | None = None
    field: str | None = None
    country: str | None = None
    modality: str | None = None
    pace: list[str] | None = None
    duration: str | None = None
    credits: float | None = None
    credit_unit: str | None = None
    tuition: Tuition
    fees_per_year: float | None = None
    gre: str | None = None
    prerequisites: str | None = None
    highlights: list[str] = []
    guide_section: str | None = None
    sources: list[Source]

    @field_validator("id")
    @classmethod
    def _slug(cls, v: str) -> str:
        if not re.fullmatch(r"[a-z0-9][a-z0-9-]*", v):
            raise ValueError("must be lowercase letters, digits and dashes")
        return v

    def value(self, path: str) -> Any:
        """Value of a dotted field path such as 'tuition.per_credit'."""
        obj: Any = self
        for part in path.split("."):
            obj = getattr(obj, part)
        return obj

    def sources_for(self, path: str) -> list[Source]:
        """Sources whose `supports` names this field or its parent (e.g. 'tuition'); exact matches first, and among
        them those whose quote states the field's number: Columbia's $2,584 per point (2024-25) was cited to the
        first-listed source, which says "$2,018 per point" (2018-19)."""
        parent = path.split(".")[0]
        value = self.value(path)  # a number to look for in the quotes; anything else orders nothing
        exact = sorted((s for s in self.sources if path in s.supports), key=lambda s: not states_number(s.quote, value))
        return exact + [s for s in self.sources if parent in s.supports and s not in exact]

    @property
    def title(self) -> str:
        return f"{self.name} — {self.school}"

    @property
    def school_name(self) -> str:
        """The school without its department: 'Carnegie Mellon University (School of Computer Science)' → 'Carnegie
        Mellon University'."""
        return re.sub(r"\s*\(.*?\)", "", self.school).strip()


def states_number(quote: str, value: Any) -> bool:
    """Whether a quote states this number as written in prose: 2584.0 as "2,584" or "2584", 0.5 as "0.5"."""
    if isinstance(value, bool) or not isinstance(value, int | float):
        return False
    forms = {f"{value:,.0f}", f"{value:.0f}"} if float(value).is_integer() else {f"{value:,.2f}", f"{value:g}"}
    return any(re.search(rf"(?<![\d.,]){re.escape(f)}(?![\d]|[.,]\d)", quote) for f in forms)


class FigureSource(BaseModel):
    model_config = ConfigDict(extra="forbid")
    url: str
    as_of: str
    supports: list[str]
    quote: str


class SourcedFigures(BaseModel):
    """A group of figures with its own sources; every non-null figure must be named in some source's `supports`.

    `LABELS` are fields that name or date the group rather than state a figure (an id, a name, the period it
    applies to): the corpus has always held them without a supporting entry.
    """

    model_config = ConfigDict(extra="forbid")
    LABELS: ClassVar[frozenset[str]] = frozenset()
    sources: list[FigureSource]

    def source_for(self, key: str) -> FigureSource | None:
        """The first source whose `supports` names `key`."""
        return next((s for s in self.sources if key in s.supports), None)

    def unsupported(self, where: str, inherited: frozenset[str] = frozenset()) -> list[str]:
        """Dotted paths of non-null figures no source supports; nested groups may lean on this group's sources."""
        named = inherited | {k for s in self.sources for k in s.supports}
        problems: list[str] = []
        for key in type(self).model_fields:
            value = getattr(self, key)
            if key == "sources" or key in self.LABELS or value is None:
                continue
            if isinstance(value, SourcedFigures):
                # The parent may name the nested field itself ('standard_plan_from_2026.tiers') or its bare key.
                parent = {k.removeprefix(f"{key}.") for k in named}
                problems += value.unsupported(f"{where}.{key}", frozenset(parent))
            elif key not in named:
                problems.append(f"{where}.{key}")
        return problems


class Loan(SourcedFigures):
    LABELS: ClassVar[frozenset[str]] = frozenset({"id", "name", "applies_to"})
    id: str
    name: str
    apr_percent: float
    origination_fee_percent: float | None = None
    annual_limit_usd: float | None = None
    applies_to: str
    notes: str | None = None
    # None: the rate for loans first disbursed in 2026-27 is not in our sources (apr_percent is the latest held).
    rate_2026_27_percent: float | None = None
    aggregate_limit_usd: float | None = None
    limits_apply_from: date | None = None
    closed_to_new_borrowers_from: date | None = None


class StandardTier(BaseModel):
    """Loans whose balance is below `balance_below_usd` (None: no upper bound) repay over `years`."""

    model_config = ConfigDict(extra="forbid")
    balance_below_usd: float | None
    years: float


class StandardPlan(SourcedFigures):
    """The standard plan for loans first disbursed from July 1, 2026: the term depends on the amount borrowed."""

    applies_to: str
    tiers: list[StandardTier]

    @model_validator(mode="after")
    def _ordered(self) -> StandardPlan:
        # Tier lookup takes the first tier whose bound is above the balance: bounds must rise and the last be open.
        bounds = [t.balance_below_usd for t in self.tiers]
        closed = [b for b in bounds[:-1] if b is not None]
        if not bounds or bounds[-1] is not None or len(closed) != len(bounds) - 1:
            raise ValueError("tiers need an open last tier (balance_below_usd: null) and bounds on all others")
        if any(a >= b for a, b in pairwise(closed)):
            raise ValueError("tier bounds must rise strictly")
        return self


class RepaymentAssistancePlan(SourcedFigures):
    """The income-driven plan for loans first disbursed from July 1, 2026."""

    applies_to: str
    min_payment_usd_per_month: float
    max_percent_of_agi: float
    percent_step_per_10000_usd_of_agi: float
    dependent_reduction_usd_per_month: float
    forgiveness_after_years: float


class Repayment(SourcedFigures):
    LABELS: ClassVar[frozenset[str]] = frozenset({"standard_term_applies_to"})
    standard_term_years: float
    grace_period_months: float
    standard_term_applies_to: str | None = None
    standard_plan_from_2026: StandardPlan | None = None
    repayment_assistance_plan: RepaymentAssistancePlan | None = None


class Law(SourcedFigures):
    """The law that sets the loan rules for loans first disbursed from `effective_for_loans_from`."""

    name: str
    signed: date
    effective_for_loans_from: date


class GuideFigure(BaseModel):
    """A figure the guide states; `section` names the guide heading it sits under."""

    model_config = ConfigDict(extra="forbid")
    value: float | None = None
    low: float | None = None
    high: float | None = None
    source: str
    section: str


class Figures(BaseModel):
    model_config = ConfigDict(extra="forbid")
    loans: list[Loan]
    repayment: Repayment
    salaries_usd_per_year: dict[str, GuideFigure]
    tuition_averages_usd_per_year: dict[str, GuideFigure]
    living: dict[str, GuideFigure]
    law: Law | None = None

    def unsupported(self) -> list[str]:
        """Every non-null loan, repayment or law figure that no source entry supports, as a dotted path."""
        groups: list[tuple[str, SourcedFigures | None]] = [(f"loans[{x.id}]", x) for x in self.loans]
        groups += [("repayment", self.repayment), ("law", self.law)]
        return [path for where, group in groups if group is not None for path in group.unsupported(where)]

    def loan(self, loan_id: str = "federal-direct-unsubsidized-graduate") -> Loan:
        return next(x for x in self.loans if x.id == loan_id)
