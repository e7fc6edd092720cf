"""The chat-model engine, driven by LangChain's fake chat models: tool calls, the citation check, the fallback."""

from __future__ import annotations

import dataclasses
import json
import re
import time
from collections.abc import Iterator, Sequence
from typing import Any

import pytest
from langchain_core.callbacks import CallbackManagerForLLMRun
from langchain_core.language_models import GenericFakeChatModel
from langchain_core.messages import AIMessage, AIMessageChunk, BaseMessage, ToolMessage
from langchain_core.outputs import ChatGenerationChunk
from pydantic import Field

from app.answer.citations import check
from app.answer.llm import load_chat_model
from app.answer.pipeline import Conversation
from app.errors import AdvisorError
from app.settings import Settings
from app.wiring import Advisor, build_engine


class ToolCallingFake(GenericFakeChatModel):
    """GenericFakeChatModel that accepts bind_tools and streams tool calls, as real providers do.

    A scripted reply may be a function of the conversation so far, to cite what the tools actually returned.
    """

    seen: list[list[BaseMessage]] = Field(default_factory=list)

    def bind_tools(self, tools: Sequence[Any], **kwargs: Any) -> ToolCallingFake:
        self.seen.clear()
        return self

    def _stream(self, messages: list[BaseMessage], stop: list[str] | None = None,
                run_manager: CallbackManagerForLLMRun | None = None, **kwargs: Any) -> Iterator[ChatGenerationChunk]:  # fmt: skip
        self.seen.append(list(messages))
        message = next(self.messages)
        if callable(message):
            message = message(messages)
        if isinstance(message, AIMessage) and message.tool_calls:
            chunks = [{"name": c["name"], "args": json.dumps(c["args"]), "id": c["id"], "index": i}
                      for i, c in enumerate(message.tool_calls)]  # fmt: skip
            yield ChatGenerationChunk(message=AIMessageChunk(content="", tool_call_chunks=chunks))
            return
        text = message.content if isinstance(message, AIMessage) else str(message)
        for word in text.split(" "):
            yield ChatGenerationChunk(message=AIMessageChunk(content=word + " "))


class BrokenModel(GenericFakeChatModel):
    def bind_tools(self, tools: Sequence[Any], **kwargs: Any) -> BrokenModel:
        return self

    def _stream(self, *args: Any, **kwargs: Any) -> Iterator[ChatGenerationChunk]:
        raise ConnectionError("connection refused")


class SlowModel(BrokenModel):
    def _stream(self, *args: Any, **kwargs: Any) -> Iterator[ChatGenerationChunk]:
        time.sleep(5)
        yield ChatGenerationChunk(message=AIMessageChunk(content="too late"))


def _passage_number(messages: list[BaseMessage], heading: str) -> int:
    """The number the engine gave the passage under `heading`, read from the prompt and tool results."""
    text = "\n".join(str(m.content) for m in messages)
    return int(re.search(r"\[(\d+)\] \(guide: [^)]*" + re.escape(heading) + r"\)", text).group(1))


def _with_model(adv: Advisor, model: Any, **settings: Any) -> Advisor:
    s = adv.settings.model_copy(update=settings)
    engine = build_engine(s, adv.corpus, adv.matcher, adv.retriever, adv.embedder, model)
    return dataclasses.replace(adv, settings=s, engine=engine)


def test_tool_calls_run_and_markers_are_checked(advisor: Advisor) -> None:
    model = ToolCallingFake(messages=iter([
        AIMessage(content="", tool_calls=[
            {"name": "search_guide", "args": {"query": "data engineer salary"}, "id": "c1"},
            {"name": "calculate_cost", "args": {"loan": 80000, "apr_percent": 7, "term_years": 10}, "id": "c2"},
        ]),
        lambda msgs: AIMessage(
            content=f"A data engineer earns $112,896 on average [{_passage_number(msgs, 'Data engineer')}]. "
            "An $80,000 loan at 7% costs $928.87 a month. Bootcamps are cheaper [42]."
        ),
    ]))  # fmt: skip
    adv = _with_model(advisor, model)
    r = Conversation(adv).ask("What does a data engineer earn, and what would an $80k loan at 7% cost monthly?")
    assert [c.name for c in r.tool_calls] == ["search_guide", "calculate_cost"]
    assert r.tool_calls[1].result["monthly_payment"] == 928.87
    # The tool results went back to the model as ToolMessages.
    assert any(isinstance(m, ToolMessage) and "928.87" in str(m.content) for m in model.seen[-1])
    assert r.flagged_markers == ["[42]"] and "[42]" not in r.answer and r.notice
    assert check(r, adv.corpus.verbatim_texts()) == []
    # The answer opens with the cost lead, its figures cited (app/answer/leads.py); the model's claim cites its passage.
    assert r.answer.startswith("Monthly payment: $620.24 a month on the whole $80,000")
    guide = [c for c in r.citations if c.kind == "guide"]
    assert len(guide) == 1 and guide[0].section[-1] == "Data engineer" and "$112,896" in guide[0].quote


def test_prompt_carries_numbered_passages_history_and_profile(advisor: Advisor) -> None:
    model = ToolCallingFake(messages=iter([AIMessage(content="Online study is flexible [1]."),
                                           AIMessage(content="It is online [1].")]))  # fmt: skip
    conv = Conversation(_with_model(advisor, model))
    conv.ask("I earn $70,000. Tell me about Georgia Tech OMSCS")
    conv.ask("Is it online?")
    system = model.seen[-1][0].content
    assert "[1] (" in system and "salary" in system and "70000" in system
    assert "Georgia Tech OMSCS" in model.seen[-1][1].content  # history as messages
    assert "prompts" not in system and "{{" not in system


def test_model_failure_falls_back_to_the_grounded_engine(advisor: Advisor) -> None:
    r = Conversation(_with_model(advisor, BrokenModel(messages=iter([])))).ask("What is a hybrid program like?")
    assert r.notice and "could not answer" in r.notice and "connection refused" in r.notice
    assert r.citations and not r.abstained
    assert check(r, advisor.corpus.verbatim_texts()) == []


def test_model_timeout_falls_back(advisor: Advisor) -> None:
    adv = _with_model(advisor, SlowModel(messages=iter([])), llm_timeout=0.5)
    start = time.monotonic()
    r = Conversation(adv).ask("What is a hybrid program like?")
    assert time.monotonic() - start < 4
    assert r.notice and "no reply within 0.5 s" in r.notice and r.citations


def test_streaming_yields_model_text_then_checked_result(advisor: Advisor) -> None:
    model = ToolCallingFake(messages=iter([AIMessage(content="Hybrid programs mix online and campus study [1].")]))
    events = list(Conversation(_with_model(advisor, model)).stream("What is a hybrid program like?"))
    deltas = [e for e in events if isinstance(e, str)]
    assert len(deltas) > 3 and "".join(deltas).startswith("Hybrid programs")
    assert events[-1].citations and events[-1].answer.strip().endswith("[1].")


def test_llm_setting_is_parsed(tmp_path: Any) -> None:
    with pytest.raises(AdvisorError, match="provider:model"):
        load_chat_model(Settings(llm="llama3"))
    model = load_chat_model(Settings(llm="ollama:llama3.1"))  # built, not called: no network
    assert type(model).__name__ == "ChatOllama"


def test_a_decision_gives_the_model_the_plan_results_and_checks_its_numbers(advisor: Advisor) -> None:
    # The model answers from the plan's rows; one figure it writes ($999,999) comes from no step: flagged.
    model = ToolCallingFake(messages=iter([
        AIMessage(content="CMU MSML costs about $196,000 all in and pays back in about 7.6 years; "
                          "a friend paid $999,999."),
    ]))  # fmt: skip
    adv = _with_model(advisor, model)
    r = adv.conversation().ask("I make $95,000. Is CMU's MSML worth it for me?")
    assert r.intent == "decide" and [row["program_id"] for row in r.decision] == ["cmu-msml"]
    plan = next(m for m in model.seen[-1] if isinstance(m, ToolMessage) and m.tool_call_id == "plan")
    assert '"total_economic_cost": 196000.0' in str(plan.content)  # the same step results the grounded engine uses
    assert r.tool_calls[0].name == "plan_results" and r.tool_calls[0].result["decision"] == r.decision
    assert r.flagged_numbers == ["$999,999"] and "$999,999" in (r.notice or "")


# --- the grounded engine's leads and notes, shared with the model (app/answer/leads.py) ---------------------------


def _system(model: ToolCallingFake) -> str:
    return str(model.seen[0][0].content)


def _unmarked(text: str) -> str:
    """Text without its citation markers: two answers number their sources each their own way."""
    return re.sub(r" ?\[\d+\]", "", text)


def test_a_cost_answer_gives_the_model_the_lead_and_opens_with_it(advisor: Advisor) -> None:
    question = "I have $40k saved. Can I afford CMU's MS in Machine Learning?"
    grounded = advisor.conversation().ask(question)
    lead = grounded.answer.split("\n\n")[0]  # the grounded answer's lead block: savings, then the loan payment
    assert lead.startswith("No: your $40,000 does not cover even the $69,333.33 tuition")
    assert "Monthly payment: $260.27 a month" in lead
    model = ToolCallingFake(messages=iter([AIMessage(content="So you would borrow the rest; see the payment above.")]))
    r = _with_model(advisor, model).conversation().ask(question)
    system = _system(model)
    # In the prompt: the same lead, each figure with the marker of its source in the model's numbering.
    tuition = re.search(r"\$69,333\.33 tuition \(from the 2026 guide, which does not date it\) \[(\d+)\]", system)
    assert tuition and f"[{tuition.group(1)}] (" not in system  # a fact's number is no passage's number
    assert _unmarked(lead) in _unmarked(system)
    # In the answer: the lead first, as the grounded engine words it, then the model's text; every marker backed.
    assert _unmarked(r.answer).startswith(_unmarked(lead) + "\n\nSo you would borrow the rest")
    assert r.answer.startswith("No: your $40,000 does not cover even the $69,333.33 tuition (from the 2026 guide, "
                               "which does not date it) [1]")  # fmt: skip
    assert "$52,000 per year" in r.citations[0].quote and check(r, advisor.corpus.verbatim_texts()) == []
    assert not r.flagged_numbers and not r.flagged_markers and r.notice is None


def test_a_model_copying_the_lead_shows_it_once_and_streams_it_first(advisor: Advisor) -> None:
    def copy_the_facts(msgs: list[BaseMessage]) -> AIMessage:
        facts = str(msgs[0].content).split("never contradict them")[1].split("\n\n")[0].split("\n")[1:]
        return AIMessage(content="\n".join([*facts, "That is a short answer."]))

    model = ToolCallingFake(messages=iter([copy_the_facts]))
    events = list(_with_model(advisor, model).conversation().stream(
        "I have $40k saved. Can I afford CMU's MS in Machine Learning?"))  # fmt: skip
    deltas, r = "".join(e for e in events if isinstance(e, str)), events[-1]
    assert deltas.startswith("No: your $40,000 does not cover")  # computed before the model is called: shown first
    assert r.answer.count("No: your $40,000") == 1 and r.answer.count("Monthly payment: $260.27") == 1
    assert r.answer.endswith("That is a short answer.") and check(r, advisor.corpus.verbatim_texts()) == []


def test_a_model_contradicting_the_lead_is_flagged_and_the_lead_stays(advisor: Advisor) -> None:
    model = ToolCallingFake(messages=iter([AIMessage(
        content="Yes: your $40,000 covers it, with $12,345 left over; tuition is about $59,000 [1].")]))  # fmt: skip
    r = _with_model(advisor, model).conversation().ask("I have $40k saved. Can I afford CMU's MS in Machine Learning?")
    assert r.flagged_numbers == ["$12,345", "$59,000"] and "$12,345" in (r.notice or "")
    assert r.answer.startswith("No: your $40,000 does not cover even the $69,333.33 tuition")


def test_a_decision_gives_the_model_the_school_note_and_verdicts_and_opens_with_them(advisor: Advisor) -> None:
    question = "Is CMU worth it? I make 95k"
    grounded = advisor.conversation().ask(question)
    note, weighing = grounded.answer.split("\n\n")[:2]
    assert note.startswith("Carnegie Mellon University: we hold 2 programs there") and "both are in this answer" in note
    verdicts = weighing.split("\n")[1:]  # under "Weighing 2 programs …": one computed line per program
    assert len(verdicts) == 2 and "about $196,000 all in [1]" in verdicts[1]
    model = ToolCallingFake(messages=iter([AIMessage(
        content="MSML pays back in about 7.6 years at the base raise; for MCDS the tuition is not published, "
                "and a friend paid $999,999.")]))  # fmt: skip
    r = _with_model(advisor, model).conversation().ask(question)
    system = _system(model)
    assert note in system and all(_unmarked(v) in _unmarked(system) for v in verdicts)
    assert re.search(r"about \$196,000 all in \[\d+\]", system)
    assert r.answer.startswith(f"{note}\n\n" + "\n".join(verdicts) + "\n\nMSML pays back")
    assert r.flagged_numbers == ["$999,999"] and check(r, advisor.corpus.verbatim_texts()) == []
    assert [row["program_id"] for row in r.decision] == ["cmu-mcds", "cmu-msml"] and r.citations[0].n == 1


def test_the_employer_aid_note_reaches_the_model_and_the_answer(advisor: Advisor) -> None:
    model = ToolCallingFake(messages=iter([AIMessage(content="MSML pays back in about 7.3 years.")]))
    r = _with_model(advisor, model).conversation().ask("My employer pays $5k a year. Is CMU worth it? I make 95k")
    note = "You said your employer pays $5,000 a year toward tuition"
    assert note in _system(model) and r.answer.startswith(note)  # said in this message: its answer comes first
    assert "Carnegie Mellon University: we hold 2 programs there" in r.answer.split("\n\n")[1]
    assert not r.flagged_numbers


def test_a_free_form_answer_gets_the_school_note_for_the_programs_it_cites(advisor: Advisor) -> None:
    def cite_msml(msgs: list[BaseMessage]) -> AIMessage:
        n = re.search(r"\[(\d+)\] \(program: Master of Science in Machine Learning", str(msgs[0].content)).group(1)
        return AIMessage(content=f"The MSML takes 16 months [{n}].")

    model = ToolCallingFake(messages=iter([cite_msml]))
    r = _with_model(advisor, model).conversation().ask("How long is CMU's master's?")
    body, note = r.answer.split("\n\n")
    assert body == "The MSML takes 16 months [1]." and note.startswith("Carnegie Mellon University: we hold 2")
    assert "this answer is about Master of Science in Machine Learning only" in note


def test_the_model_is_given_the_note_on_a_degree_we_dont_hold_and_opens_with_it(advisor: Advisor) -> None:
    model = ToolCallingFake(messages=iter([AIMessage(content="OMSCS is cheap.")]))
    r = _with_model(advisor, model).conversation().ask("Is Georgia Tech OMSA worth it? I make 95k")
    note = "We hold no OMSA at Georgia Institute of Technology"
    assert note in _system(model) and r.answer.startswith(note)
