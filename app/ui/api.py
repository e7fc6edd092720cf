"""The named API endpoints /chat, /compare, /cost and /find: functions of the AppContext, bound in app.py.

/cost's and /find's parameters are generated from CostInputs' and FinderQuery's fields, so the API stays in step
with the calculator and the finder.
"""

from __future__ import annotations

import inspect
from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

from app.errors import AdvisorError
from app.tools.compare import compare_programs
from app.tools.cost import CostInputs, calculate, parse_inputs
from app.tools.finder import FinderQuery, find_programs, parse_query
from app.ui.cost_view import (
    cost_breakdown_rows,
    cost_summary_markdown,
)
from app.ui.presenters import (
    answer_markdown,
    check_message,
    compare_rows,
    escape_md,
)
from app.ui.session import ChatSession, history_questions

if TYPE_CHECKING:
    pass
from app.ui.handlers import AppContext, session_of

# --- the named API endpoints: /chat, /compare, /cost, /find ----------------------------------------


def api_chat(ctx: AppContext, message: str, history: list[Any], session: ChatSession | None
             ) -> Iterator[tuple[str, ChatSession]]:  # fmt: skip
    """Answer one message in this client's conversation: Markdown with [n] markers and a Sources list.

    history (optional): earlier messages [{"role", "content"}]; when given and different from this
    session's, the conversation is rebuilt from its user messages, so stateless callers get follow-ups.
    """
    s = session_of(ctx, session)
    asked = [q for q in history_questions(history) if check_message(q, ctx.max_chars) is None]
    if asked and asked != [t.question for t in s.turns]:
        s = session_of(ctx, None)
        for q in asked:
            for _ in s.run(q):
                pass
    if problem := check_message(text := (message or "").strip(), ctx.max_chars):
        yield escape_md(problem), s
        return
    for t in s.run(text):
        if t.result:
            yield answer_markdown(t.result), s
        elif t.error:
            yield f"⚠️ {escape_md(t.error)}", s
        elif t.partial:
            yield escape_md(t.partial), s


def api_compare(ctx: AppContext, programs: list[str]) -> dict:
    """Compare programs (names, aliases or ids): Markdown table with sources, rows, CSV, unmatched names."""
    comp = compare_programs(programs, ctx.corpus, ctx.matcher, ctx.today)
    return {"markdown": escape_md(comp.to_markdown()), "rows": compare_rows(comp), "csv": comp.to_csv(),
            "unmatched": [u.model_dump() for u in comp.unmatched]}  # fmt: skip


def api_cost(ctx: AppContext, *values: Any) -> dict:
    """Cost of a degree (CostInputs fields): Markdown summary, breakdown rows and the full result."""
    args = {k: v for k, v in zip(CostInputs.model_fields, values, strict=False) if v is not None and v is not False}
    try:
        r = calculate(parse_inputs(args), ctx.corpus)
    except AdvisorError as e:
        import gradio as gr

        raise gr.Error(str(e)) from e
    title = ctx.corpus.program(args["program_id"]).title if "program_id" in args else None
    return {"markdown": cost_summary_markdown(r, title), "breakdown": cost_breakdown_rows(r),
            "result": r.model_dump(mode="json")}  # fmt: skip


# /cost's parameters are CostInputs' fields, so the API stays in step with the calculator.
_ARG = inspect.Parameter.POSITIONAL_OR_KEYWORD
_COST_PARAMS = [inspect.Parameter(n, _ARG, default=f.default, annotation=f.annotation)
                for n, f in CostInputs.model_fields.items()]  # fmt: skip
_CTX_PARAM = inspect.Parameter("ctx", _ARG, annotation=AppContext)
api_cost.__signature__ = inspect.Signature([_CTX_PARAM, *_COST_PARAMS], return_annotation=dict)  # type: ignore
api_cost.__annotations__ = {"ctx": AppContext, **{p.name: p.annotation for p in _COST_PARAMS}, "return": dict}


def api_find(ctx: AppContext, *values: Any) -> dict:
    """Programs that fit the filters (FinderQuery fields; unset = not a filter): Markdown table with sources, then
    {"rows": matching rows, "unknown": rows whose records cannot answer a filter (with why), "query"}."""
    try:
        query = parse_query(dict(zip(FinderQuery.model_fields, values, strict=False)))
    except AdvisorError as e:
        import gradio as gr

        raise gr.Error(str(e)) from e
    result = find_programs(query, ctx.corpus.programs)
    data = result.to_json()
    return {"markdown": escape_md(result.to_markdown(ctx.today)), "rows": data["matches"], "unknown": data["unknown"],
            "query": data["query"]}  # fmt: skip


# /find's parameters are FinderQuery's fields, so the API stays in step with the finder.
_FIND_PARAMS = [inspect.Parameter(n, _ARG, default=f.default, annotation=f.annotation)
                for n, f in FinderQuery.model_fields.items()]  # fmt: skip
api_find.__signature__ = inspect.Signature([_CTX_PARAM, *_FIND_PARAMS], return_annotation=dict)  # type: ignore
api_find.__annotations__ = {"ctx": AppContext, **{p.name: p.annotation for p in _FIND_PARAMS}, "return": dict}
