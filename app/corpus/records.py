"""The schema of the sourced data: program records (programs.yaml) and reference figures (figures.yaml).

`None` in a record means "not published in our sources": shown that way, never guessed.
"""

from __future__ import annotations

import re
from datetime import date
from typing import Any

from pydantic import BaseModel, ConfigDict, field_validator

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
        """Sources whose `supports` names this field or its parent (e.g. 'tuition'); exact matches first."""
        parent = path.split(".")[0]
        exact = [s for s in self.sources if path in s.supports]
        return exact + [s for s in self.sources if parent in s.supports and s not in exact]

    @property
    def title(self) -> str:
        return f"{self.name} — {self.school}"


class FigureSource(BaseModel):
    model_config = ConfigDict(extra="forbid")
    url: str
    as_of: str
    supports: list[str]
    quote: str


class Loan(BaseModel):
    model_config = ConfigDict(extra="forbid")
    id: str
    name: str
    apr_percent: float
    origination_fee_percent: float | None = None
    annual_limit_usd: float | None = None
    applies_to: str
    notes: str | None = None
    sources: list[FigureSource]


class Repayment(BaseModel):
    model_config = ConfigDict(extra="forbid")
    standard_term_years: float
    grace_period_months: float
    sources: list[FigureSource]


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

    def loan(self, loan_id: str = "federal-direct-unsubsidized-graduate") -> Loan:
        return next(x for x in self.loans if x.id == loan_id)
