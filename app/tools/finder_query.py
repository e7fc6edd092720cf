"""The finder's query: which filters a person can set, their accepted spellings, and parsing form or API values.

Split from `app.tools.finder` (the matching itself), which re-exports these names.
"""

from __future__ import annotations

from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from app.errors import InvalidInput

Verdict = bool | None
Modality = Literal["online", "in-person", "hybrid"]
Pace = Literal["part-time", "full-time"]
FieldOfStudy = Literal["machine-learning", "ai", "computer-science", "data-science"]
Background = Literal["no-cs-degree"]
SortKey = Literal["cost", "duration", "fit"]

FILTERS: tuple[str, ...] = ("modality", "pace", "country", "max_tuition", "max_years", "no_gre", "field", "background")
FIELD_LABELS: dict[str, str] = {
    "machine-learning": "machine learning", "ai": "AI", "computer-science": "computer science",
    "data-science": "data science",
}  # fmt: skip
# Records use ISO 3166 codes (GB, not UK); people often type UK.
COUNTRY_ALIASES = {"UK": "GB", "USA": "US"}
_FIELD_ALIASES = {
    "ml": "machine-learning", "machine learning": "machine-learning", "artificial intelligence": "ai",
    "cs": "computer-science", "computer science": "computer-science", "ds": "data-science",
    "data science": "data-science",
}  # fmt: skip
_BACKGROUND_ALIASES = {
    "no cs degree": "no-cs-degree", "no computer science degree": "no-cs-degree", "non-cs": "no-cs-degree",
    "no cs background": "no-cs-degree", "no computer science background": "no-cs-degree",
}  # fmt: skip


class FinderQuery(BaseModel):
    """Every filter is optional; an unset filter does not take part in matching."""

    model_config = ConfigDict(extra="forbid")
    modality: Modality | None = None
    pace: Pace | None = None
    country: str | None = Field(None, description="Country code as in the records, e.g. US, GB (UK), CA.")
    max_tuition: float | None = Field(
        None, ge=0, allow_inf_nan=False, description="Ceiling on estimated total tuition."
    )
    currency: str = Field("USD", description="Currency of max_tuition; programs in other currencies are unknown.")
    max_years: float | None = Field(None, gt=0, allow_inf_nan=False, description="Ceiling on duration in years.")
    no_gre: bool = Field(False, description="Only programs whose GRE policy says it is not required.")
    field: FieldOfStudy | None = None
    background: Background | None = None
    sort: SortKey = "fit"

    @field_validator("modality", "pace", "sort", mode="before")
    @classmethod
    def _lower(cls, v: Any) -> Any:
        return v.strip().lower().replace(" ", "-") if isinstance(v, str) else v

    @field_validator("country", mode="before")
    @classmethod
    def _country(cls, v: Any) -> Any:
        return _code(v, 2, "a country code such as US, GB or CA", COUNTRY_ALIASES)

    @field_validator("currency", mode="before")
    @classmethod
    def _currency(cls, v: Any) -> Any:
        return _code(v, 3, "a currency code such as USD, GBP or EUR", {})

    @field_validator("field", mode="before")
    @classmethod
    def _field(cls, v: Any) -> Any:
        return _alias(v, _FIELD_ALIASES)

    @field_validator("background", mode="before")
    @classmethod
    def _background(cls, v: Any) -> Any:
        found = _alias(v, _BACKGROUND_ALIASES)
        if isinstance(found, str) and found not in Background.__args__:
            raise ValueError(f"unknown background {v!r}; accepted: 'no CS degree'")
        return found

    def active(self) -> tuple[str, ...]:
        """The filters this query sets, in FILTERS order."""
        # 'is', not '==': a ceiling of 0 is a filter (0 == False would drop it); no_gre=False is not.
        return tuple(f for f in FILTERS if getattr(self, f) is not None and getattr(self, f) is not False)


def parse_query(values: dict[str, Any]) -> FinderQuery:
    """A FinderQuery from form or API values (None = filter unset); bad input → InvalidInput in one line."""
    try:
        return FinderQuery(**{k: v for k, v in values.items() if v is not None})
    except ValidationError as e:
        parts = [f"{'.'.join(str(x) for x in err['loc']) or 'query'}: {err['msg'].removeprefix('Value error, ')}"
                 for err in e.errors()]  # fmt: skip
        raise InvalidInput("invalid search: " + "; ".join(parts)) from None


def _code(v: Any, length: int, what: str, aliases: dict[str, str]) -> Any:
    if not isinstance(v, str):
        return v
    code = aliases.get(v.strip().upper(), v.strip().upper())
    if len(code) != length or not code.isalpha() or not code.isascii():
        raise ValueError(f"expected {what}, got {v!r}")
    return code


def _alias(v: Any, aliases: dict[str, str]) -> Any:
    if not isinstance(v, str):
        return v
    key = " ".join(v.lower().replace("_", " ").split())
    return aliases.get(key, key.replace(" ", "-"))
