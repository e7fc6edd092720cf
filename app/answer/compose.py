"""How a grounded answer to a question reads: the direct answer first, then supporting points grouped by topic.

Facts are only ever cited source sentences; the connective words come from template files in prompts/.
Pure functions: the engine passes the chosen evidence (best first), a `cite` callback that numbers a citation,
and the coverage judgement.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

from app.answer.coverage import Coverage
from app.answer.prompts import render
from app.corpus.units import Evidence
from app.retrieval.asked import asked_kind, question_form, states

MAX_RELATED = 2  # facts shown under "our sources don't cover it": related, labelled as such, never more
# A fact shown as related says something this close in meaning to the question (Scorer.closeness). Below it, "How long
# does a student visa take?" was shown a loan's repayment term and parking at UT Austin its tuition: better no related
# fact than that.
RELATED_FROM = 0.4
# "It depends" only for a condition on the answer: "even if only temporarily" and "as if" set none.
_CONDITIONAL = re.compile(r"\b(?:(?<!even )(?<!as )if|depends?|depending|can be|may|might|whether|unless)\b", re.I)


def sentence(text: str) -> str:
    """Text ending in exactly one punctuation mark."""
    text = text.strip()
    return text if text[-1:] in ".?!" else text + "."


def topic(e: Evidence) -> str:
    """What a supporting point is grouped under: its guide heading, its program, or the loan figures."""
    if e.chunk.kind == "guide":
        return e.chunk.section[-1]
    if e.chunk.kind == "program":
        return e.chunk.title
    return "Federal loans"


def lead_line(question: str, chosen: list[Evidence], cite: Callable[[Evidence], int], prompts: Path) -> tuple[str, Evidence]:
    """The first line: the best sentence as the answer; for a figure question the best one that states a figure or
    says the figure asked for is not published."""
    form, kind = question_form(question), asked_kind(question)
    # A figure question is answered by a figure of the kind asked ("how long" by a duration), or by the line saying
    # the figure asked for is not published.
    figure = (lambda e: states(e.text, kind)) if kind else (lambda e: bool(re.search(r"\d", e.text)))
    lead = next((e for e in chosen if e.missing or figure(e)), chosen[0]) if form == "figure" else chosen[0]
    text = sentence(lead.text)
    line = render(prompts, "answer_lead", form=form, conditional=bool(_CONDITIONAL.search(text)), sentence=text,
                  n=cite(lead))  # fmt: skip
    return line, lead


def grouped_points(points: list[Evidence], cite: Callable[[Evidence], int]) -> list[str]:
    """Supporting points under their topic, topics in the order of their best point."""
    groups: dict[str, list[Evidence]] = {}
    for e in points:
        groups.setdefault(topic(e), []).append(e)
    lines: list[str] = []
    for name, items in groups.items():
        lines.append(f"\n**{name}**")
        lines += [f"- {sentence(e.text)} [{cite(e)}]" for e in items]
    return lines


def compose(question: str, chosen: list[Evidence], coverage: Coverage, cite: Callable[[Evidence], int],
            prompts: Path) -> list[str]:  # fmt: skip
    """The answer's lines for a covered or partly covered question (chosen is best first, never empty)."""
    lines = []
    if coverage.level == "partial":
        lines.append(render(prompts, "partial", missing=quoted(coverage.missing), named=bool(coverage.missing),
                            experience=coverage.experience))
    first, lead = lead_line(question, chosen, cite, prompts)
    lines.append(first)
    return lines + grouped_points([e for e in chosen if e is not lead], cite)


def not_covered(coverage: Coverage, related: list[tuple[Evidence, float]], cite: Callable[[Evidence], int],
                prompts: Path) -> list[str]:  # fmt: skip
    """One line saying what our sources don't cover, then at most two related facts (each with its closeness to the
    question), labelled as related."""
    # "credits is not published" relates to nothing
    shown = [e for e, closeness in related if closeness >= RELATED_FROM and not e.missing][:MAX_RELATED]
    head = render(prompts, "not_covered", missing=quoted(coverage.missing), named=bool(coverage.missing),
                  experience=coverage.experience,
                  related=bool(shown))
    return [head, *(f"- {sentence(e.text)} [{cite(e)}]" for e in shown)]


def checklist(questions: list[Evidence], cite: Callable[[Evidence], int], prompts: Path) -> list[str]:
    """The guide's 'questions to ask yourself', each cited: shown only when that is what was asked."""
    return [render(prompts, "checklist"), *(f"- {e.text} [{cite(e)}]" for e in questions)]


def quoted(words: tuple[str, ...]) -> str:
    """'“parking”', '“SOP” or “OPT”', or 'that' when no word could be named."""
    if not words:
        return "that"
    marks = [f"“{w}”" for w in words]
    return marks[0] if len(marks) == 1 else ", ".join(marks[:-1]) + " or " + marks[-1]


def school_notes(groups: list[list[str]], shown: list[str], names: dict[str, str], schools: dict[str, str],
                 prompts: Path) -> list[str]:  # fmt: skip
    """One line per school the person named that holds several programs ("CMU": MSML and MCDS): which the answer
    shows, so none is added or dropped silently. `names`/`schools`: program id -> its name / school."""
    lines = []
    for ids in groups:
        answered = [names[pid] for pid in ids if pid in shown]
        if answered:
            lines.append(render(prompts, "school_programs", school=schools[ids[0]], names=[names[pid] for pid in ids],
                                shown=answered, others=[names[pid] for pid in ids if pid not in shown]))  # fmt: skip
    return lines
