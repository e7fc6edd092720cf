"""The default engine: offline, no LLM. Every sentence it writes is a cited source sentence or a tool result."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

from app.answer.citations import AnswerResult, Ledger, ToolCall, finalize
from app.answer.compose import checklist, compose, not_covered, quoted, sentence
from app.answer.cost_answer import cost_answer
from app.answer.coverage import Assessment, CoverageJudge, Match, content_words, focus_of
from app.answer.decide import compose_decision, pick_weighed
from app.answer.engine import Prepared, StreamEvent
from app.answer.find import compose_find
from app.answer.intent import ASKS_CHEAPER
from app.answer.leads import cost_lead_lines, framing, own_loan_lines
from app.answer.numbers import read_numbers
from app.answer.numbers_places import rent_of_a_place
from app.answer.prompts import render
from app.answer.said import you_said
from app.answer.scoring import EvidenceSelector, cite_evidence, cite_quote
from app.corpus.dates import resolve_today
from app.corpus.load import Corpus
from app.corpus.units import Evidence, checklist_units
from app.errors import AdvisorError, CurrencyMismatch, InvalidInput
from app.retrieval.asked import asks_for_questions, is_courtesy
from app.retrieval.names import ProgramMatcher
from app.settings import Settings
from app.tools.compare import OUTDATED_MARK, Cell, ProgramColumn, by_total_tuition, compare_programs
from app.tools.cost import OWN_TUITION, Assumption, CostResult, calculate, fmt_money, parse_inputs
from app.tools.cost_loan import own_loan
from app.tools.cost_models import CostInputs
from app.tools.decision import (
    ASK_FOR,
    MAX_DECISION_PROGRAMS,
    OWN_ID,
    STATED,
    DecisionInputs,
    candidates,
    decide,
    most_needed_input,
)
from app.tools.finder import Citation as FinderCitation
from app.tools.finder import FinderRow, find_programs, parse_query
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
        self.matcher = matcher  # _compare resolves its programs with it

    # --- the engine protocol ---------------------------------------------------------------

    def respond(self, p: Prepared) -> AnswerResult:
        answer = {"compare": self._compare, "cost": self._cost, "decide": self._decide, "find": self._find}
        result = answer.get(p.intent, self._question)(p)
        # "Is CMU worth it?": CMU has two programs here; a note says which the answer shows (app/answer/leads.py).
        # A free-form answer shows a program only where it cites it; a tool's answer shows the programs it ran on.
        shown = [c.program_id for c in result.citations] if result.intent == "question" else result.programs
        result.answer = framing(p, result.intent, shown, self.corpus, self.settings.prompts_dir).around(result.answer)
        return result

    def stream_respond(self, p: Prepared) -> Iterator[StreamEvent]:
        result = self.respond(p)
        yield from result.answer.splitlines(keepends=True)
        yield result

    # --- free-form questions ---------------------------------------------------------------

    def abstain(self, p: Prepared) -> AnswerResult:
        corpus = self.corpus
        topics = [c.section[1] for c in corpus.chunks
                  if c.kind == "guide" and len(c.section) > 1 and c.role != "promotion"]  # fmt: skip
        topics = list(dict.fromkeys(topics))
        text = render(
            self.settings.prompts_dir, "abstain", topics="; ".join(topics[:12]), n_programs=len(corpus.programs),
            examples=", ".join(p_.school_name for p_ in corpus.programs[:4]),
        )  # fmt: skip
        return AnswerResult(answer=text, intent="off-topic", abstained=True, coverage="none",
                            coverage_reasons=["low support"], standalone_question=p.standalone)  # fmt: skip

    def assess(self, p: Prepared) -> Assessment:
        """What a free-form question finds: the sentences to cite, whether they support an answer, and what the
        coverage judge weighs. The fitting of the answerability model (app/fitting.py) sees exactly this."""
        support, chosen = self.selector.select(p.standalone, [h.chunk for h in p.hits], p.programs)
        # The signals read the person's own words: a follow-up's "(about: …)" would count as words they asked.
        match = Match(support, tuple(chosen), bool(p.programs), words=p.question)
        return Assessment(chosen, support >= self.settings.abstain_threshold and bool(chosen), match,
                          asks_for_questions(p.standalone) and bool(self.checklist),
                          not p.state.turns and not content_words(p.standalone))  # fmt: skip

    def _question(self, p: Prepared) -> AnswerResult:
        focus = focus_of(p.standalone)
        a = self.assess(p)
        chosen, supported = a.chosen, a.supported
        ledger = Ledger()

        def cite(e: Evidence) -> int:
            return cite_evidence(ledger, e)

        prompts = self.settings.prompts_dir
        if a.checklist:
            return self._result(p, checklist(self.checklist, cite, prompts), ledger)
        if is_courtesy(p.question):
            return AnswerResult(answer=render(prompts, "courtesy"), intent="question", abstained=True, coverage="none",
                                coverage_reasons=["no question"], standalone_question=p.standalone)  # fmt: skip
        if a.no_subject:
            # "How much?" as a first message says nothing of what it is about: ask, never answer a guess.
            text = render(prompts, "clarify")
            return AnswerResult(answer=text, intent="question", abstained=True, coverage="none",
                                coverage_reasons=["no subject"], standalone_question=p.standalone)  # fmt: skip
        coverage = self.judge.judge(p.standalone, supported, a.match, first_turn=not p.state.turns)
        if coverage.level == "none":
            if not supported and not coverage.experience:
                return self.abstain(p)
            related = chosen if supported else []
            closeness = map(float, self.selector.scorer.closeness(focus, related))
            lines = not_covered(coverage, list(zip(related, closeness, strict=True)), cite, prompts)
            return self._result(p, lines, ledger, abstained=True, coverage="none",
                                coverage_reasons=list(coverage.reasons))  # fmt: skip
        lines = compose(focus, chosen, coverage, cite, prompts)
        programs = list(dict.fromkeys([*p.programs, *(e.chunk.program_id for e in chosen if e.chunk.program_id)]))
        return self._result(p, lines, ledger, programs=programs, coverage=coverage.level,
                            coverage_reasons=list(coverage.reasons))  # fmt: skip

    # --- which programs fit: the finder ---------------------------------------------------------

    def _find(self, p: Prepared) -> AnswerResult:
        try:
            query = parse_query(p.find_query or {})
        except InvalidInput as e:
            return AnswerResult(answer=f"I couldn't search the programs: {e}.", intent="find",
                                standalone_question=p.standalone)  # fmt: skip
        result = find_programs(query, self.corpus.programs)
        ledger = Ledger()

        def cite(row: FinderRow, c: FinderCitation) -> str:
            n = cite_quote(ledger, self.corpus, c.quote, row.program_id, c.url, c.as_of)
            return "" if n is None else f"[{n}]"

        lines = compose_find(result, cite, self.settings.prompts_dir, resolve_today(self.settings.today))
        ids = [r.program_id for r in result.matches]
        return self._result(p, lines, ledger, programs=ids, finder=result.to_json())

    # --- decisions: "is it worth it for me?" -----------------------------------------------------

    def _decide(self, p: Prepared) -> AnswerResult:
        inputs = DecisionInputs(**(p.decision_inputs or {}))
        # A name our data doesn't hold ("MIT's online ML master's") is said to match nothing, never swapped silently.
        # A name said as a degree at a school we hold ("Georgia Tech OMSA") is said by the framing's first line.
        unmatched = quoted(tuple(n for n in self.judge.unheld_names(p.question)
                                 if not any(n in u.named.split() for u in p.unheld)))  # fmt: skip
        if unmatched != "that" and not p.programs:
            text = render(self.settings.prompts_dir, "decision_unmatched", names=unmatched, weighed=False)
            return AnswerResult(answer=text, intent="decide", standalone_question=p.standalone)
        # No program named but their own program's cost given: the decision is on THEIR program, never on ours.
        own = not p.programs and any(getattr(inputs, k) is not None for k in OWN_TUITION)
        named = pick_weighed(p.programs, p.by_school, self.corpus.program, MAX_DECISION_PROGRAMS)
        ids = [OWN_ID] if own else named or candidates(inputs, self.corpus, p.find_query or {})
        if not ids:
            text = render(self.settings.prompts_dir, "decision_no_program", missing=ASK_FOR["salary_before"])
            return AnswerResult(answer=text, intent="decide", standalone_question=p.standalone)
        try:
            rows = decide(ids, inputs, self.corpus)
        except AdvisorError as e:  # two ways of paying at once: asked about in plain words, never a traceback
            return AnswerResult(answer=f"I couldn't weigh it: {e}.", intent="decide", standalone_question=p.standalone)
        ledger = Ledger()

        def cite(a: Assumption, program_id: str | None) -> str:
            n = cite_quote(ledger, self.corpus, a.quote, program_id, a.url, a.as_of)
            return "" if n is None else f" [{n}]"

        said = {k: v for k, v in (p.decision_inputs or {}).items() if k in (*STATED, "years")}
        stated = read_numbers(p.question)
        if len(set(inputs.living_for.values())) == 1:  # a rent said of one program is echoed, with which one
            said["living_per_month"] = next(iter(inputs.living_for.values()))
            rent = rent_of_a_place(p.question)
            words = f"{rent.words} in {rent.place}" if rent else stated.said.get("living_per_month") or fmt_money(
                said["living_per_month"], inputs.currency or "USD")  # fmt: skip
            names = " and ".join(self.corpus.program(x).title for x in inputs.living_for)
            stated.said["living_per_month"] = f"{words} (counted for {names} only)"
        ask = most_needed_input(rows, inputs)
        lines = compose_decision(rows, you_said(said, stated, self.settings.prompts_dir), cite,
                                 self._supporting(p, ledger, bar=0.0), ask,
                                 self.settings.prompts_dir)  # fmt: skip
        if unmatched != "that":
            lines.insert(0, render(self.settings.prompts_dir, "decision_unmatched", names=unmatched, weighed=True))
        in_groups = {pid for ids_ in p.by_school for pid in ids_}  # said in the first line, school by school
        if left := [self.corpus.program(x).title for x in p.programs if x not in ids and x not in in_groups]:
            lines.insert(0, render(self.settings.prompts_dir, "decision_left_out", most=MAX_DECISION_PROGRAMS, left=left))
        return self._result(p, lines, ledger, programs=[i for i in ids if i != OWN_ID],
                            decision=[r.model_dump(mode="json") for r in rows])  # fmt: skip

    def _result(self, p: Prepared, lines: list[str], ledger: Ledger, **extra: Any) -> AnswerResult:
        text, cites, _ = finalize("\n".join(lines), ledger.citations)
        return AnswerResult(answer=text, citations=cites, intent=p.intent, standalone_question=p.standalone, **extra)

    def _supporting(self, p: Prepared, ledger: Ledger, limit: int = 2, bar: float | None = None) -> list[str]:
        """Up to `limit` cited guide sentences from retrieval, for context under a tool or decision answer."""
        support, chosen = self.selector.select(p.standalone, [h.chunk for h in p.hits if h.chunk.kind == "guide"])
        if support < (self.settings.abstain_threshold if bar is None else bar):
            return []
        # A guide sentence about another school ("at Carnegie Mellon University … $52,000 per year") is no context for
        # the programs in view (an Edinburgh estimate had cited it).
        shown = set(p.programs)
        about_others = [e for e in chosen if shown and (named := set(self.matcher.mentions(e.text, typos=False)))
                        and not named & shown]  # fmt: skip
        return [f"- {sentence(e.text)} [{cite_evidence(ledger, e)}]" for e in chosen if e not in about_others][:limit]

    # --- cost ---------------------------------------------------------------------------------

    def _cost(self, p: Prepared) -> AnswerResult:
        """The calculator on the typed result (`calculate`); the tool's JSON is kept as the call's record only."""
        args = dict(p.cost_args or {})
        call = ToolCall(name=self.cost_tool.name, args=args, result=None)
        try:
            r = calculate(parse_inputs(args), self.corpus)
        except AdvisorError as e:  # bad input is shown as a message, never a traceback
            if isinstance(e, CurrencyMismatch) and (own := own_loan(parse_inputs(args))):
                return self._own_loan(p, call, own, e)
            call.result = {"error": str(e)}
            msg = f"I couldn't run the cost calculator: {e}. Please correct that value and ask again."
            return AnswerResult(answer=msg, intent="cost", tool_calls=[call], standalone_question=p.standalone)
        call.result = r.model_dump(mode="json")
        ledger = Ledger()
        prog = args.get("program_id")
        title = self.corpus.program(prog).title if prog else "your inputs"
        lines = self._leads(r, parse_inputs(args), p.question, ledger, prog)

        def cite(a: Assumption) -> int | None:
            return cite_quote(ledger, self.corpus, a.quote, prog, a.url, a.as_of)

        lines += cost_answer(r, args, p.question, title, cite, self.settings.prompts_dir, after_leads=bool(lines))
        context = self._supporting(p, ledger)
        if context:
            lines.append("\nFrom the guide:")
            lines += context
        return self._result(p, lines, ledger, tool_calls=[call], programs=[prog] if prog else [])

    def _own_loan(self, p: Prepared, call: ToolCall, own: CostInputs, e: CurrencyMismatch) -> AnswerResult:
        """A loan in INR for a program in GBP: the payment on it, in INR (app/tools/cost_loan.py own_loan)."""
        ledger = Ledger()
        call.result = {"error": str(e), "own_loan": calculate(own, self.corpus).model_dump(mode="json")}
        lines = own_loan_lines(e, own, p.question, self.corpus, self.settings.prompts_dir, self._marker(ledger, None))
        if said := you_said(dict(p.cost_args or {}), read_numbers(p.question), self.settings.prompts_dir):
            lines.append("\nYou said: " + said)
        return self._result(p, lines, ledger, tool_calls=[call], programs=[])

    def _marker(self, ledger: Ledger, prog: str | None) -> Callable[[Any], str]:
        def marker(src: Any) -> str:
            n = cite_quote(ledger, self.corpus, src.quote, prog, src.url, src.as_of)
            return "" if n is None else f" [{n}]"

        return marker

    def _leads(self, r: CostResult, inputs: Any, question: str, ledger: Ledger, prog: str | None) -> list[str]:
        """What was asked, answered first (app/answer/leads.py, shared with the chat-model engine), each figure cited."""
        return cost_lead_lines(r, inputs, question, self.corpus, self.settings.prompts_dir, self._marker(ledger, prog))

    # --- comparisons --------------------------------------------------------------------------

    def _compare(self, p: Prepared) -> AnswerResult:
        """The comparison table (Comparison.to_markdown, the one renderer), each sourced cell cited in the ledger."""
        args = {"programs": list(p.programs)}
        comp = compare_programs(args["programs"], self.corpus, self.matcher, resolve_today(self.settings.today))
        call = ToolCall(name=self.compare_tool.name, args=args, result=comp.to_json())
        ledger = Ledger()

        def cite(col: ProgramColumn, cell: Cell) -> str | None:
            if not cell.quote or cell.value is None:
                return None
            n = cite_quote(ledger, self.corpus, cell.quote, col.id, cell.source_url, cell.as_of)
            return None if n is None else f"[{n}]"

        table = comp.to_markdown(cite, label=lambda col: col.label)
        lines = ["Side by side (each cell cites its source; " + OUTDATED_MARK + " marks figures over two academic years old):",
                 "", table]  # fmt: skip
        if ASKS_CHEAPER.search(p.question):  # "which is cheaper?": the answer first, then the table it comes from
            currency = {col.id: self.corpus.program(col.id).tuition.currency for col in comp.programs}
            ranked, left, mixed = by_total_tuition(comp, currency.get)
            named = {col.id: col.title for col in comp.programs}  # the school alone is ambiguous ("CMU": two programs)
            lines.insert(0, render(self.settings.prompts_dir, "compare_verdict", ranked=[
                f"{named[r.column.id]}, {fmt_money(r.amount, currency[r.column.id])} {cite(r.column, r.cell) or ''}"
                + (f" {OUTDATED_MARK}" if r.cell.outdated else "")
                for r in ranked], left="; ".join(named[i] for i in left), mixed=mixed) + "\n")  # fmt: skip
        return self._result(p, lines, ledger, tool_calls=[call], programs=[x.id for x in comp.programs])
