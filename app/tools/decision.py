"""Is it worth it for me? One row per program: what it costs this person, what they give up, when it pays back.

Pure functions on typed data. Each row runs the cost calculator once with the person's numbers, then computes the
payback in three scenarios of the salary after the degree:
- pessimistic: the low end of the guide's ML engineer range (LinkedIn 2022);
- base: the person's own expected salary, else the guide's average for their target role (ML engineer by default);
- optimistic: the high end of that range.
Payback years = total economic cost ÷ yearly raise; with no raise there is no payback from salary alone.
Every default is an `Assumption` with its source, so the answer can say what it assumed and how to change it.
"""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from app.corpus.load import Corpus
from app.corpus.records import Program
from app.corpus.text import money, plural, program_labels
from app.errors import CurrencyMismatch
from app.tools.cost import (
    ROLES,
    Assumption,
    CostResult,
    calculate,
    guide_as_of,
    keeps_working,
    other_length,
    parse_inputs,
)
from app.tools.cost_loan import own_loan
from app.tools.cost_render import ILLUSTRATION, illustrative
from app.tools.cost_salary import GUIDE_SALARY_CURRENCY, salary_comparable
from app.tools.finder import FinderQuery, find_programs
from app.tools.tuition import why_no_tuition

Scenario = Literal["pessimistic", "base", "optimistic"]
SCENARIOS: tuple[Scenario, ...] = ("pessimistic", "base", "optimistic")
RANGE_KEY = "ml_engineer_range_linkedin_2022"
MAX_DECISION_PROGRAMS = 3
# What to ask for, in the person's words, when one input would change the result most.
ASK_FOR = {"salary_before": "what you earn now (or 0)", "tuition": "the program's tuition", "years": "how long you'd study"}
# An input the total economic cost still needs, as the verdict line names it.
NEEDS = {"salary_before": "your salary now", "tuition": "the tuition", "years": "how long you'd study",
         "credits": "the number of credits", "terms": "how many terms you'd pay for"}  # fmt: skip
# What a person may say that a decision weighs and echoes back as "you said", in DecisionInputs' names (one list for
# the pipeline that reads them, the decision that passes them to the calculator, and the answer that echoes them).
STATED = ("salary_before", "salary_after", "savings", "currency", "loan", "savings_share", "apr_percent", "term_years",
          "living_per_month", "relocation", "tuition_per_year", "tuition_total", "tuition_per_credit",
          "employer_aid_per_year")
# The person's own program ("a 2 year masters that costs 45k/yr", its tuition said one of cost.OWN_TUITION's ways):
# with no program named, the decision is on that program, as they described it; with one named, their figure wins.
OWN_ID = "your-program"  # the row of the program the person described (not one of ours: no record, no citation)
NO_PAYBACK = "no payback from salary alone: the salary after is not higher than the salary before"


class DecisionInputs(BaseModel):
    """What the person said (None = not said); the rest is assumed from cited data and listed as such."""

    model_config = ConfigDict(extra="forbid")
    salary_before: float | None = Field(None, ge=0, description="Salary now, per year.")
    salary_after: float | None = Field(None, ge=0, description="Expected salary after the degree, per year.")
    target_role: str | None = Field(None, description=f"One of {', '.join(ROLES)}; ML engineer when not given.")
    keep_working: bool | None = Field(None, description="True: keeps the job while studying; None: assumed per program.")
    savings: float | None = Field(None, ge=0, description="Cash available; the rest is borrowed.")
    years: float | None = Field(None, gt=0, le=20, description="Years of study, when the person said.")
    legacy_borrower: bool = Field(False, description="Borrowed for this program before July 1, 2026.")
    currency: str | None = Field(None, description="Currency the person's amounts were written in, when said.")
    # How they would pay, when said ("borrow the rest at 6%", "I'd borrow everything"): the monthly payment follows.
    loan: float | None = Field(None, ge=0, description="Amount to borrow, when said.")
    savings_share: float | None = Field(None, ge=0, le=1, description="Share of the cost paid from savings, when said.")
    apr_percent: float | None = Field(None, ge=0, le=100, description="Loan rate in %, when said.")
    term_years: float | None = Field(None, gt=0, le=50, description="Repayment term in years, when said.")
    living_per_month: float | None = Field(None, ge=0, description="Living costs per month while studying, when said.")
    relocation: float | None = Field(None, ge=0, description="One-time moving cost, when said.")
    employer_aid_per_year: float | None = Field(None, ge=0, description="Tuition their employer pays a year, when said.")
    tuition_per_year: float | None = Field(None, ge=0, description="Tuition per year of their program, when said.")
    tuition_total: float | None = Field(None, ge=0, description="Tuition of their whole program, when said.")
    tuition_per_credit: float | None = Field(None, ge=0, description="Tuition per credit of their program, when said.")
    living_for: dict[str, float] = Field(
        default_factory=dict, description="Per program id, a living cost said of its place ('rent would be $1,500 "
        "there', of the one in-person program)."
    )  # fmt: skip
    keep_working_for: dict[str, bool] = Field(
        default_factory=dict, description="Per program id, when the person said it for one program ('UW part-time "
        "while working vs all in on NYU')."
    )  # fmt: skip


class Payback(BaseModel):
    salary_after: float
    raise_per_year: float
    break_even_years: float | None
    reason: str | None = None  # why there is no number
    currency: str = "USD"  # of the salaries: the scenarios are US figures; a person's own can be in their currency


IN_EFFECT_NEVER = 50  # years: a payback beyond a working life ("~425 years" from an $883 raise) is said to be one


def payback_years(years: float) -> str:
    """'~9 months', '~5.1 years': one way to say a break-even time, in chat and in the web view."""
    if years > IN_EFFECT_NEVER:
        return f"~{years:.0f} years (in effect never)"
    return f"~{plural(round(years * 12), 'month')}" if years < 1 else f"~{years:.1f} years"


def payback_cell(p: Payback) -> str:
    """A payback cell: its time, "never" when the raise is not positive, "not computed" when a number is missing
    ("none" read as "never pays back" where nothing had been computed)."""
    if p.break_even_years is None:
        return "never" if p.reason == NO_PAYBACK else "not computed"
    return payback_years(p.break_even_years)


def payment_cell(r: DecisionRow) -> str:
    """The monthly loan payment cell: said to be for illustration only when it is a US federal rate's payment on a
    loan in another currency (cost_render.illustrative), as in the cost breakdown."""
    if r.monthly_payment is None:
        return "—"
    if r.loan_remainder and r.federal_loan is not None:
        # "$390.40" alone reads as the payment on the $100k they'd borrow: it is on the federal part only.
        return (f"{money(r.monthly_payment, r.currency)} on the federal {money(r.federal_loan, r.currency)} only "
                f"({money(r.loan_remainder, r.currency)} above the cap not included)")
    return money(r.monthly_payment, r.payment_currency or r.currency) + (f" ({ILLUSTRATION})" if r.payment_illustrative else "")


def scenario_label(rows: list[DecisionRow], s: Scenario) -> str:
    """'base', or 'yours' when the person gave their own salary after: it is not the guide's middle case, and can
    sit above the optimistic one ($180k said, $170k the top of the range)."""
    return "yours" if s == "base" and rows and rows[0].salary_after_stated else s


class DecisionRow(BaseModel):
    program_id: str
    title: str
    label: str  # its column's heading, distinct among the rows decided together (app.corpus.text.program_labels)
    currency: str | None
    keeps_working: bool
    keeps_working_why: str
    years: float | None
    cost_of_attendance: float | None
    forgone_income: float | None
    total_economic_cost: float | None
    salary_before: float | None
    salary_after: float | None  # the base scenario's
    salary_after_stated: bool = False  # the person said it: the base case is theirs
    raise_per_year: float | None
    break_even_years: dict[str, float | None]
    payback: dict[str, Payback]
    monthly_payment: float | None
    payment_illustrative: bool = False  # a US federal rate's payment on a loan in another currency: not theirs
    federal_loan: float | None = None  # the federal part the payment is on, when some is above the federal cap
    loan_remainder: float | None = None  # above the cap: savings or a private loan, no payment computed for it
    payment_currency: str | None = None  # set when the loan is in another currency than the program (own_loan)
    assumptions: list[Assumption]
    missing: list[str]
    notes: list[str]
    cost_gap: str | None = None  # why the total economic cost is not computed, in plain words (None: it is)


def _payback(economic: float | None, before: float | None, after: float) -> Payback:
    raise_ = after - (before or 0.0)
    if economic is None or before is None:
        reason = "needs your salary now" if before is None else "the total cost is not computable from our data"
        return Payback(salary_after=after, raise_per_year=raise_, break_even_years=None, reason=reason)
    if raise_ <= 0:
        return Payback(salary_after=after, raise_per_year=raise_, break_even_years=None, reason=NO_PAYBACK)
    return Payback(salary_after=after, raise_per_year=raise_, break_even_years=round(economic / raise_, 2))


def _scenario_salaries(inputs: DecisionInputs, corpus: Corpus) -> tuple[dict[Scenario, float], list[Assumption]]:
    salaries = corpus.figures.salaries_usd_per_year
    span = salaries[RANGE_KEY]
    cited = []
    if inputs.salary_after is not None:
        base = inputs.salary_after
    else:
        role = inputs.target_role if inputs.target_role in ROLES else "machine_learning_engineer"
        fig = salaries[role]
        base = float(fig.value or 0)
        cited.append(Assumption(field="salary_after", value=base, label=f"average {fig.section} salary (US), base case",
                                url="guide", as_of=guide_as_of("Salary.com figure"),
                                quote=corpus.guide_sentence(f"${base:,.0f}", fig.section), section=fig.section))  # fmt: skip
    quote = corpus.guide_sentence(f"${span.low:,.0f}")
    for name, value in (("pessimistic", span.low), ("optimistic", span.high)):
        cited.append(Assumption(field=f"salary_after_{name}", value=float(value or 0),
                                label=f"{'low' if name == 'pessimistic' else 'high'} end of the ML engineer salary "
                                "range (LinkedIn 2022), " + name + " case", url="guide", as_of="2022 (LinkedIn, in the guide)",
                                quote=quote, section=span.section))  # fmt: skip
    return {"pessimistic": float(span.low or 0), "base": base, "optimistic": float(span.high or 0)}, cited


def _cost_gap(p: Program | None, cost: CostResult, mixed: str | None = None) -> str | None:
    """What keeps the total economic cost from being computed, said once: the record's own reason when it holds no
    tuition ("tuition not in our sources (the MCDS cost page … was not in the stored excerpt)"), else each input
    still needed with why. None when the total is computed."""
    if cost.total_economic_cost is not None:
        return None
    unpublished = p is not None and all(getattr(p.tuition, k) is None for k in ("per_credit", "per_year", "per_term", "total"))
    if p is not None and unpublished and cost.tuition is None:
        return f"tuition not in our sources ({why_no_tuition(p.tuition.basis) or 'we hold no published tuition for it'})"
    needed = [m for m in cost.missing if m not in ("salary_after", "loan")]
    if mixed and "salary_before" in needed:  # "€60k" was said, for a program in CHF: never "needs your salary now"
        return mixed.removeprefix("not computed: ")
    if needed == ["salary_before"]:  # the one thing missing is theirs to say: the answer asks for it
        return f"needs {NEEDS['salary_before']}"
    return "; ".join(f"needs {NEEDS.get(m, m.replace('_', ' '))}" + (f" ({why})" if (why := cost.missing_reasons.get(m))
                     and m != "salary_before" else "") for m in needed) or None  # fmt: skip


def decide_one(p: Program | None, inputs: DecisionInputs, corpus: Corpus) -> DecisionRow:
    """The decision row for one program; None: the program the person described with their own numbers."""
    working, why = keeps_working(p, inputs.keep_working_for.get(p.id, inputs.keep_working) if p else inputs.keep_working)
    if longer := other_length(p, inputs.years, working):  # the decision shows why, not the calculator's notes
        why = f"{why}; {longer[0].lower()}{longer[1:].rstrip('.')}"
    pid, title = (p.id, p.title) if p else (OWN_ID, "Your program (as you described it)")
    # The salary after is the payback's, below, not the calculator's break-even.
    args: dict[str, object] = {"program_id": p and p.id, "part_time": working, "years": inputs.years,
                               **{k: getattr(inputs, k) for k in STATED if k != "salary_after"}}  # fmt: skip
    if pid in inputs.living_for:
        args["living_per_month"] = inputs.living_for[pid]
    if inputs.loan is not None or inputs.savings_share is not None:
        args["savings"] = None  # a loan amount or a share said later is how they pay now (the calculator takes one)
    mixed, paid = None, None  # paid: the person's own loan in their currency, when the program's is another
    try:
        cost: CostResult = calculate(parse_inputs({k: v for k, v in args.items() if v is not None}), corpus)
    except CurrencyMismatch as e:  # their salary in INR, the tuition in USD: the program's costs alone, never converted
        mixed = f"not computed: {e}"
        own = ("salary_before", "savings", "currency", "loan")
        cost = calculate(parse_inputs({k: v for k, v in args.items() if v is not None and k not in own}), corpus)
        if (theirs := own_loan(parse_inputs({k: v for k, v in args.items() if v is not None}))) is not None:
            paid = calculate(theirs, corpus)  # "a ₹5 lakh loan at 9%": its payment is theirs, in their currency
    salaries, cited = _scenario_salaries(inputs, corpus)
    # The scenarios' salaries are the guide's, in US dollars: weighed only against costs in dollars (cost_salary's
    # rule, the calculator's too); a record stating no currency is not known to be in dollars.
    comparable = salary_comparable(GUIDE_SALARY_CURRENCY, cost.currency) and mixed is None
    notes = list(cost.notes)
    if comparable:
        payback = {s: _payback(cost.total_economic_cost, inputs.salary_before, salaries[s]) for s in SCENARIOS}
    else:  # a tuition in another currency is never converted, so no payback is computed
        charges = f"{title} charges in {cost.currency}" if cost.currency else f"the record of {title} states no currency"
        reason = mixed or f"not computed: {charges}, the salaries are in USD (never converted)"
        payback = {s: Payback(salary_after=salaries[s], raise_per_year=salaries[s] - (inputs.salary_before or 0),
                              break_even_years=None, reason=reason) for s in SCENARIOS}  # fmt: skip
        if mixed is None and inputs.salary_after is not None and salary_comparable(inputs.currency, cost.currency):
            # "£38k now, £55k after, at Edinburgh": all in the program's currency, so their own case is computable;
            # the other two scenarios are US salary figures and stay uncomputed.
            own = _payback(cost.total_economic_cost, inputs.salary_before, inputs.salary_after)
            payback["base"] = own.model_copy(update={"currency": cost.currency})
    base = payback["base"]
    return DecisionRow(
        program_id=pid, title=title, label=program_labels([(p.name, p.school_name)])[0] if p else title,
        currency=cost.currency, keeps_working=working, keeps_working_why=why,
        years=cost.years, cost_of_attendance=cost.total_cost_of_attendance, forgone_income=cost.forgone_income,
        total_economic_cost=cost.total_economic_cost, salary_before=inputs.salary_before,
        salary_after=base.salary_after, salary_after_stated=inputs.salary_after is not None,
        raise_per_year=base.raise_per_year,
        break_even_years={s: payback[s].break_even_years for s in SCENARIOS}, payback=payback,
        monthly_payment=(paid or cost).monthly_payment, payment_currency=paid and paid.currency,
        payment_illustrative=illustrative(paid or cost),
        federal_loan=cost.federal_loan, loan_remainder=cost.loan_remainder,
        assumptions=[*cost.assumptions, *cited],
        # A salary given in another currency was given: what is missing is the same currency, said in `payback`.
        missing=[m for m in cost.missing if m not in ("salary_after", *(("salary_before",) if mixed else ()))],
        notes=notes, cost_gap=_cost_gap(p, cost, mixed),
    )  # fmt: skip


def decide(program_ids: list[str], inputs: DecisionInputs, corpus: Corpus) -> list[DecisionRow]:
    """One row per program, in the order given; OWN_ID is the program the person described with their numbers.
    Each row's label is told apart from the others' (two CMU programs: "MCDS", "MS in Machine Learning")."""
    programs = [None if pid == OWN_ID else corpus.program(pid) for pid in program_ids]
    rows = [decide_one(p, inputs, corpus) for p in programs]
    # The person's own program has no school: its title stands where a school would, and is its label.
    labels = program_labels([(p.name, p.school_name) if p else ("", r.title) for p, r in zip(programs, rows, strict=True)])
    return [r.model_copy(update={"label": lab}) for r, lab in zip(rows, labels, strict=True)]


def candidates(inputs: DecisionInputs, corpus: Corpus, filters: dict[str, object]) -> list[str]:
    """No program named: up to three that fit what the person said, picked by the finder (USD, tuition known):
    the cheapest online one, a mid-priced one, and the cheapest full-time in-person one."""
    base = {k: v for k, v in filters.items() if k in ("country", "background", "field", "no_gre", "max_tuition")}

    def priced(**more: object) -> list[str]:
        found = find_programs(FinderQuery(**(base | more), sort="cost"), corpus.programs).matches
        return [r.program_id for r in found if r.estimated_total_tuition is not None and (r.currency or "USD") == "USD"]

    online, everything, in_person = priced(modality="online"), priced(), priced(modality="in-person", pace="full-time")
    picks = [*online[:1], *everything[len(everything) // 2 : len(everything) // 2 + 1], *in_person[:1]]
    return list(dict.fromkeys(picks))[:MAX_DECISION_PROGRAMS]


def most_needed_input(rows: list[DecisionRow], inputs: DecisionInputs) -> str | None:
    """The one thing to ask that would change the result most: the salary now, when payback depends on it."""
    if inputs.salary_before is None:
        return "salary_before"
    if any(r.total_economic_cost is None for r in rows):
        # Only what a decision can be told: a loan amount is the calculator's question, not this one's.
        missing = [m for r in rows for m in r.missing if m in ASK_FOR]
        return missing[0] if missing else None
    return None
