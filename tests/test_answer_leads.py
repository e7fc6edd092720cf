"""The leads and notes both engines give a cost or decision answer: where each goes, and that they are the grounded
engine's own (the chat-model engine's use of them is tested in test_answer_llm.py)."""

from __future__ import annotations

from typing import Any

import pytest

from app.answer.citations import Ledger
from app.answer.engine import Prepared
from app.answer.followups import ConversationState
from app.answer.leads import Facts, Framing, framing, plan_facts
from app.answer.scoring import cite_quote
from app.wiring import Advisor


def test_framing_opens_and_closes_the_body_with_blank_lines() -> None:
    assert Framing().around("body") == "body"
    assert Framing(("a", "b1\nb2"), ("z",)).around("body") == "a\n\nb1\nb2\n\nbody\n\nz"
    facts = Facts(("lead 1", "lead 2"), Framing(("note",), ("aid",)))
    assert facts.around("model") == "note\n\nlead 1\nlead 2\n\nmodel\n\naid"
    assert facts.opening() == "note\n\nlead 1\nlead 2"
    assert facts.lines() == ["note", "lead 1", "lead 2", "aid"]
    assert Facts().opening() == "" and Facts().around("model") == "model"


def test_school_notes_open_a_tool_answer_and_close_a_free_form_one(advisor: Advisor) -> None:
    p = advisor.conversation().prepare("Is CMU worth it? I make 95k")
    both = ["cmu-mcds", "cmu-msml"]
    decided = framing(p, "decide", both, advisor.corpus, advisor.settings.prompts_dir)
    assert not decided.after and decided.before[0].startswith("Carnegie Mellon University: we hold 2 programs there")
    asked = framing(p, "question", ["cmu-msml"], advisor.corpus, advisor.settings.prompts_dir)
    assert not asked.before and "this answer is about Master of Science in Machine Learning only" in asked.after[0]
    assert framing(p, "question", [], advisor.corpus, advisor.settings.prompts_dir) == Framing()


def test_employer_aid_comes_first_when_said_now_else_last(advisor: Advisor) -> None:
    conv = advisor.conversation()
    now = conv.prepare("My employer pays $5k a year. What would OMSCS cost me?")
    said = "You said your employer pays $5,000 a year toward tuition"
    assert framing(now, "cost", [], advisor.corpus, advisor.settings.prompts_dir).before[0].startswith(said)
    conv.ask("My employer pays $5k a year. What would OMSCS cost me?")
    later = conv.prepare("And what would CMU's MSML cost?")
    kept = framing(later, "cost", [], advisor.corpus, advisor.settings.prompts_dir)
    assert not kept.before and kept.after[0].startswith(said)  # the answer to this message comes first
    assert framing(later, "question", [], advisor.corpus, advisor.settings.prompts_dir) == Framing()


def test_plan_facts_are_the_grounded_engines_leads(advisor: Advisor) -> None:
    question = "I have $40k saved. Can I afford CMU's MS in Machine Learning?"
    p = advisor.conversation().prepare(question)
    ledger = Ledger()

    def cite(src: Any, program_id: str | None) -> str:
        n = cite_quote(ledger, advisor.corpus, src.quote, program_id, src.url, src.as_of)
        return "" if n is None else f" [{n}]"

    facts = plan_facts(p, None, advisor.corpus, advisor.settings.prompts_dir, cite)
    grounded = advisor.conversation().ask(question).answer
    assert facts.framing == Framing() and len(facts.leads) == 2  # savings, then the payment on what is borrowed
    assert grounded.startswith("\n".join(facts.leads) + "\n\n")  # the same words and, here, the same numbering


def test_a_cost_the_calculator_refuses_has_no_lead(advisor: Advisor) -> None:
    p = Prepared(question="a loan of minus five", state=ConversationState(), intent="cost", cost_args={"loan": -5})
    facts = plan_facts(p, None, advisor.corpus, advisor.settings.prompts_dir, lambda src, pid: "")
    assert facts == Facts()


def test_a_loan_in_another_currency_than_the_programs_leads_with_its_own_payment() -> None:
    # The chat-model engine is given the same lead as the grounded answer: why the program's costs are left out, then
    # the payment on the person's own loan, in their currency.
    from app.settings import PROJECT_ROOT
    from tests.helpers import corpus_and_matcher

    corpus, _ = corpus_and_matcher()
    args = {"program_id": "edinburgh-msc-ai", "loan": 4_000_000, "apr_percent": 10, "currency": "INR"}
    p = Prepared(question="I'd need a loan of ₹40 lakh at 10%. monthly EMI?", state=ConversationState(),
                 intent="cost", cost_args=args)  # fmt: skip
    facts = plan_facts(p, None, corpus, PROJECT_ROOT / "prompts", lambda src, pid: "")
    assert facts.leads[0].startswith("I can't add your amounts to the program's costs: your amounts are in INR")
    assert facts.leads[1].startswith("Monthly payment: INR 52,860.29 a month on the whole INR 4,000,000")


OXFORD_NOTE = ("We hold no MSc in Machine Learning at University of Oxford: the one program we hold there is MSc in "
               "Advanced Computer Science, and this answer is about it, not the one you named.")  # fmt: skip


def test_a_degree_we_dont_hold_at_a_school_we_do_is_said_first_in_every_kind_of_answer(advisor: Advisor) -> None:
    # The school was the only match: the answer says so first, and names the held program as the one it shows.
    decision = advisor.conversation().ask("is the Oxford MSc in Machine Learning worth it?")
    assert decision.intent == "decide" and decision.answer.startswith(OXFORD_NOTE + "\n\n")
    cost = advisor.conversation().ask("how much is the Oxford MSc in Machine Learning?")
    assert cost.answer.startswith(OXFORD_NOTE + "\n\n")
    omsa = advisor.conversation().ask("Is Georgia Tech OMSA worth it?")
    assert omsa.answer.startswith("We hold no OMSA at Georgia Institute of Technology: the one program we hold there "
                                  "is Online Master of Science in Computer Science (Machine Learning specialization), "
                                  "and this answer is about it, not the one you named.\n\n")  # fmt: skip
    assert omsa.answer.count("OMSA") == 1  # said once, by that note: not again as a name matching nothing
    compared = advisor.conversation().ask("compare CMU MSML and Stanford MS in Statistics")
    assert compared.intent == "compare" and compared.answer.startswith(
        "We hold no MS in Statistics at Stanford University: the one program we hold there is MS in Computer Science "
        "(Artificial Intelligence specialization), and this answer is about it, not the one you named.\n\n")  # fmt: skip


def test_the_note_names_the_schools_programs_and_which_the_answer_shows(advisor: Advisor) -> None:
    p = advisor.conversation().prepare("Is CMU's MS in Statistics worth it?")
    shown = framing(p, "decide", ["cmu-msml"], advisor.corpus, advisor.settings.prompts_dir).before[0]
    assert shown == ("We hold no MS in Statistics at Carnegie Mellon University: the 2 programs we hold there are "
                     "Master of Computational Data Science (MCDS) and Master of Science in Machine Learning, and this "
                     "answer is about Master of Science in Machine Learning, not the one you named.")  # fmt: skip
    none = framing(p, "question", [], advisor.corpus, advisor.settings.prompts_dir).before[0]
    assert none.endswith("Name one of them to ask about it, or ask which programs fit you (\"online programs under "
                         "$20k\").") and not framing(p, "question", [], advisor.corpus, advisor.settings.prompts_dir).after


@pytest.mark.parametrize(
    "question",
    ["Is CMU's MS in Machine Learning worth it?", "OMSCS", "Georgia Tech online masters", "UT Austin MSAI",
     "is CMU worth it?"],
)  # fmt: skip
def test_programs_named_by_their_names_or_school_alone_get_no_such_note(advisor: Advisor, question: str) -> None:
    r = advisor.conversation().ask(question)
    assert "We hold no" not in r.answer
    if question == "is CMU worth it?":
        assert r.answer.startswith("Carnegie Mellon University: we hold 2 programs there")
