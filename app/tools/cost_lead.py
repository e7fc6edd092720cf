"""The first lines of a cost answer: what the person asked, answered from the calculator's result before the breakdown.

Can my savings pay for it? What would I pay a month on what I borrow? What is my RAP payment? What does it cost in
total? Each lead is plain data (amounts formatted once with `money`, flags, and the sources to cite); the words are
in prompts/cost_lead.txt. Nothing here computes a new figure except sums and differences of the result's own amounts.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from app.corpus.dates import figure_dated
from app.corpus.load import Corpus
from app.corpus.text import money, plural
from app.errors import CorpusError
from app.tools.cost import guide_as_of
from app.tools.cost_models import Assumption, CostInputs, CostResult
from app.tools.cost_render import illustrative, loan_not_in_dollars
from app.tools.decision import payback_years
from app.tools.loans import PLUS_ID, UNSUBSIDIZED_ID, rap_percent

# "can I use Grad PLUS for the rest?": the lead then answers it plainly beside the payment.
ASKS_GRAD_PLUS = re.compile(r"\bgrad ?plus\b|\bplus loans?\b", re.I)
HOUSING_KEY = "housing_per_month_large_city_floor"
# Every source name a lead may cite (Lead.sources keys): the template reads c.<name>, "" when a lead cites none.
CITED = ("tuition", "fees_per_year", "years", "housing", "apr_percent", "term_years", "federal_cap", "annual_limit", "closed", "legacy", "pct",
         "dependents", "minimum", "forgiveness", "apr")  # fmt: skip


@dataclass(frozen=True)
class Lead:
    """One lead line: `kind` names its branch in prompts/cost_lead.txt; `sources` are cited where the template puts
    `c.<name>` (anything with url, as_of and quote: an Assumption or a figure source)."""

    kind: str
    values: dict[str, Any]
    sources: dict[str, Any] = field(default_factory=dict)


def _assumed(r: CostResult, name: str) -> Assumption | None:
    return next((a for a in r.assumptions if a.field == name), None)


def _how_tuition(r: CostResult, title: str | None) -> str | None:
    """'$225 per credit × 30 credits; as of 2025-07', from the cited tuition assumption (its label less the program's
    title, and its date: a figure carries its as-of date)."""
    a = _assumed(r, "tuition")
    return None if a is None else f"{a.label.removeprefix(f'{title}: ' if title else '')}; {_dated(a)}"


def _dated(a: Any) -> str:
    """'as of 2025-07', 'undated', 'from the 2026 guide, which does not date it': the short form of a source's date."""
    return figure_dated(a.url, (a.as_of or "").split(" (")[0] or None)  # the date, without its provenance


def _housing(r: CostResult, inputs: CostInputs, corpus: Corpus) -> dict[str, Any]:
    """The guide's housing floor for large cities, only for amounts in US dollars (never converted) and a program
    studied in person (an online one is studied from home: no move to a city): its amount and a citable source, or
    {} when the currency is another, the program is online, or the guide sentence is missing."""
    g = corpus.figures.living.get(HOUSING_KEY)
    online = inputs.program_id is not None and corpus.program(inputs.program_id).modality == "online"
    if (r.currency or "USD") != "USD" or online or g is None or g.value is None:
        return {}
    for needle in (f"${g.value:,.0f}", f"${g.value:.0f}"):  # the guide writes "$1000"
        try:
            quote = corpus.guide_sentence(needle, g.section)
        except CorpusError:
            continue
        src = Assumption(field="housing", value=g.value, label=g.section or "", url="guide", as_of=guide_as_of("housing figure"),
                         quote=quote, section=g.section)  # fmt: skip
        return {"housing": money(g.value, "USD"), "housing_dated": _dated(src), "housing_src": src}
    return {}


def _left_out(r: CostResult, inputs: CostInputs, fees_published: bool) -> dict[str, Any]:
    """What the total leaves out, and why: fees not published or not given, living costs not given."""
    zero = set(r.counted_as_zero)
    return {"no_fees": "fees_per_year" in zero, "fees_unpublished": "fees_per_year" in zero and not fees_published
            and inputs.program_id is not None, "no_living": "living_per_month" in zero}  # fmt: skip


def afford_lead(r: CostResult, inputs: CostInputs, corpus: Corpus) -> Lead | None:
    """Yes / no / only tuition, against the savings the person gave."""
    if inputs.savings is None:
        return None
    cur, savings = r.currency, inputs.savings
    title = corpus.program(inputs.program_id).title if inputs.program_id else None
    values: dict[str, Any] = {"savings": money(savings, cur), "known": r.tuition is not None}
    sources: dict[str, Any] = {}
    if r.tuition is None or r.total_cost_of_attendance is None:
        values["why"] = (("; ".join(r.missing_reasons[k] for k in ("tuition", "years") if k in r.missing_reasons)
                          if inputs.program_id else "") or "tell me the program, or its tuition and how long you'd study")
        return Lead("afford", values, sources)
    if (tuition_src := _assumed(r, "tuition")) is not None:
        sources["tuition"] = tuition_src
    values["dated"] = f" ({_dated(tuition_src)})" if tuition_src else ""
    left = _left_out(r, inputs, _assumed(r, "fees_per_year") is not None)
    housing = _housing(r, inputs, corpus) if left["no_living"] else {}
    if housing:
        sources["housing"] = housing.pop("housing_src")
    # Without living costs the honest answer is about tuition (and any fees) only.
    against = r.total_cost_of_attendance
    values |= left | housing | {
        "currency": cur or "the program's currency", "tuition": money(r.tuition, cur), "how": _how_tuition(r, title),
        "coa": money(against, cur), "covered": savings >= against, "left": money(abs(savings - against), cur),
        "aid": money(r.employer_aid, cur) if r.employer_aid else None,
        "fees": money(r.fees_total or 0, cur), "living": money(r.living_total or 0, cur),
    }  # fmt: skip
    return Lead("afford", values, sources)


def loan_lead(r: CostResult, corpus: Corpus) -> Lead | None:
    """The monthly payment on what is borrowed: the whole amount when the federal loan covers it, else the federal
    part and the rest plainly (the rest has no payment: its rates are not in our sources). With no length of study,
    only the lifetime limit caps it: the lead says the yearly limit decides how much is federal. A loan in another
    currency has no federal part: the payment on the whole amount, at the person's rate or for illustration only."""
    if not r.borrowing_need or r.monthly_payment is None or r.loan_principal is None or r.repayment_plan == "rap":
        return None
    cur = r.currency  # a loan under the federal rules is in dollars; one in no stated currency is shown bare
    values = {
        "pay": money(r.monthly_payment, cur), "need": money(r.borrowing_need, cur),
        "federal": money(r.federal_loan or 0, cur), "rest": money(r.loan_remainder or 0, cur),
        "has_rest": bool(r.loan_remainder), "apr": f"{r.apr_percent:g}%", "term": plural(r.term_years or 0, "year"),
        "cap": money(r.federal_cap or 0, "USD"), "total_repaid": money(r.total_repaid or 0, cur),
        "capped": r.federal_cap is not None, "own_rate": _assumed(r, "apr_percent") is None,
        "own_term": r.term_source == "user", "foreign": loan_not_in_dollars(r), "illustration": illustrative(r),
        "currency": cur or "the program's currency",
    }  # fmt: skip
    sources = {k: a for k in ("apr_percent", "term_years", "federal_cap") if (a := _assumed(r, k))}
    values["apr_dated"] = _dated(sources["apr_percent"]) if "apr_percent" in sources else None
    unsub = corpus.figures.loan(UNSUBSIDIZED_ID)
    if r.years is None and r.federal_cap is not None and unsub.annual_limit_usd:
        # "$80,000 for Columbia" (no published length) was all "a federal Direct Unsubsidized loan" at $20,500 a year.
        values["per_year"] = money(unsub.annual_limit_usd, "USD")
        values["covered_years"] = f"{r.borrowing_need / unsub.annual_limit_usd:.1f}"
        if (src := unsub.source_for("annual_limit_usd")) is not None:
            sources["annual_limit"] = src
    return Lead("loan", values, sources)


def grad_plus_lead(r: CostResult, corpus: Corpus) -> Lead | None:
    """Grad PLUS for the rest: closed to new borrowers from July 1, 2026, open to a legacy borrower (cited)."""
    if r.grad_plus_available is None:
        return None
    plus = corpus.figures.loan(PLUS_ID)
    sources = {"closed": plus.source_for("closed_to_new_borrowers_from"), "legacy": plus.source_for("notes")}
    closed = plus.closed_to_new_borrowers_from
    values = {"available": r.grad_plus_available, "from": f"{closed:%B} {closed.day}, {closed.year}" if closed else None,
              "rest": money(r.loan_remainder or 0, r.currency or "USD"), "has_rest": bool(r.loan_remainder)}  # fmt: skip
    return Lead("grad_plus", values, {k: v for k, v in sources.items() if v is not None})


def rap_lead(r: CostResult, inputs: CostInputs, corpus: Corpus) -> Lead | None:
    """The RAP payment on the person's income and dependents, each rule cited; or what it still needs."""
    if inputs.repayment_plan != "rap":
        return None
    plan = corpus.figures.repayment.repayment_assistance_plan
    if loan_not_in_dollars(r):  # a US federal plan in dollars: never applied to other money
        return Lead("rap", {"known": False, "currency": r.currency or "the program's currency"})
    if r.rap is None or plan is None:
        return Lead("rap", {"known": False, "owed": r.borrowing_need is not None})
    rap, cur = r.rap, "USD"
    pct = rap_percent(rap.agi, plan)
    gross = pct / 100 * rap.agi / 12
    values = {
        "known": True, "pay": money(rap.first_year_monthly_payment, cur), "pct": f"{pct:g}%", "agi": money(rap.agi, cur),
        "gross": money(round(gross, 2), cur), "dependents": rap.dependents,
        "per_dependent": money(plan.dependent_reduction_usd_per_month, cur),
        "minimum": money(plan.min_payment_usd_per_month, cur), "at_minimum": rap.first_year_monthly_payment
        == plan.min_payment_usd_per_month, "income_now": rap.income_now,
        "apr": f"{r.apr_percent:g}%", "owed": money(r.federal_loan or 0, cur), "paid_off": rap.paid_off_within_30_years,
        "years_to_payoff": plural(round((rap.months_to_payoff or 0) / 12, 1), "year"),
        "forgiven": money(rap.forgiven_amount, cur), "forgiveness_years": f"{plan.forgiveness_after_years:g}",
        "below_interest": rap.payment_below_interest, "own_rate": inputs.apr_percent is not None,
        "apr_dated": _dated(a) if (a := _assumed(r, "apr_percent")) else None,
    }  # fmt: skip
    sources = {"pct": plan.source_for("percent_step_per_10000_usd_of_agi"),
               "dependents": plan.source_for("dependent_reduction_usd_per_month"),
               "minimum": plan.source_for("min_payment_usd_per_month"),
               "forgiveness": plan.source_for("forgiveness_after_years"), "apr": _assumed(r, "apr_percent")}  # fmt: skip
    return Lead("rap", values, {k: v for k, v in sources.items() if v is not None})


def total_lead(r: CostResult, inputs: CostInputs, corpus: Corpus) -> Lead | None:
    """The total cost of attendance with what it leaves out; when it can't be totalled, what is missing and what can
    be computed (the tuition, and the person's monthly costs per year)."""
    if r.tuition is None and inputs.living_per_month is None and inputs.program_id is None:
        return None
    cur = r.currency
    title = corpus.program(inputs.program_id).title if inputs.program_id else None
    left = _left_out(r, inputs, _assumed(r, "fees_per_year") is not None)
    values: dict[str, Any] = left | {
        "coa": None if r.total_cost_of_attendance is None else money(r.total_cost_of_attendance, cur),
        "tuition": None if r.tuition is None else money(r.tuition, cur), "how": _how_tuition(r, title),
        "aid": money(r.employer_aid, cur) if r.employer_aid else None,
        "fees": money(r.fees_total, cur) if r.fees_total else None,
        "living": money(r.living_total, cur) if r.living_total else None,
        "monthly": None if inputs.living_per_month is None else money(inputs.living_per_month, cur),
        "yearly": None if inputs.living_per_month is None else money(12 * inputs.living_per_month, cur),
        "years": None if r.years is None else plural(round(r.years, 2), "year"),
        # Tuition priced per credit, with no credits published (Tarleton): the credits are what is missing.
        "why": (r.missing_reasons.get("tuition") or r.missing_reasons.get("credits")) if r.tuition is None
        else r.missing_reasons.get("years"),
        "no_credits": r.tuition is None and "tuition" not in r.missing and "credits" in r.missing,
        "ask_terms": "terms" in r.missing,
        # What they give up is part of what it costs them: "what would it cost me? I make 90k and would quit".
        "forgone": money(r.forgone_income, cur) if r.forgone_income and r.total_economic_cost else None,
        "economic": None if r.total_economic_cost is None else money(r.total_economic_cost, cur),
    }  # fmt: skip
    # Years only the guide's typical length (the record states none) are said to be that, where they are used.
    sources = {k: a for k in ("tuition", "fees_per_year", "years") if (a := _assumed(r, k)) and (k != "years" or a.url == "guide")}
    values["years_typical"] = "years" in sources
    if left["no_living"] and (housing := _housing(r, inputs, corpus)):
        sources["housing"] = housing.pop("housing_src")
        values |= housing
    return Lead("total", values, sources)


def payback_lead(r: CostResult, inputs: CostInputs) -> Lead | None:
    """The break-even on the salary after the person said: the total economic cost over the raise a year, or that
    there is none (no more than now). None without both salaries and a total."""
    after, before = inputs.salary_after, inputs.salary_before
    if after is None or before is None or r.total_economic_cost is None:
        return None
    cur = r.currency
    return Lead("payback", {
        "when": None if r.break_even_years is None else payback_years(r.break_even_years),
        "economic": money(r.total_economic_cost, cur), "forgone": money(r.forgone_income, cur) if r.forgone_income else None,
        "raise": money(after - before, cur), "after": money(after, cur), "before": money(before, cur)})  # fmt: skip


def cost_leads(r: CostResult, inputs: CostInputs, corpus: Corpus, question: str,
               said: frozenset[str] = frozenset()) -> list[Lead]:  # fmt: skip
    """The leads a cost answer opens with, most direct first: RAP, savings, the loan payment, Grad PLUS when asked;
    the total when none of those was asked. What this message changes comes first (`said`: the slots it states):
    "and if I quit instead?" the total with the salary given up, "what if I got £55k after?" the break-even."""
    leads = [lead for lead in (rap_lead(r, inputs, corpus), afford_lead(r, inputs, corpus), loan_lead(r, corpus)) if lead]
    if ASKS_GRAD_PLUS.search(question) and (plus := grad_plus_lead(r, corpus)):
        leads.append(plus)
    quit_said = "keep_working" in said and r.forgone_income and r.total_economic_cost is not None
    if (not leads or quit_said) and (total := total_lead(r, inputs, corpus)):
        leads.insert(0, total)
    if "salary_after" in said and (payback := payback_lead(r, inputs)):
        leads.insert(0, payback)
    return leads
