"""What a cost or decision answer says beyond its plan's rows, computed once for both engines.

The leads answer what was asked, first: a cost answer's "can I afford it / the payment / Grad PLUS / the total"
(app/tools/cost_lead.py, words in prompts/cost_lead.txt), a decision's verdict per program (app/answer/decide.py).
The framing goes around the whole answer: the note on a degree named at a school we hold that none of its programs is
("We hold no MSc in Machine Learning at University of Oxford: …", prompts/unheld_program.txt; first in any answer),
the school notes ("we hold 2 programs at CMU; both are in this answer", prompts/school_programs.txt) and the
employer-aid note (prompts/employer_aid.txt).

The grounded engine writes them into its answer; the chat-model engine is given them as cited facts in its prompt and
opens its answer with them (app/answer/llm.py), so a plugged-in model answers as directly as the default engine and
never in place of the computed figures. Pure functions: each engine passes a `cite` callback that numbers a source
in its own numbering (" [n]", or "" when the source's quote is not in the corpus).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from app.answer.citations import AnswerResult, Intent
from app.answer.compose import school_notes
from app.answer.decide import Cite, verdict_lines
from app.answer.engine import Prepared
from app.answer.numbers import read_numbers
from app.answer.prompts import render
from app.corpus.load import Corpus
from app.corpus.text import money
from app.errors import AdvisorError, CurrencyMismatch
from app.retrieval.names import UnheldProgram
from app.tools.cost import calculate, parse_inputs
from app.tools.cost_lead import CITED, cost_leads
from app.tools.cost_loan import own_loan
from app.tools.cost_models import CostInputs, CostResult
from app.tools.decision import DecisionRow

CiteSource = Callable[[Any], str]  # a source (anything with url, as_of, quote) -> " [n]", or "" when uncitable


@dataclass(frozen=True)
class Framing:
    """Blocks that open and close an answer around its body, each set off by a blank line."""

    before: tuple[str, ...] = ()
    after: tuple[str, ...] = ()

    def around(self, body: str) -> str:
        return "\n\n".join([*self.before, body, *self.after])


@dataclass(frozen=True)
class Facts:
    """Everything a cost or decision answer must say beyond the model's own words: the leads (the direct answer,
    first) and the framing around the whole answer; every figure in them cited through the engine's `cite`."""

    leads: tuple[str, ...] = ()
    framing: Framing = Framing()

    def lines(self) -> list[str]:
        """Every line, in the order the answer shows them (for the model's prompt and the figure check)."""
        return [
            line for block in (*self.framing.before, *self.leads, *self.framing.after) for line in block.splitlines()
        ]

    def opening(self) -> str:
        """What comes before the body: the framing's opening, then the leads ("" when there are none)."""
        return "\n\n".join(part for part in (*self.framing.before, "\n".join(self.leads)) if part)

    def around(self, body: str) -> str:
        """The whole answer: the framing's opening, the leads, the body, the framing's closing."""
        return self.framing.around("\n\n".join(part for part in ("\n".join(self.leads), body) if part))


def cost_lead_lines(r: CostResult, inputs: CostInputs, question: str, corpus: Corpus, prompts: Path,
                    cite: CiteSource) -> list[str]:  # fmt: skip
    """What was asked, answered first (app/tools/cost_lead.py; words in prompts/cost_lead.txt), each figure cited."""
    return [render(prompts, "cost_lead", kind=lead.kind, v=lead.values,
                   c=dict.fromkeys(CITED, "") | {k: cite(s) for k, s in lead.sources.items()})
            for lead in cost_leads(r, inputs, corpus, question, frozenset(read_numbers(question).slots))]  # fmt: skip


def own_loan_lines(e: CurrencyMismatch, own: CostInputs, question: str, corpus: Corpus, prompts: Path,
                   cite: CiteSource) -> list[str]:  # fmt: skip
    """Amounts in another currency than the program's (never converted): why the program's costs are left out, then
    the payment on the person's own loan, in their currency (app/tools/cost_loan.py own_loan)."""
    r = calculate(own, corpus)
    return [render(prompts, "own_loan", reason=str(e), currency=own.currency),
            *cost_lead_lines(r, own, question, corpus, prompts, cite)]  # fmt: skip


def framing(p: Prepared, intent: Intent, shown: Iterable[str], corpus: Corpus, prompts: Path) -> Framing:
    """The notes on degrees we don't hold at a school we do, the school notes for the schools named by their name
    only, and for a cost or decision the employer's aid.
    `shown`: the programs the answer shows (a tool's: those it ran on; a free-form answer's: those it cites)."""
    by_id = {pid: corpus.program(pid) for ids in p.by_school for pid in ids}
    notes = school_notes(p.by_school, list(shown), {k: v.name for k, v in by_id.items()},
                         {k: v.school_name for k, v in by_id.items()}, prompts)  # fmt: skip
    block = ["\n".join(notes)] if notes else []
    # First for a tool's answer (it weighs what was named); a free-form answer keeps its direct answer first.
    before, after = ([], block) if intent == "question" else (block, [])
    # A degree named at a school whose only match was the school ("Oxford MSc in Machine Learning"): said first,
    # whatever the answer, so the program we hold there is never read as the one asked about.
    if unheld := unheld_notes(p.unheld, list(shown), corpus, prompts):
        before = ["\n".join(unheld), *before]
    if (aid := p.state.profile.employer_aid) is not None and intent in ("cost", "decide"):
        note = render(prompts, "employer_aid", amount=money(aid, p.state.profile.currency or "USD"))
        said_now = "employer_aid" in read_numbers(p.question).slots  # the answer to this message comes first
        before, after = ([note, *before], after) if said_now else (before, [*after, note])
    return Framing(tuple(before), tuple(after))


def unheld_notes(unheld: Iterable[UnheldProgram], shown: list[str], corpus: Corpus, prompts: Path) -> list[str]:
    """One line per degree named at a school we hold that none of its programs is: we hold no such program there,
    these are the ones we do, and which of them the answer shows (prompts/unheld_program.txt)."""
    return [render(prompts, "unheld_program", named=u.named, school=u.school,
                   held=[corpus.program(pid).name for pid in u.held],
                   shown=[corpus.program(pid).name for pid in u.held if pid in shown]) for u in unheld]  # fmt: skip


def plan_facts(p: Prepared, plan: AnswerResult | None, corpus: Corpus, prompts: Path, cite: Cite) -> Facts:
    """The facts of a cost question (the calculator on the turn's inputs), a decision (the plan's rows) or a search
    (its notes), as the grounded engine writes them; a free-form answer's notes wait for what it cites."""
    leads: list[str] = []
    shown: list[str] = []
    if p.intent == "cost":
        args = p.cost_args or {}
        try:
            inputs = parse_inputs(dict(args))
            r = calculate(inputs, corpus)
        except CurrencyMismatch as e:  # a loan in INR for a program in GBP: its payment, in INR, is still the lead
            if (own := own_loan(parse_inputs(dict(args)))) is None:
                return Facts(framing=framing(p, p.intent, [], corpus, prompts))
            return Facts(tuple(own_loan_lines(e, own, p.question, corpus, prompts, lambda src: cite(src, None))))
        except AdvisorError:  # bad input: the grounded answer says so; there is no lead to give
            return Facts(framing=framing(p, p.intent, [], corpus, prompts))
        prog = args.get("program_id")
        leads = cost_lead_lines(r, inputs, p.question, corpus, prompts, lambda src: cite(src, prog))
        shown = [prog] if prog else []
    elif plan is not None:  # a decision or a search: the programs the plan ran on
        if p.intent == "decide":
            leads = verdict_lines([DecisionRow.model_validate(row) for row in plan.decision], cite, prompts)
        shown = plan.programs
    return Facts(tuple(leads), framing(p, p.intent, shown, corpus, prompts))
