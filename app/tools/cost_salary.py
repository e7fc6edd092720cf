"""The salary side of the cost calculator: the salary after the degree, and the one rule on when a salary may be set
against costs at all (break-even, debt-to-income, a Repayment Assistance Plan payment, a decision's payback).

Amounts are never converted, so a salary and costs are weighed only in one known currency. The person's own salaries
are in the currency of their other amounts (the calculator refuses amounts in another currency than the program's),
so the rule bites on the guide's salaries: US dollar figures, which a pound or an unstated currency never meets.
"""

from __future__ import annotations

from app.corpus.load import Corpus
from app.tools.cost_models import ROLES, Assumption, CostInputs, Work

GUIDE_SALARY_CURRENCY = "USD"  # the guide's salaries (Salary.com averages, the LinkedIn range) are US figures


def salary_comparable(salary_currency: str | None, cost_currency: str | None) -> bool:
    """Whether a salary may be set against costs: only when both are in one known currency. A role's $139,202 against
    Edinburgh's £75,900 had given a break-even of 0.77 years. Costs in no stated currency (a record that states none)
    are not known to be in the salary's, so a guide salary is never set against them either."""
    return salary_currency is not None and salary_currency == cost_currency


def costs_currency(currency: str | None) -> str:
    """How the costs' currency is named in a sentence: 'GBP', or what stands for a currency no record states."""
    return currency or "the currency of your amounts (the program's record states none)"


def salary_after_degree(inputs: CostInputs, corpus: Corpus, currency: str | None, w: Work,
                        as_of: str) -> tuple[float | None, bool]:  # fmt: skip
    """The salary after the degree and whether a role's salary was withheld: the person's own (in the costs'
    currency, as all their amounts are), else the guide's average for their role (cited, `as_of` its date) when the
    costs are in US dollars too, else missing. A role's salary withheld is said in a note: break-even and
    debt-to-income are not computed from it, and the salary after is asked for in the costs' currency."""
    if inputs.salary_after is not None:
        return inputs.salary_after, False
    usable = salary_comparable(GUIDE_SALARY_CURRENCY, currency)
    if inputs.role is None:  # a role is offered only where its salary could be used
        w.need("salary_after", "expected salary after the degree " + (f"(or a role: {', '.join(ROLES)})" if usable else
               f"in {costs_currency(currency)}: the guide's role salaries are US dollar figures, never converted"))  # fmt: skip
        return None, False
    g = corpus.figures.salaries_usd_per_year[inputs.role]
    if not usable:
        role = (g.section or inputs.role.replace("_", " ")).lower()
        w.notes.append(f"Break-even and debt-to-income not computed: the guide's {role} salary is a US dollar (USD) "
                       f"figure and these costs are in {costs_currency(currency)}, and amounts are never converted. "
                       f"Tell me the salary you expect after the degree in {currency or 'that currency'} to compute them.")  # fmt: skip
        w.need("salary_after", f"expected salary after the degree in {costs_currency(currency)}: the guide's {role} "
               "salary is a US dollar figure, never converted")  # fmt: skip
        return None, True
    quote = corpus.guide_sentence(f"${g.value:,.0f}", g.section)
    w.assumptions.append(Assumption(field="salary_after", value=g.value or 0.0, label=f"average {g.section} salary (US)",
                                    url="guide", as_of=as_of, quote=quote, section=g.section))  # fmt: skip
    return g.value, False
