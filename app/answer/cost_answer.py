"""How a cost answer reads (the grounded engine's; the chat-model engine writes its own around the same leads).

After the leads (app/answer/leads.py): the calculator's breakdown with the loan payment first, the defaults it assumed
with their sources, what the person said, the calculator's notes and the ask for what is still missing, with examples
in the costs' currency. The echo of the person's numbers is `said.you_said`, shared with decision answers.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from app.answer.numbers import read_numbers, unclear_question
from app.answer.prompts import render
from app.answer.said import show_value, you_said
from app.corpus.dates import figure_dated
from app.tools.cost import Assumption, CostResult, fmt_money
from app.tools.cost_render import ILLUSTRATION, MISSING, breakdown, illustrative
from app.tools.cost_salary import GUIDE_SALARY_CURRENCY, salary_comparable

# A default's citation number in the answer's ledger, or None when its quote is not in the corpus.
CiteDefault = Callable[[Assumption], int | None]


def cost_answer(r: CostResult, args: dict[str, Any], question: str, title: str, cite: CiteDefault, prompts: Path,
                *, after_leads: bool) -> list[str]:  # fmt: skip
    """The lines after the leads: the breakdown of `r` (for `title`), each assumed default cited with `cite` in the
    order shown, the person's numbers (`args`, in the words of `question`), the notes, and what is still missing."""
    lines = [("\n" if after_leads else "")
             + f"Cost estimate for {title} (computed by the `calculate_cost` tool from the inputs below):"]
    lines += cost_lines(r)
    if r.assumptions:
        lines.append("\nDefaults I assumed, with their sources:")
        lines += [assumption_line(a, cite(a)) for a in r.assumptions]
    stated = read_numbers(question)
    # Amounts said without a currency are taken in the costs' (the calculator's note says so): echoed in it too, not
    # in dollars beside a pound total.
    if said := you_said({**args, "currency": args.get("currency") or r.currency}, stated, prompts):
        lines.append("\nYou said: " + said)
    if ask := unclear_question(stated):
        lines.append("\n" + ask)
    if r.notes:
        lines.append("\nNotes from the calculator:")
        lines += [f"- {n}" for n in r.notes]
    if r.missing:
        lines.append("\n" + ask_missing(r, prompts))
    return lines


def assumption_line(a: Assumption, n: int | None) -> str:
    """'- label: value (dated) [n]': an assumed default with its citation number."""
    shown = show_value(a.field, a.value, a.currency)
    if n is None:  # every quote comes from the corpus; if one does not, say so rather than cite it
        return f"- {a.label}: {shown} (source quote not found in the corpus)"
    return f"- {a.label}: {shown} ({figure_dated(a.url, a.as_of)}) [{n}]"


def ask_missing(r: CostResult, prompts: Path) -> str:
    """"To finish this estimate I need …": each input still missing, why, and an example of saying it."""
    named = {m: _MISSING_NAMES.get(m, m.replace("_", " ")) for m in r.missing}
    needed = ", ".join(named.values())
    why = " ".join(f"{named[m][0].upper()}{named[m][1:]}: {r.missing_reasons.get(m, '')}." for m in r.missing)
    return render(prompts, "ask_missing", needed=needed, why=why, example=_example_for(r.missing, r.currency))


def cost_lines(r: CostResult) -> list[str]:
    """The loan payment first (the usual question), then the one breakdown (app/tools/cost_render.py); rows
    still missing an input are left out here: the answer asks for those inputs below."""
    cur, out = r.currency, []  # None: the record states no currency, so bare amounts (never '$')
    if r.loan_principal and r.monthly_payment is not None and r.apr_percent is not None and r.term_years:
        label = ("Standard plan payment" if r.repayment_plan == "rap" else
                 f"Federal loan payment ({fmt_money(r.federal_loan or 0, cur)} of the "
                 f"{fmt_money(r.borrowing_need or 0, cur)} borrowed)" if r.loan_remainder else
                 f"Loan payment ({ILLUSTRATION}, at a US federal loan's rate and term)" if illustrative(r)
                 else "Loan payment")  # fmt: skip
        out.append(f"- {label}: {fmt_money(r.monthly_payment, cur)} a month over {r.term_years:g} years at "
                   f"{r.apr_percent:g}% ({fmt_money(r.total_interest or 0, cur)} total interest, "
                   f"{fmt_money(r.total_repaid or 0, cur)} repaid in all)")  # fmt: skip
    out += [f"- {label}: {value}" for label, value in breakdown(r) if value != MISSING]
    if r.loan_risk_note:
        out.append(f"- {r.loan_risk_note}")
    return out


_MISSING_NAMES = {"apr_percent": "your loan's rate"}  # a field whose name does not read as words


def _example_for(missing: list[str], currency: str | None) -> str:
    """Examples in the costs' currency ("I earn $70,000" read as dollars for a pound program), with a role for the
    salary after only where the guide's US dollar salaries can be used (cost_salary.salary_comparable)."""
    role = ", or: as a data scientist" if salary_comparable(GUIDE_SALARY_CURRENCY, currency) else ""
    m = {n: fmt_money(n, currency) for n in (20, 40, 30_000, 70_000, 110_000)}  # "$40" + "k": "$40k", "£40k"
    examples = {
        "apr_percent": "at 6% over 10 years",
        "years": "2 years of study", "tuition": f"tuition {m[30_000]} per year", "salary_before": f"I earn {m[70_000]}",
        "salary_after": f"I expect {m[110_000]} after{role}", "loan": f"a {m[40]}k loan, or: I have {m[20]}k saved",
        "credits": "30 credits", "terms": "6 quarters",
    }  # fmt: skip
    return "; ".join(examples[m] for m in missing if m in examples) or "the missing values"
