"""The cost calculator's typed inputs and result (schemas only; the maths is in cost.py and cost_loan.py)."""

from __future__ import annotations

from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator

from app.corpus.records import FigureSource, Source

Role = Literal["machine_learning_engineer", "data_scientist", "data_engineer", "software_engineer"]
ROLES: tuple[str, ...] = Role.__args__
Plan = Literal["standard", "rap"]
# How a loan payment was computed: under the US federal rules (amounts in dollars), on the whole amount at the person's
# own rate (another currency), or for illustration only at the US federal rate and term (another currency, no rate
# given). See cost_loan.us_federal_rules_apply.
PaymentBasis = Literal["us_federal", "your_rate", "illustration"]


def _amount(description: str) -> Any:
    """An optional, finite, non-negative number."""
    return Field(None, ge=0, allow_inf_nan=False, description=description)


def _positive(description: str, le: float) -> Any:
    return Field(None, gt=0, le=le, allow_inf_nan=False, description=description)


class CostInputs(BaseModel):
    """What the user knows; gaps are filled from the program record or cited figures, or reported missing."""

    model_config = ConfigDict(extra="forbid")
    tuition_per_year: float | None = _amount("Tuition per year. Give tuition one way only: per year/credit/total.")
    tuition_per_credit: float | None = _amount("Tuition per credit hour; multiplied by `credits`.")
    credits: float | None = _positive("Credits in the degree (with tuition_per_credit).", le=1000)
    tuition_total: float | None = _amount("Tuition for the whole degree.")
    terms: float | None = _positive("Terms (semesters or quarters) billed, with a program's per-term tuition.", le=40)
    fees_per_year: float | None = _amount("Mandatory fees per year (not included in tuition).")
    years: float | None = _positive("Years of study; 1.5 = 18 months.", le=20)
    living_per_month: float | None = _amount("Living costs per month while studying (rent, food, transport).")
    relocation: float | None = _amount("One-time moving/relocation cost.")
    employer_aid_per_year: float | None = _amount("Tuition an employer pays a year (tuition assistance): taken off the "
                                                  "tuition, never below zero.")
    salary_before: float | None = _amount("Current annual salary; forgone while studying full-time.")
    salary_after: float | None = _amount("Expected annual salary after the degree.")
    role: Role | None = Field(None, description="Target job; sets salary_after from the guide if it is not given "
                              "(the guide's salaries are US dollars: used only with costs in dollars).")
    part_time: bool | None = Field(None, description="True if studying part-time while keeping the job (no forgone "
                                   "income); unset: assumed from the program (online and not only full-time: keeps it).")
    loan: float | None = _amount("Amount borrowed. Give loan or savings, not both.")
    savings: float | None = _amount("Cash available; the loan is the cost of attendance minus this.")
    savings_share: float | None = Field(
        None, ge=0, le=1, allow_inf_nan=False, description="Share of the cost of attendance paid from savings (0.4 = 40%)."
    )
    apr_percent: float | None = Field(None, ge=0, le=100, allow_inf_nan=False, description="Loan APR in %, e.g. 7.94.")
    term_years: float | None = _positive("Repayment term in years.", le=50)
    accrue_in_school: bool = Field(False, description="True if interest accrues in school and in the grace period "
                                   "(US dollar loans: a loan in another currency gets none, our sources hold nothing "
                                   "on it).")  # fmt: skip
    legacy_borrower: bool = Field(
        False, description="True if you borrowed a Direct Loan for this program before July 1, 2026: keeps Grad PLUS "
        "and the 10-year standard term (no new federal cap)."
    )  # fmt: skip
    dependents: int | None = Field(None, ge=0, le=30, description="Dependents claimed, for the RAP payment (default 0).")
    repayment_plan: Plan = Field("standard", description="Plan the balance chart and debt-to-income follow.")
    program_id: str | None = Field(None, description="Program id, e.g. 'gatech-omscs'; fills tuition and years.")
    currency: str | None = Field(None, description="Currency of the amounts given (ISO code, e.g. 'INR'), when said. "
                                 "Never converted: with a program it must be the program's.")  # fmt: skip

    @model_validator(mode="after")
    def _one_way_each(self) -> CostInputs:
        ways = [n for n in ("tuition_per_year", "tuition_per_credit", "tuition_total") if getattr(self, n) is not None]
        if len(ways) > 1:
            raise ValueError(f"conflicting tuition inputs {', '.join(ways)}: give tuition one way only")
        given = [n for n in ("loan", "savings", "savings_share") if getattr(self, n) is not None]
        if len(given) > 1:
            said = {"loan": "a loan amount", "savings": "your savings", "savings_share": "a share paid from savings"}
            raise ValueError(f"you gave {' and '.join(said[n] for n in given)}: say which one pays for it (one way "
                             "of paying: a loan amount, your savings, or a share from savings)")  # fmt: skip
        return self


class Assumption(BaseModel):
    """A default filled from data, with its citation."""

    field: str
    value: float | str
    label: str
    url: str
    as_of: str
    quote: str
    section: str | None = None
    currency: str | None = None  # of a money value: the program's for its tuition and fees; None = USD (US figures)


class ScheduleRow(BaseModel):
    year: int
    payment: float
    interest: float
    principal: float
    balance: float


class RapEstimate(BaseModel):
    """Repaying the federal loan under the Repayment Assistance Plan at the salary after (taken as AGI), fixed."""

    agi: float
    income_now: bool = False  # the AGI is the income the person earns now (a loan already owed), not the salary after
    dependents: int
    percent_of_agi: float
    first_year_monthly_payment: float
    monthly_interest: float  # the first month's interest on the balance entering repayment
    payment_below_interest: bool
    paid_off_within_30_years: bool
    months_to_payoff: int | None
    forgiven_amount: float
    total_paid: float


class CostResult(BaseModel):
    """Money amounts are rounded to cents; None means an input it needs is missing (see `missing`)."""

    currency: str | None  # None: the program record states no currency
    tuition: float | None = None
    employer_aid: float | None = None  # tuition the employer pays over the years of study, taken off the cost
    fees_total: float | None = None
    living_total: float | None = None
    relocation: float = 0.0
    years: float | None = None
    total_cost_of_attendance: float | None = None
    forgone_income: float | None = None
    total_economic_cost: float | None = None
    loan_principal: float | None = None
    apr_percent: float | None = None
    term_years: float | None = None
    accrued_interest: float = 0.0
    monthly_payment: float | None = None
    total_interest: float | None = None
    total_repaid: float | None = None
    salary_after: float | None = None
    break_even_years: float | None = None
    debt_to_income: float | None = None
    loan_risk_note: str | None = None
    schedule: list[ScheduleRow] = []
    # The July 2026 federal rules (app/tools/loans.py): need = federal loan (loan_principal) + remainder.
    borrowing_need: float | None = None  # the amount to borrow, before the federal cap
    federal_loan: float | None = None  # the federal Direct Unsubsidized part; equal to loan_principal
    federal_cap: float | None = None  # None: no cap modelled (legacy borrower) or no loan
    loan_remainder: float | None = None  # above the cap: savings or a private loan, no payment computed
    remainder_note: str | None = None
    term_tier: str | None = None  # '$25,000 to $49,999: 15 years', when the term comes from the tiers
    term_source: str | None = None  # user / tier / legacy
    rate_label: str | None = None
    grad_plus_available: bool | None = None
    repayment_plan: Plan = "standard"
    rap: RapEstimate | None = None  # when the salary after is known and the loan is under the new rules
    rap_schedule: list[ScheduleRow] = []
    payment_basis: PaymentBasis | None = None  # None: nothing borrowed, or not known
    assumptions: list[Assumption] = []
    missing: list[str] = []
    missing_reasons: dict[str, str] = {}
    notes: list[str] = []
    counted_as_zero: list[str] = []  # inputs not given and counted as 0 (fees_per_year, living_per_month, relocation)


class Work:
    """One calculation's bookkeeping: what was assumed (cited), what is missing and why, and notes."""

    def __init__(self) -> None:
        self.assumptions: list[Assumption] = []
        self.missing: dict[str, str] = {}
        self.notes: list[str] = []
        self.zeroed: list[str] = []  # inputs not given, counted as 0: shown as "not included", never as a cost of 0

    def need(self, name: str, why: str) -> None:
        self.missing.setdefault(name, why)  # the first, most specific reason wins

    def cite(self, field: str, value: float | str, label: str, src: Source | FigureSource | Any,
             currency: str | None = None) -> None:  # fmt: skip
        """`src`: anything with url, as_of and quote (a program Source, a FigureSource, a loans.Citation)."""
        self.assumptions.append(Assumption(field=field, value=value, label=label, url=src.url, as_of=src.as_of,
                                           quote=src.quote, currency=currency))  # fmt: skip
