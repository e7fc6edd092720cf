"""Cost of a master's: cost of attendance, forgone income, loan payments, break-even; every default cited.

The schemas are in cost_models.py, the loan phase (the July 2026 federal rules) in cost_loan.py and the salary
after (never set against costs in another currency) in cost_salary.py; this module
keeps the public names: `from app.tools.cost import CostInputs, CostResult, calculate, parse_inputs, ROLES, LOAN_ID`.
"""

from __future__ import annotations

import re
from typing import Any

from pydantic import ValidationError

from app.corpus.load import Corpus
from app.corpus.records import Program, Source
from app.corpus.text import money, plural
from app.errors import CurrencyMismatch, InvalidInput, UnknownProgram
from app.tools.cost_loan import accrued_interest, amortization_schedule, loan_phase, monthly_payment
from app.tools.cost_models import ROLES, Assumption, CostInputs, CostResult, RapEstimate, Role, ScheduleRow, Work
from app.tools.cost_salary import salary_after_degree
from app.tools.loans import UNSUBSIDIZED_ID
from app.tools.tuition import parse_duration_terms, parse_duration_years, why_no_tuition

LOAN_ID = UNSUBSIDIZED_ID
TYPICAL_YEARS_NEEDLE = "most master’s programs last around two years"  # the guide's sentence for full-time study
TYPICAL_YEARS = 2.0
OWN_TUITION = ("tuition_per_year", "tuition_total", "tuition_per_credit")  # a program the person describes, said one way
GUIDE_YEAR = "2026"  # the guide's date: what a figure quoted from it is dated by (dates.figure_dated says so)


def guide_as_of(figure: str = "figure") -> str:
    """The as-of of a figure quoted from the guide, which does not date its figures."""
    return f"{GUIDE_YEAR} (guide; the {figure}'s own year is not stated)"


# Debt-to-income rule of thumb, stated to the user as guidance (no source in the corpus backs it).
DTI_MANAGEABLE, DTI_HEAVY = 0.10, 0.20
_Work = Work
__all__ = [
    "LOAN_ID", "ROLES", "Assumption", "CostInputs", "CostResult", "RapEstimate", "Role", "ScheduleRow",
    "accrued_interest", "amortization_schedule", "calculate", "fmt_money", "format_validation_error",
    "loan_risk_note", "monthly_payment", "parse_inputs", "plural",
]  # fmt: skip


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


def _program_source(program: Program, path: str) -> Source:
    """The preferred source of a field (sources_for lists exact matches first)."""
    return program.sources_for(path)[0]


# --- the calculation -------------------------------------------------------------------------


def _program_tuition(p: Program, credits: float | None, years: float | None, w: _Work,
                     given_terms: float | None = None) -> float | None:  # fmt: skip
    """Tuition from the record, trying per credit, per year, per term, then total; cites the source used."""
    t, cur, record_terms = p.tuition, p.tuition.currency or "USD", parse_duration_terms(p.duration)
    record_years = parse_duration_years(p.duration)
    # Their length is not the record's ("1 year" against "six quarters for most students"): its terms are not theirs.
    other_length = years is not None and record_years is not None and abs(years - record_years) > 1e-9
    terms = given_terms or (None if other_length else record_terms)
    term_how = f"per term × {given_terms:g} terms (yours)" if given_terms else f"per term × {terms} terms ({p.duration})"
    options = [  # (field, rate, multiplier, input needed for the multiplier, how the rate was applied)
        ("tuition.per_credit", t.per_credit, credits, "credits", f"per credit × {credits or 0:g} credits"),
        ("tuition.per_year", t.per_year, years, "years", f"per year × {plural(years or 0, 'year')}"),
        ("tuition.per_term", t.per_term, terms, "tuition", term_how),
        ("tuition.total", t.total, 1.0, "tuition", "for the whole program"),
    ]
    usable = [(path, rate, rate * n, how) for path, rate, n, _, how in options if rate is not None and n is not None]
    if not usable:
        if all(rate is None for _, rate, _, _, _ in options):
            why = why_no_tuition(t.basis)  # the record's own reason, when it gives one
            w.need("tuition", f"{p.title} has no published tuition in our sources" + (f" ({why})" if why else ""))
        for path, rate, _, needs, _ in options:
            if rate is not None:
                why = f"the program charges {fmt_money(rate, cur)} {_unit(path)}"
                if needs == "tuition":
                    why += (f" for its {p.duration!r}, which is not the {plural(years or 0, 'year')} you gave"
                            if other_length else f" and its duration {p.duration!r} is not a single number of terms")
                    if years is not None:  # "2 years": terms per year are not in our sources, so never assumed
                        why += (f"; our sources don't state how many terms make its year, so {plural(years, 'year')} "
                                "can't be counted in terms")
                    w.need("terms", "how many terms (semesters or quarters) you'd pay for")
                w.need(needs, why)
        return None
    path, rate, amount, how = usable[0]
    src = _program_source(p, path)
    w.cite("tuition", round(amount, 2), f"{p.title}: {fmt_money(rate, cur)} {how}", src, currency=cur)
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


def typical_years(corpus: Corpus) -> Assumption:
    """The guide's typical length of full-time study, cited: the years of a program whose record states none."""
    return Assumption(field="years", value=TYPICAL_YEARS, label="typical length of full-time study (the guide)",
                      url="guide", as_of=guide_as_of("typical length"), quote=corpus.guide_sentence(TYPICAL_YEARS_NEEDLE),
                      section="What are the different ways you can pursue a machine learning master’s degree?")  # fmt: skip


def other_length(program: Program | None, years: float | None, working: bool) -> str | None:
    """What was counted when the person's length is not the program's own ("what if I took 3 years" of a 16-month
    program), said because their words don't say how they'd study longer: at full-time pace with no salary, or
    part-time while working. None when there is nothing to say."""
    own = None if program is None or years is None else parse_duration_years(program.duration)
    if own is None or abs(own - (years or 0)) < 1e-9:
        return None
    pace = "keeping your salary throughout" if working else "with no salary for any of them, as full-time study"
    return (f"{plural(years or 0, 'year')} counted, as you said, not the program's own '{program.duration}' "  # type: ignore[union-attr]
            f"({plural(round(own, 2), 'year')}), {pace}.")


def _years(inputs: CostInputs, program: Program | None, corpus: Corpus, w: _Work) -> float | None:
    """Years of study: the person's, else the program's duration when it is one unambiguous number, else the
    guide's typical two years, cited and said (one rule for estimates and decisions: an estimate for Columbia had
    asked for its length while the decision for the same person counted two years). A duration such as "up to six
    years" is no single number either: for a part-time student who keeps working it only spreads the cost, so the
    same default counts tuition charged per year and never touches forgone income (zero)."""
    own = [f for f in OWN_TUITION if getattr(inputs, f) is not None]
    if inputs.years is not None or (program is None and not own):  # no program at all: a loan already owed needs none
        if inputs.years is None:
            w.need("years", "years of study")
        return inputs.years
    years = None if program is None else parse_duration_years(program.duration)
    if years is None:
        default = typical_years(corpus)
        w.assumptions.append(default)
        why = ("you gave no length for your program" if program is None else
               f"its duration {program.duration!r} is not a single number" if program.duration else
               "our sources publish no duration for it")  # fmt: skip
        w.notes.append(f"{program.title if program else 'Your program'}: {why}, so the guide's typical "
                       f"{plural(TYPICAL_YEARS, 'year')} of full-time study are counted (say 'it would take me 1.5 "
                       "years' to change it).")  # fmt: skip
        return TYPICAL_YEARS
    w.cite("years", round(years, 4), f"{program.title}: duration '{program.duration}'",
           _program_source(program, "duration"))  # fmt: skip
    if terms := parse_duration_terms(program.duration):
        per_year = round(terms / years)
        kind = "long semesters" if per_year == 2 else "quarters"
        w.notes.append(f"Duration '{program.duration}' read as {plural(years, 'year')}, assuming {per_year} {kind} per "
                       "academic year (summer excluded).")  # fmt: skip
    return years


def _tuition(inputs: CostInputs, program: Program | None, years: float | None, w: _Work) -> float | None:
    credits = inputs.credits
    if credits is None and program is not None and program.credits is not None:
        credits = program.credits
        # The label names the count; the value follows it ("…: 144 units: 144" said the number twice).
        w.cite("credits", credits, f"{program.title}: {program.credit_unit or 'credits'} to graduate",
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
        return _program_tuition(program, credits, years, w, inputs.terms)
    w.need("tuition", "tuition per year, per credit (with credits) or total")
    return None


def _program(inputs: CostInputs, corpus: Corpus) -> Program | None:
    if inputs.program_id is None:
        return None
    if inputs.program_id not in corpus.program_ids:
        raise UnknownProgram(f"unknown program id '{inputs.program_id}'; known: {', '.join(corpus.program_ids)}")
    return corpus.program(inputs.program_id)


def _currency(inputs: CostInputs, program: Program | None, w: _Work) -> str | None:
    """USD unless the program charges in another currency (never converted, and said so). Amounts the person gave in
    another currency than the program's can't be added to its tuition: that is an input error, not a conversion."""
    currency = program.tuition.currency if program else inputs.currency or "USD"
    if program and currency is None:
        # A record without a currency: a US program's is dollars; elsewhere the amounts are the person's own, in the
        # currency they wrote them in ("£45k", "a £20k loan"), so they are shown in it, never as dollars.
        currency = "USD" if program.country == "US" else inputs.currency
    if program and inputs.currency and currency and inputs.currency != currency:
        raise CurrencyMismatch(f"your amounts are in {inputs.currency} but {program.title} charges in {currency}, and "
                           f"amounts are never converted: give them in {currency}")  # fmt: skip
    if not program and currency != "USD":
        w.notes.append(f"Your amounts are in {currency}; the role salaries are US (USD) figures, never converted.")
    if program and currency != "USD":
        w.notes.append(
            (f"{program.title} charges in {currency}; all amounts are taken as {currency} and never converted."
             if program.tuition.currency else f"The record of {program.title} ({program.country}) states no "
             f"currency; amounts are in {'the currency you wrote, ' + currency if currency else 'whatever currency you enter'},"
             " never converted.")
            + " The role salaries are US (USD) figures."
        )  # fmt: skip
    return currency


def _attendance(inputs: CostInputs, program: Program | None, years: float | None, w: _Work) -> dict[str, Any]:
    """Tuition, fees, living and relocation, and their sum (the cost of attendance) when all are known."""
    tuition = _tuition(inputs, program, years, w)
    fees = inputs.fees_per_year
    if fees is None and program is not None and program.fees_per_year is not None:
        fees = program.fees_per_year
        w.cite("fees_per_year", fees, f"{program.title}: fees per year", _program_source(program, "fees_per_year"),
               currency=program.tuition.currency)
    given = {"fees_per_year": fees, "living_per_month": inputs.living_per_month, "relocation": inputs.relocation}
    if zeroed := [k for k, v in given.items() if v is None]:
        w.zeroed = zeroed
        w.notes.append(f"Not given, counted as 0: {', '.join(zeroed)}.")
    fees_total, living_total = _per_years(fees or 0.0, years), _per_years(12 * (inputs.living_per_month or 0.0), years)
    relocation = inputs.relocation or 0.0
    aid = _employer_aid(inputs, tuition, years, w)
    parts = (tuition, fees_total, living_total, aid if inputs.employer_aid_per_year is not None else 0.0)
    coa = None if any(x is None for x in parts) else sum(x or 0.0 for x in parts[:3]) + relocation - (aid or 0.0)
    return {"tuition": tuition, "fees_total": fees_total, "living_total": living_total, "relocation": relocation,
            "employer_aid": aid, "total_cost_of_attendance": coa}  # fmt: skip


def _employer_aid(inputs: CostInputs, tuition: float | None, years: float | None, w: _Work) -> float | None:
    """The tuition an employer pays over the years of study: never more than the tuition itself."""
    if inputs.employer_aid_per_year is None or tuition is None:
        return None
    if years is None:
        w.need("years", "how long you'd study, to count your employer's tuition assistance")
        return None
    return min(tuition, inputs.employer_aid_per_year * years)


def _per_years(annual: float, years: float | None) -> float | None:
    return 0.0 if annual == 0 else None if years is None else annual * years


def _forgone(inputs: CostInputs, years: float | None, w: _Work) -> float | None:
    """Income forgone while studying full-time (part-time students keep their job, so nothing is forgone)."""
    if inputs.salary_before is None:
        w.need("salary_before", "current salary (0 if none), for the raise in break-even"
               + ("" if inputs.part_time else " and the income forgone while studying full-time"))  # fmt: skip
    return 0.0 if inputs.part_time else None if inputs.salary_before is None else _per_years(inputs.salary_before, years)


def _need(inputs: CostInputs, coa: float | None, w: _Work) -> float | None:
    """The amount to borrow: the loan given, else the cost of attendance minus savings."""
    if inputs.loan is not None:
        return inputs.loan
    if inputs.savings is not None:
        return None if coa is None else max(coa - inputs.savings, 0.0)
    if inputs.savings_share is not None:
        if coa is not None:
            w.notes.append(f"You pay {inputs.savings_share:.0%} of the cost of attendance from savings; the rest is "
                           "borrowed.")  # fmt: skip
        return None if coa is None else coa * (1 - inputs.savings_share)
    w.need("loan", "amount borrowed, or savings (the loan is then cost of attendance minus savings)")
    return None


def _break_even(economic: float | None, after: float | None, before: float | None, w: _Work) -> float | None:
    if economic is None or after is None or before is None:
        w.notes.append("Break-even not computed: it needs the total economic cost and both salaries.")
        return None
    if after <= before:
        w.notes.append("No break-even: the salary after the degree is not higher than the salary before.")
        return None
    return economic / (after - before)


def _plan_payment(loan: dict[str, Any]) -> float | None:
    """The monthly payment of the chosen plan (RAP's first-year payment, or the standard payment)."""
    rap: RapEstimate | None = loan.get("rap")
    return rap.first_year_monthly_payment if loan.get("repayment_plan") == "rap" and rap else loan.get("monthly_payment")


def _rap_income(inputs: CostInputs, program: Program | None, salary_after: float | None, w: _Work
                ) -> tuple[float | None, bool]:  # fmt: skip
    """The income a RAP payment is figured on, and whether it is the income now: the salary after the degree; but a
    person who owes a loan already (no program or tuition in view: "I earn 100k and owe 80k on RAP") pays on what
    they earn now."""
    studying = program is not None or any(getattr(inputs, f) is not None for f in
                                          ("tuition_per_year", "tuition_per_credit", "tuition_total"))  # fmt: skip
    if salary_after is not None or studying or inputs.repayment_plan != "rap" or inputs.salary_before is None:
        return salary_after, False
    w.notes.append(f"RAP is figured on your income now ({fmt_money(inputs.salary_before, 'USD')}, taken as AGI): "
                   "no program or tuition was given, so the loan is taken to be one you already owe.")  # fmt: skip
    for study in ("years", "tuition", "salary_after"):  # a degree's inputs: a loan already owed needs none of them
        w.missing.pop(study, None)
    return inputs.salary_before, True


def keeps_working(p: Program | None, said: bool | None) -> tuple[bool, str]:
    """Whether the person keeps their salary while studying, and why that was assumed (a program we hold no record
    of, `None`, is full-time study unless they said otherwise). One rule for the calculator and for decisions: an
    estimate had counted a year's salary forgone for OMSCS that the decision for the same person counted as kept."""
    if said is not None:
        return said, "you said you'd keep working" if said else "you said you'd stop working to study"
    pace, modality = (set(p.pace or []), p.modality or "") if p else (set(), "")
    if p is not None and modality in ("online", "hybrid") and pace != {"full-time"}:
        how = "part-time " if "part-time" in pace else ""
        return True, f"assumed: {p.name} is {how}{modality}, so you could keep your job (say 'I'd quit' to change it)"
    return False, ("assumed: full-time study" + (f" ({modality})" if modality else "") + ", so no salary meanwhile "
                   "(say 'I'd keep working' to change it)")


def calculate(inputs: CostInputs, corpus: Corpus) -> CostResult:
    """Full cost picture; user values win, gaps are filled from cited data or listed in `missing`."""
    w, program = _Work(), _program(inputs, corpus)
    if inputs.part_time is None:  # not said: assumed from the program, and said so
        working, why = keeps_working(program, None)
        inputs = inputs.model_copy(update={"part_time": working})
        w.notes.append(f"{why[0].upper()}{why[1:]}.")
    currency = _currency(inputs, program, w)
    years = _years(inputs, program, corpus, w)
    if said := other_length(program, inputs.years, bool(inputs.part_time)):
        w.notes.append(said)
    att = _attendance(inputs, program, years, w)
    coa, forgone = att["total_cost_of_attendance"], _forgone(inputs, years, w)
    economic = None if coa is None or forgone is None else coa + forgone
    salary_after, withheld = salary_after_degree(inputs, corpus, currency, w, guide_as_of("Salary.com figure"))
    rap_income, income_now = _rap_income(inputs, program, salary_after, w)
    loan = loan_phase(inputs, _need(inputs, coa, w), years, rap_income, corpus.figures, w, currency=currency,
                      income_now=income_now)  # fmt: skip
    # A role's salary withheld (another currency than the costs) is said once, in its own note.
    break_even = None if withheld else _break_even(economic, salary_after, inputs.salary_before, w)
    payment = _plan_payment(loan)
    if loan.get("payment_basis") == "illustration" and salary_after:  # a US rate's payment is not theirs to weigh
        payment = None
        w.notes.append("Debt-to-income not computed: the payment is for illustration only; give your loan's rate.")
    dti = 12 * payment / salary_after if payment is not None and salary_after else None
    money_fields = ("loan_principal", "federal_loan", "borrowing_need", "federal_cap", "loan_remainder",
                    "accrued_interest", "monthly_payment", "total_interest", "total_repaid")  # fmt: skip
    loan |= {k: _c(loan[k]) for k in money_fields if k in loan}
    return CostResult(
        currency=currency, **{k: _c(v) for k, v in att.items()}, years=years, forgone_income=_c(forgone),
        total_economic_cost=_c(economic), salary_after=salary_after,
        break_even_years=None if break_even is None else round(break_even, 2),
        debt_to_income=None if dti is None else round(dti, 4), loan_risk_note=None if dti is None else loan_risk_note(dti),
        **loan, assumptions=w.assumptions, missing=list(w.missing), missing_reasons=w.missing, notes=w.notes,
        counted_as_zero=w.zeroed,
    )  # fmt: skip
