"""Cost of a master's: cost of attendance, forgone income, loan payments, break-even; every default cited."""

from __future__ import annotations

import math
import re
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator

from app.corpus.load import Corpus
from app.corpus.records import FigureSource, Program, Source
from app.corpus.text import money, plural
from app.errors import InvalidInput, UnknownProgram
from app.tools.tuition import parse_duration_terms, parse_duration_years

Role = Literal["machine_learning_engineer", "data_scientist", "data_engineer", "software_engineer"]
ROLES: tuple[str, ...] = Role.__args__
LOAN_ID = "federal-direct-unsubsidized-graduate"
GUIDE_AS_OF = "2026 (guide; the Salary.com figure's own year is not stated)"
# Debt-to-income rule of thumb, stated to the user as guidance (no source in the corpus backs it).
DTI_MANAGEABLE, DTI_HEAVY = 0.10, 0.20


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
    fees_per_year: float | None = _amount("Mandatory fees per year (not included in tuition).")
    years: float | None = _positive("Years of study; 1.5 = 18 months.", le=20)
    living_per_month: float | None = _amount("Living costs per month while studying (rent, food, transport).")
    relocation: float | None = _amount("One-time moving/relocation cost.")
    salary_before: float | None = _amount("Current annual salary; forgone while studying full-time.")
    salary_after: float | None = _amount("Expected annual salary after the degree.")
    role: Role | None = Field(None, description="Target job; sets salary_after from the guide if it is not given.")
    part_time: bool = Field(False, description="True if studying part-time while keeping the job (no forgone income).")
    loan: float | None = _amount("Amount borrowed. Give loan or savings, not both.")
    savings: float | None = _amount("Cash available; the loan is the cost of attendance minus this.")
    apr_percent: float | None = Field(None, ge=0, le=100, allow_inf_nan=False, description="Loan APR in %, e.g. 7.94.")
    term_years: float | None = _positive("Repayment term in years.", le=50)
    accrue_in_school: bool = Field(False, description="True if interest accrues in school and in the grace period.")
    program_id: str | None = Field(None, description="Program id, e.g. 'gatech-omscs'; fills tuition and years.")

    @model_validator(mode="after")
    def _one_way_each(self) -> CostInputs:
        ways = [n for n in ("tuition_per_year", "tuition_per_credit", "tuition_total") if getattr(self, n) is not None]
        if len(ways) > 1:
            raise ValueError(f"conflicting tuition inputs {', '.join(ways)}: give tuition one way only")
        if self.loan is not None and self.savings is not None:
            raise ValueError("give loan or savings, not both")
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


class ScheduleRow(BaseModel):
    year: int
    payment: float
    interest: float
    principal: float
    balance: float


class CostResult(BaseModel):
    """Money amounts are rounded to cents; None means an input it needs is missing (see `missing`)."""

    currency: str | None  # None: the program record states no currency
    tuition: float | None = None
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
    assumptions: list[Assumption] = []
    missing: list[str] = []
    missing_reasons: dict[str, str] = {}
    notes: list[str] = []


# --- pure helpers ----------------------------------------------------------------------------


def parse_inputs(data: dict[str, Any]) -> CostInputs:
    """Validate raw inputs; raise InvalidInput naming every bad field."""
    try:
        return CostInputs.model_validate(data)
    except ValidationError as e:
        raise InvalidInput(format_validation_error(e)) from e


def format_validation_error(e: ValidationError) -> str:
    """One line naming each bad field, e.g. "invalid input: years: Input should be greater than 0"."""
    parts = [
        (f"{'.'.join(str(p) for p in err['loc'])}: " if err["loc"] else "") + err["msg"].removeprefix("Value error, ")
        for err in e.errors()
    ]
    return "invalid input: " + "; ".join(parts)


def monthly_payment(principal: float, apr_percent: float, term_years: float) -> float:
    """Standard amortized payment (r = APR/12, n = 12 × term); APR 0 → principal / n. Unrounded."""
    n = max(1, round(12 * term_years))
    r = apr_percent / 100 / 12
    return principal / n if r == 0 else principal * r / (1 - (1 + r) ** -n)


def amortization_schedule(principal: float, apr_percent: float, term_years: float) -> list[ScheduleRow]:
    """Year-by-year totals of payments, interest and principal, and the balance at each year's end."""
    n, r = max(1, round(12 * term_years)), apr_percent / 100 / 12
    pay, balance, rows = monthly_payment(principal, apr_percent, term_years), principal, []
    for year in range(1, math.ceil(n / 12) + 1):
        paid = interest = 0.0
        for _ in range(min(12, n - 12 * (year - 1))):
            i = balance * r
            p = min(pay - i, balance)  # the last payment only clears what is left
            balance -= p
            paid, interest = paid + i + p, interest + i
        balance = 0.0 if abs(balance) < 0.005 else balance
        row = {"payment": paid, "interest": interest, "principal": paid - interest, "balance": balance}
        rows.append(ScheduleRow(year=year, **{k: round(v, 2) for k, v in row.items()}))
    return rows


def accrued_interest(principal: float, apr_percent: float, years: float, grace_months: float) -> float:
    """Simple interest while in school and grace; disbursed evenly, so average time out = years/2 + grace."""
    return principal * apr_percent / 100 * (years / 2 + grace_months / 12)




def loan_risk_note(dti: float) -> str:
    """Plain-language reading of debt-to-income, with the rule-of-thumb thresholds spelled out."""
    level = "manageable" if dti < DTI_MANAGEABLE else "heavy" if dti <= DTI_HEAVY else "high risk"
    return (
        f"Loan payments would take {dti:.1%} of your gross salary after the degree: {level}. Rule of thumb used "
        "(guidance, not a sourced figure): under 10% manageable, 10–20% heavy, over 20% high risk."
    )


fmt_money = money  # one money format for the whole app


def _c(x: float | None) -> float | None:
    return None if x is None else round(x + 0.0, 2)


def _figure_source(sources: list[FigureSource], field: str) -> FigureSource:
    return next(s for s in sources if field in s.supports)


def _program_source(program: Program, path: str) -> Source:
    """The preferred source of a field (sources_for lists exact matches first)."""
    return program.sources_for(path)[0]


# --- the calculation -------------------------------------------------------------------------


class _Work:
    """One calculation's bookkeeping: what was assumed (cited), what is missing and why, and notes."""

    def __init__(self) -> None:
        self.assumptions: list[Assumption] = []
        self.missing: dict[str, str] = {}
        self.notes: list[str] = []

    def need(self, name: str, why: str) -> None:
        self.missing.setdefault(name, why)  # the first, most specific reason wins

    def cite(self, field: str, value: float, label: str, src: Source | FigureSource) -> None:
        self.assumptions.append(
            Assumption(field=field, value=value, label=label, url=src.url, as_of=src.as_of, quote=src.quote)
        )


def _program_tuition(p: Program, credits: float | None, years: float | None, w: _Work) -> float | None:
    """Tuition from the record, trying per credit, per year, per term, then total; cites the source used."""
    t, cur, terms = p.tuition, p.tuition.currency or "USD", parse_duration_terms(p.duration)
    options = [  # (field, rate, multiplier, input needed for the multiplier, how the rate was applied)
        ("tuition.per_credit", t.per_credit, credits, "credits", f"per credit × {credits or 0:g} credits"),
        ("tuition.per_year", t.per_year, years, "years", f"per year × {years or 0:.4g} years"),
        ("tuition.per_term", t.per_term, terms, "tuition", f"per term × {terms} terms ({p.duration})"),
        ("tuition.total", t.total, 1.0, "tuition", "for the whole program"),
    ]
    usable = [(path, rate, rate * n, how) for path, rate, n, _, how in options if rate is not None and n is not None]
    if not usable:
        if all(rate is None for _, rate, _, _, _ in options):
            w.need("tuition", f"{p.title} has no published tuition in our sources")
        for path, rate, _, needs, _ in options:
            if rate is not None:
                why = f"the program charges {fmt_money(rate, cur)} {_unit(path)}"
                if needs == "tuition":
                    why += f" and its duration {p.duration!r} is not a single number of terms"
                w.need(needs, why)
        return None
    path, rate, amount, how = usable[0]
    src = _program_source(p, path)
    w.cite("tuition", round(amount, 2), f"{p.title}: {fmt_money(rate, cur)} {how}", src)
    if others := [f"{fmt_money(v, cur)} ({k})" for k, _, v, _ in usable[1:] if abs(v - amount) >= 1]:
        w.notes.append(f"The record also gives {', '.join(others)}; {path} was used.")
    if t.basis and re.search(r"[$£€]\s?\d|\d ?(?:GBP|CAD|EUR|USD)", t.basis):
        w.notes.append(
            f"Tuition used: {fmt_money(rate, cur)} {_unit(path)} (as of {src.as_of}), but the record's basis "
            f"mentions other figures (not averaged or picked): '{t.basis}'."
        )
    elif t.basis:
        w.notes.append(f"Tuition basis in the record: '{t.basis}'.")
    return amount


def _unit(path: str) -> str:
    """'tuition.per_credit' → 'per credit'."""
    return path.split(".")[-1].replace("_", " ").replace("total", "in total")


def _years(inputs: CostInputs, program: Program | None, w: _Work) -> float | None:
    """Years of study: the user's, else the program's duration when it is one unambiguous number."""
    if inputs.years is not None or program is None:
        if inputs.years is None:
            w.need("years", "years of study")
        return inputs.years
    years = parse_duration_years(program.duration)
    if years is None:
        w.need("years", f"the program's duration {program.duration!r} is not a single number" if program.duration
               else f"{program.title} has no published duration in our sources")  # fmt: skip
        return None
    w.cite("years", round(years, 4), f"{program.title}: duration '{program.duration}'",
           _program_source(program, "duration"))  # fmt: skip
    if terms := parse_duration_terms(program.duration):
        per_year = round(terms / years)
        kind = "long semesters" if per_year == 2 else "quarters"
        w.notes.append(f"Duration '{program.duration}' read as {years:g} years, assuming {per_year} {kind} per "
                       "academic year (summer excluded).")  # fmt: skip
    return years


def _tuition(inputs: CostInputs, program: Program | None, years: float | None, w: _Work) -> float | None:
    credits = inputs.credits
    if credits is None and program is not None and program.credits is not None:
        credits = program.credits
        w.cite("credits", credits, f"{program.title}: {credits:g} {program.credit_unit or 'credits'}",
               _program_source(program, "credits"))  # fmt: skip
    if inputs.tuition_total is not None:
        return inputs.tuition_total
    if inputs.tuition_per_year is not None:
        return None if years is None else inputs.tuition_per_year * years
    if inputs.tuition_per_credit is not None:
        if credits is None:
            w.need("credits", "tuition is per credit")
        return None if credits is None else inputs.tuition_per_credit * credits
    if program is not None:
        return _program_tuition(program, credits, years, w)
    w.need("tuition", "tuition per year, per credit (with credits) or total")
    return None


def calculate(inputs: CostInputs, corpus: Corpus) -> CostResult:
    """Full cost picture; user values win, gaps are filled from cited data or listed in `missing`."""
    w, fig, program = _Work(), corpus.figures, None
    if inputs.program_id is not None:
        if inputs.program_id not in corpus.program_ids:
            raise UnknownProgram(f"unknown program id '{inputs.program_id}'; known: {', '.join(corpus.program_ids)}")
        program = corpus.program(inputs.program_id)
    currency = program.tuition.currency if program else "USD"
    if program and currency is None and program.country == "US":
        currency = "USD"
    if program and currency != "USD":
        w.notes.append(
            (f"{program.title} charges in {currency}; all amounts are taken as {currency} and never converted."
             if currency else f"The record of {program.title} ({program.country}) states no currency; amounts are "
             "in whatever currency you enter, never converted.")
            + " The loan rate, term and role salaries are US (USD) figures."
        )  # fmt: skip
    years = _years(inputs, program, w)
    tuition = _tuition(inputs, program, years, w)

    fees = inputs.fees_per_year
    if fees is None and program is not None and program.fees_per_year is not None:
        fees = program.fees_per_year
        w.cite("fees_per_year", fees, f"{program.title}: fees per year", _program_source(program, "fees_per_year"))
    given = {"fees_per_year": fees, "living_per_month": inputs.living_per_month, "relocation": inputs.relocation}
    if zeroed := [k for k, v in given.items() if v is None]:
        w.notes.append(f"Not given, counted as 0: {', '.join(zeroed)}.")

    def per_years(annual: float) -> float | None:
        return 0.0 if annual == 0 else None if years is None else annual * years

    fees_total, living_total = per_years(fees or 0.0), per_years(12 * (inputs.living_per_month or 0.0))
    relocation = inputs.relocation or 0.0
    coa: float | None = None
    if tuition is not None and fees_total is not None and living_total is not None:
        coa = tuition + fees_total + living_total + relocation

    before = inputs.salary_before
    if before is None:
        w.need("salary_before", "current salary (0 if none), for the raise in break-even"
               + ("" if inputs.part_time else " and the income forgone while studying full-time"))  # fmt: skip
    # Part-time students keep their job, so nothing is forgone.
    forgone = 0.0 if inputs.part_time else None if before is None else per_years(before)
    economic = None if coa is None or forgone is None else coa + forgone

    salary_after = inputs.salary_after
    if salary_after is None and inputs.role is not None:
        g = fig.salaries_usd_per_year[inputs.role]
        salary_after = g.value
        quote = corpus.guide_sentence(f"${g.value:,.0f}", g.section)
        w.assumptions.append(Assumption(field="salary_after", value=g.value, label=f"average {g.section} salary (US)",
                                        url="guide", as_of=GUIDE_AS_OF, quote=quote, section=g.section))  # fmt: skip
    elif salary_after is None:
        w.need("salary_after", "expected salary after the degree (or a role: " + ", ".join(ROLES) + ")")

    principal = inputs.loan
    if principal is None and inputs.savings is not None:
        principal = None if coa is None else max(coa - inputs.savings, 0.0)
    elif principal is None:
        w.need("loan", "amount borrowed, or savings (the loan is then cost of attendance minus savings)")

    apr, term, accrued = inputs.apr_percent, inputs.term_years, 0.0
    monthly = total_interest = total_repaid = dti = None
    schedule: list[ScheduleRow] = []
    if principal:
        loan_fig, rep = fig.loan(LOAN_ID), fig.repayment
        if apr is None:
            apr = loan_fig.apr_percent
            w.cite("apr_percent", apr, f"{loan_fig.name}, {loan_fig.applies_to}; the rate resets every July 1",
                   _figure_source(loan_fig.sources, "apr_percent"))  # fmt: skip
        if term is None:
            term = rep.standard_term_years
            w.cite("term_years", term, "standard federal repayment term",
                   _figure_source(rep.sources, "standard_term_years"))  # fmt: skip
        if inputs.accrue_in_school:
            grace = rep.grace_period_months
            w.cite("grace_period_months", grace, "federal grace period before repayment starts",
                   _figure_source(rep.sources, "grace_period_months"))  # fmt: skip
            if years is None:
                w.need("years", "years of study, for the interest accrued in school")
            else:
                accrued = accrued_interest(principal, apr, years, grace)
                w.notes.append(
                    f"In-school interest: simple interest at {apr:g}% for {plural(years / 2 + grace / 12, 'year')} "
                    f"on average (loan disbursed evenly over {plural(years, 'year')} of study, then a {grace:g}-month "
                    "grace period), added to the principal when repayment starts."
                )
        monthly = monthly_payment(principal + accrued, apr, term)
        total_repaid = monthly * max(1, round(12 * term))
        total_interest = total_repaid - principal  # includes the capitalized in-school interest
        schedule = amortization_schedule(principal + accrued, apr, term)
    elif principal == 0:
        monthly = total_interest = total_repaid = 0.0

    break_even = None
    if economic is not None and salary_after is not None and before is not None:
        if salary_after > before:
            break_even = economic / (salary_after - before)
        else:
            w.notes.append("No break-even: the salary after the degree is not higher than the salary before.")
    else:
        w.notes.append("Break-even not computed: it needs the total economic cost and both salaries.")
    if monthly is not None and salary_after:
        dti = 12 * monthly / salary_after

    return CostResult(
        currency=currency, tuition=_c(tuition), fees_total=_c(fees_total), living_total=_c(living_total),
        relocation=_c(relocation) or 0.0, years=years, total_cost_of_attendance=_c(coa), forgone_income=_c(forgone),
        total_economic_cost=_c(economic), loan_principal=_c(principal), apr_percent=apr, term_years=term,
        accrued_interest=_c(accrued) or 0.0, monthly_payment=_c(monthly), total_interest=_c(total_interest),
        total_repaid=_c(total_repaid), salary_after=salary_after,
        break_even_years=None if break_even is None else round(break_even, 2),
        debt_to_income=None if dti is None else round(dti, 4),
        loan_risk_note=None if dti is None else loan_risk_note(dti),
        schedule=schedule, assumptions=w.assumptions, missing=list(w.missing), missing_reasons=w.missing, notes=w.notes,
    )  # fmt: skip


# --- LangChain tool --------------------------------------------------------------------------


