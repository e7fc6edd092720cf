"""The default engine: offline, no LLM. Every sentence it writes is a cited source sentence or a tool result."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from app.answer.citations import AnswerResult, Ledger, ToolCall, finalize
from app.answer.compose import asks_for_questions, checklist, compose, not_covered, sentence
from app.answer.coverage import CoverageJudge, focus_of
from app.answer.engine import Prepared, StreamEvent
from app.answer.prompts import render
from app.answer.scoring import EvidenceSelector, cite_evidence
from app.corpus.dates import resolve_today
from app.corpus.load import Corpus
from app.corpus.units import Evidence, checklist_units
from app.retrieval.names import ProgramMatcher
from app.settings import Settings
from app.tools.compare import FIELDS, OUTDATED_MARK
from app.tools.cost import fmt_money
from app.tools.lc_tools import make_compare_tool, make_cost_tool


class GroundedEngine:
    """Composes answers from retrieved sentences and tool results; abstains when support is too weak."""

    name = "grounded"

    def __init__(self, corpus: Corpus, selector: EvidenceSelector, judge: CoverageJudge, matcher: ProgramMatcher,
                 settings: Settings) -> None:  # fmt: skip
        self.corpus, self.selector, self.judge, self.settings = corpus, selector, judge, settings
        self.checklist = checklist_units(corpus)
        self.cost_tool = make_cost_tool(corpus)
        self.compare_tool = make_compare_tool(corpus, matcher, resolve_today(settings.today))

    # --- the engine protocol ---------------------------------------------------------------

    def respond(self, p: Prepared) -> AnswerResult:
        if p.intent == "compare":
            return self._compare(p)
        if p.intent == "cost":
            return self._cost(p)
        return self._question(p)

    def stream_respond(self, p: Prepared) -> Iterator[StreamEvent]:
        result = self.respond(p)
        yield from result.answer.splitlines(keepends=True)
        yield result

    # --- free-form questions ---------------------------------------------------------------

    def abstain(self, p: Prepared) -> AnswerResult:
        corpus = self.corpus
        topics = [c.section[1] for c in corpus.chunks if c.kind == "guide" and len(c.section) > 1]
        topics = [t for t in dict.fromkeys(topics) if "Popular" not in t]
        text = render(
            self.settings.prompts_dir, "abstain", topics="; ".join(topics[:12]), n_programs=len(corpus.programs),
            examples=", ".join(p_.school.split(" (")[0] for p_ in corpus.programs[:4]),
        )  # fmt: skip
        return AnswerResult(answer=text, intent="off-topic", abstained=True, coverage="none", standalone_question=p.standalone)

    def _question(self, p: Prepared) -> AnswerResult:
        focus = focus_of(p.standalone)
        support, chosen = self.selector.select(p.standalone, [h.chunk for h in p.hits], p.programs)
        ledger = Ledger()

        def cite(e: Evidence) -> int:
            return cite_evidence(ledger, e)

        prompts = self.settings.prompts_dir
        if asks_for_questions(p.standalone) and self.checklist:
            return self._result(p, checklist(self.checklist, cite, prompts), ledger)
        supported = support >= self.settings.abstain_threshold and bool(chosen)
        coverage = self.judge.judge(p.standalone, supported)
        if coverage.level == "none":
            if not supported:
                return self.abstain(p)
            lines = not_covered(coverage, chosen, cite, prompts)
            return self._result(p, lines, ledger, abstained=True, coverage="none")
        lines = compose(focus, chosen, coverage, cite, prompts)
        programs = list(dict.fromkeys([*p.programs, *(e.chunk.program_id for e in chosen if e.chunk.program_id)]))
        return self._result(p, lines, ledger, programs=programs, coverage=coverage.level)

    def _result(self, p: Prepared, lines: list[str], ledger: Ledger, **extra: Any) -> AnswerResult:
        text, cites, _ = finalize("\n".join(lines), ledger.citations)
        return AnswerResult(answer=text, citations=cites, intent=p.intent, standalone_question=p.standalone, **extra)

    def _supporting(self, p: Prepared, ledger: Ledger, limit: int = 2) -> list[str]:
        """Up to `limit` cited sentences from retrieval, for context under a tool answer."""
        support, chosen = self.selector.select(p.standalone, [h.chunk for h in p.hits if h.chunk.kind == "guide"])
        if support < self.settings.abstain_threshold:
            return []
        return [f"- {sentence(e.text)} [{cite_evidence(ledger, e)}]" for e in chosen[:limit]]

    # --- cost ---------------------------------------------------------------------------------

    def _cite_assumption(self, ledger: Ledger, a: dict[str, Any], program_id: str | None) -> str:
        chunk = self.corpus.quote_home(a["quote"], program_id)
        if chunk is None:  # every quote comes from the corpus; if one does not, say so rather than cite it
            return f"{a['label']}: {a['value']} (source quote not found in the corpus)"
        n = ledger.cite(id=chunk.id, kind=chunk.kind, title=chunk.title, quote=a["quote"], section=chunk.section,
                        program_id=chunk.program_id, url=a["url"], as_of=a["as_of"])  # fmt: skip
        shown = _show_value(a["field"], a["value"])
        return f"- {a['label']}: {shown} (as of {a['as_of']}) [{n}]"

    def _cost(self, p: Prepared) -> AnswerResult:
        args = dict(p.cost_args or {})
        call = ToolCall(name=self.cost_tool.name, args=args, result=None)
        try:
            r = self.cost_tool.invoke(args)
        except Exception as e:  # the tool reports bad input as a message; show it, never a traceback
            call.result = {"error": str(e)}
            msg = f"I couldn't run the cost calculator: {e}. Please correct that value and ask again."
            return AnswerResult(answer=msg, intent="cost", tool_calls=[call], standalone_question=p.standalone)
        if isinstance(r, str):  # ToolException handled by the tool: the message is the result
            call.result = {"error": r}
            msg = f"I couldn't run the cost calculator: {r}. Please correct that value and ask again."
            return AnswerResult(answer=msg, intent="cost", tool_calls=[call], standalone_question=p.standalone)
        call.result = r
        ledger = Ledger()
        cur = r.get("currency") or "USD"
        prog = args.get("program_id")
        title = self.corpus.program(prog).title if prog else "your inputs"
        lines = [f"Cost estimate for {title} (computed by the `calculate_cost` tool from the inputs below):"]
        lines += self._cost_lines(r, cur)
        if r["assumptions"]:
            lines.append("\nDefaults I assumed, with their sources:")
            lines += [self._cite_assumption(ledger, a, prog) for a in r["assumptions"]]
        given = {k: v for k, v in args.items() if k != "program_id"}
        if given:
            lines.append(
                "\nYour inputs: "
                + ", ".join(
                    f"{k.replace('_', ' ')} {v:g}"
                    if isinstance(v, float | int) and not isinstance(v, bool)
                    else f"{k.replace('_', ' ')} {v}"
                    for k, v in given.items()
                )
            )
        if r["notes"]:
            lines.append("\nNotes from the calculator:")
            lines += [f"- {n}" for n in r["notes"]]
        if r["missing"]:
            reasons = r.get("missing_reasons", {})
            needed = ", ".join(m.replace("_", " ") for m in r["missing"])
            why = " ".join(f"{m.replace('_', ' ').capitalize()}: {reasons.get(m, '')}." for m in r["missing"])
            lines.append("\n" + render(self.settings.prompts_dir, "ask_missing", needed=needed, why=why,
                                       example=_example_for(r["missing"])))  # fmt: skip
        context = self._supporting(p, ledger)
        if context:
            lines.append("\nFrom the guide:")
            lines += context
        return self._result(p, lines, ledger, tool_calls=[call], programs=[prog] if prog else [])

    @staticmethod
    def _cost_lines(r: dict[str, Any], cur: str) -> list[str]:
        def m(v: float | None) -> str:
            return "needs more input" if v is None else fmt_money(v, cur)

        out = [
            f"- Total cost of attendance: {m(r['total_cost_of_attendance'])} (tuition {m(r['tuition'])}, fees "
            f"{m(r['fees_total'])}, living {m(r['living_total'])}, relocation {m(r['relocation'])})",
            f"- Income forgone while studying: {m(r['forgone_income'])}",
            f"- Total economic cost: {m(r['total_economic_cost'])}",
        ]
        if r["loan_principal"] is not None:
            loan = f"- Loan: {m(r['loan_principal'])}"
            if r["accrued_interest"]:
                loan += f", plus {m(r['accrued_interest'])} interest accrued in school and the grace period"
            if r["monthly_payment"] is not None and r["apr_percent"] is not None:
                loan += (f" at {r['apr_percent']:g}% over {r['term_years']:g} years → {m(r['monthly_payment'])} a month, "
                         f"{m(r['total_interest'])} total interest, {m(r['total_repaid'])} repaid in all")  # fmt: skip
            out.append(loan)
        if r["break_even_years"] is not None:
            out.append(
                f"- Break-even: {r['break_even_years']:g} years of the higher salary to earn back the total economic cost"
            )
        if r["debt_to_income"] is not None:
            out.append(
                f"- Debt-to-income: {100 * r['debt_to_income']:.1f}% of the salary after the degree. {r['loan_risk_note']}"
            )
        return out

    # --- comparisons --------------------------------------------------------------------------

    def _compare(self, p: Prepared) -> AnswerResult:
        args = {"programs": list(p.programs)}
        data = self.compare_tool.invoke(args)
        call = ToolCall(name=self.compare_tool.name, args=args, result=data)
        ledger = Ledger()
        progs = data["programs"]
        header = "| | " + " | ".join(self.corpus.program(x["id"]).school.split(" (")[0] for x in progs) + " |"
        lines = ["Side by side (each cell cites its source; " + OUTDATED_MARK + " marks figures over two academic years old):",
                 "", header, "|---" * (len(progs) + 1) + "|"]  # fmt: skip
        for key, label in FIELDS:
            cells = []
            for x in progs:
                cell = x[key]
                shown = str(cell["display"]).replace("|", "/").replace("\n", " ")
                if cell["quote"] and cell["value"] is not None:
                    chunk = self.corpus.quote_home(cell["quote"], x["id"])
                    if chunk is not None:
                        n = ledger.cite(id=chunk.id, kind=chunk.kind, title=chunk.title, quote=cell["quote"],
                                        program_id=x["id"], url=cell["source_url"], as_of=cell["as_of"])  # fmt: skip
                        shown += f" [{n}]"
                if cell["outdated"]:
                    shown += f" {OUTDATED_MARK}"
                cells.append(shown)
            lines.append(f"| {label} | " + " | ".join(cells) + " |")
        return self._result(p, lines, ledger, tool_calls=[call], programs=[x["id"] for x in progs])


MONEY_FIELDS = {
    "tuition",
    "tuition_per_year",
    "tuition_per_credit",
    "tuition_total",
    "fees_per_year",
    "salary_after",
    "salary_before",
    "living_per_month",
    "relocation",
    "loan",
    "savings",
}


def _show_value(field: str, value: Any) -> str:
    """A default as the user reads it: $ for money, % for rates, units for durations."""
    if not isinstance(value, float | int):
        return str(value)
    if field in MONEY_FIELDS:
        return fmt_money(value, "USD")
    units = {"apr_percent": "%", "term_years": " years", "years": " years", "grace_period_months": " months"}
    return f"{value:g}{units.get(field, '')}"


def _example_for(missing: list[str]) -> str:
    examples = {
        "years": "2 years of study", "tuition": "tuition $30,000 per year", "salary_before": "I earn $70,000",
        "salary_after": "I expect $110,000 after, or: as a data scientist", "loan": "a $40k loan, or: I have $20k saved",
        "credits": "30 credits",
    }  # fmt: skip
    return "; ".join(examples[m] for m in missing if m in examples) or "the missing values"
