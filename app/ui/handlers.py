"""The web app's event handlers and API endpoints, as plain functions of an `AppContext` and their inputs.

`build_app` binds each to one context (functools.partial) and wires it to the page; tests call them directly,
without a server. Gradio is imported only inside the handlers that return its updates (gr.skip(), gr.Button …).
"""

from __future__ import annotations

import hashlib
import os
import tempfile
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from datetime import date
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Any

from app.answer.citations import AnswerResult
from app.answer.followups import Profile
from app.corpus.dates import resolve_today
from app.errors import AdvisorError, InvalidInput
from app.tools.compare import compare_programs
from app.tools.cost import ROLES, CostResult, calculate, parse_inputs
from app.tools.finder import FinderQuery, find_programs, parse_query
from app.ui.cost_view import (
    assumptions_html,
    balance_caption,
    balance_frame,
    components_caption,
    cost_breakdown_rows,
    cost_call_args,
    cost_components_frame,
    cost_prefill,
    cost_summary_markdown,
)
from app.ui.decision_view import decision_chart, decision_choices, decision_html, decision_rows
from app.ui.feedback import FeedbackStore, rating_label
from app.ui.presenters import (
    ANY,
    CUSTOM,
    NUMBER_FIELDS,
    check_message,
    compare_html,
    escape_md,
    find_choices,
    find_html,
    fmt_number,
    parse_number,
    sources_html,
)
from app.ui.session import ChatSession

if TYPE_CHECKING:
    from app.answer.pipeline import Conversation
    from app.corpus.load import Corpus
    from app.retrieval.names import ProgramMatcher
    from app.settings import Settings
    from app.wiring import Advisor

# Cost form boxes a program pick resets to its published figures (the others keep what the user typed).
PROGRAM_FIELDS = frozenset({"tuition_per_year", "tuition_per_credit", "credits", "tuition_total", "fees_per_year",
                            "years", "apr_percent", "term_years"})  # fmt: skip


@dataclass(frozen=True)
class AppContext:
    """What the handlers need of the Advisor and the settings, built once per app."""

    corpus: Corpus
    matcher: ProgramMatcher
    new_conversation: Callable[[], Conversation]
    feedback: FeedbackStore
    today: date
    max_chars: int
    passages: Mapping[str, str]  # guide chunk id → its text, for the Sources panel's highlights
    csv_dir: Path  # where the Compare tab writes its CSV downloads


def app_context(adv: Advisor, settings: Settings | None = None) -> AppContext:
    from app.answer.pipeline import Conversation

    settings = settings or adv.settings
    return AppContext(
        corpus=adv.corpus,
        matcher=adv.matcher,
        new_conversation=partial(Conversation, adv),
        feedback=FeedbackStore(settings.feedback_db),
        today=resolve_today(settings.today),
        max_chars=settings.max_query_chars,
        passages={cid: c.text for cid, c in adv.retriever.chunks.items()},
        csv_dir=Path(tempfile.mkdtemp()),
    )


def _skip() -> Any:
    import gradio as gr

    return gr.skip()


# --- chat ------------------------------------------------------------------------------------------


def session_of(ctx: AppContext, s: ChatSession | None) -> ChatSession:
    return s if s is not None else ChatSession(ctx.new_conversation())


def close_session(s: ChatSession | None) -> None:
    if s is not None:
        s.close()


def shown(s: ChatSession) -> AnswerResult | None:
    return s.turns[s.shown].result if s.shown is not None and s.shown < len(s.turns) else None


def panel(ctx: AppContext, s: ChatSession) -> tuple[str, Any]:
    """The Sources panel of the shown answer, and the 'Compare these' button for its programs."""
    import gradio as gr

    ids = r.programs if (r := shown(s)) else []
    html_ = sources_html(r, ctx.passages, None if s.shown is None else s.shown + 1)
    return html_, gr.Button(f"Compare these ({len(ids)}) →", visible=bool(ids))


def set_profile(s: ChatSession, bg: str, salary: str, savings: str, pace: str | None) -> str:
    """The box is the user's word on their profile (a message may add to it later). What has no box — the currency
    the salary was said in, the tuition an employer pays — is kept: rebuilding the profile from the boxes alone
    dropped both on the next turn ('£38,000' became 38,000 in no currency, the employer's share was forgotten)."""
    try:
        money = {"salary": parse_number(salary, "Salary"), "savings": parse_number(savings, "Savings")}
        boxes = {"background": (bg or "").strip() or None, "pace": pace or None, **money}
        s.conv.state.profile = Profile(**(s.conv.state.profile.model_dump() | boxes))
    except InvalidInput as e:
        return f"⚠️ Profile not applied — {escape_md(str(e))}"
    return ""


def respond(ctx: AppContext, message: str, session: ChatSession | None, *profile: Any) -> Iterator[tuple[Any, ...]]:
    """One chat turn, streamed: (box, chat, sources, session, background, salary, savings, pace, compare button,
    export button, status)."""
    import gradio as gr

    s, text, skip = session_of(ctx, session), (message or "").strip(), _skip()
    if problem := check_message(text, ctx.max_chars):  # refused: the text stays in the box to be shortened
        yield message, skip, skip, s, *(skip,) * 4, skip, skip, f"⚠️ {problem}"
        return
    status = set_profile(s, *profile)
    for turn in s.run(text):
        if turn.result is None and turn.error is None:
            yield "", s.messages(), skip, s, *(skip,) * 4, skip, skip, status
    p, (html_, btn) = s.conv.state.profile, panel(ctx, s)
    export = gr.DownloadButton(value=str(s.export()), visible=True)
    profile_out = (p.background or "", fmt_number(p.salary), fmt_number(p.savings), p.pace)
    yield "", s.messages(), html_, s, *profile_out, btn, export, status


def turn_index(data: Any) -> int:
    return (data.index[0] if isinstance(data.index, list | tuple) else data.index) // 2  # 2 messages a turn


def on_like(ctx: AppContext, session: ChatSession | None, data: Any) -> None:
    import gradio as gr

    if session is None or not 0 <= (i := turn_index(data)) < len(session.turns):
        return
    t = session.turns[i]
    answer, cites = (t.result.answer, t.result.citations) if t.result else (t.error or "", [])
    ctx.feedback.record(rating_label(data.liked), t.question, answer, cites)
    gr.Info("Thanks — your feedback was saved.")


def on_select(ctx: AppContext, session: ChatSession | None, data: Any) -> tuple[Any, ...]:
    s = session_of(ctx, session)
    if 0 <= (i := turn_index(data)) < len(s.turns):
        s.shown = i
    return *panel(ctx, s), s


def pick_example(data: Any) -> str:
    return data.value["text"]


def save_profile(ctx: AppContext, session: ChatSession | None, *profile: Any) -> tuple[ChatSession, str]:
    s = session_of(ctx, session)
    return s, set_profile(s, *profile)


def new_chat() -> tuple[Any, ...]:
    """A new conversation: (chat, sources, session, compare button, export button)."""
    import gradio as gr

    return [], sources_html(None), None, gr.Button(visible=False), gr.DownloadButton(visible=False)


def compare_shown(ctx: AppContext, session: ChatSession | None) -> tuple[Any, list[str]]:
    """To the Compare tab, with the programs of the shown answer."""
    import gradio as gr

    return gr.Tabs(selected="compare"), r.programs if (r := shown(session_of(ctx, session))) else []


def decision_panel(ctx: AppContext, session: ChatSession | None) -> tuple[Any, ...]:
    """The decision panel under the conversation, for the shown answer: (group, chart, table, program picker).
    Visible only for a decision answer ("is it worth it for me?"); run after each turn, selection and reset."""
    import gradio as gr

    rows = decision_rows(shown(session) if session is not None else None)
    if not rows:
        return gr.Group(visible=False), gr.LinePlot(value=None), "", gr.Dropdown(choices=[], value=None)
    chart, choices = decision_chart(rows), decision_choices(rows)
    plot = gr.LinePlot(value=chart.frame, color_map=chart.colors, colors_in_legend=chart.legend, caption=chart.caption,
                       visible=False)  # fmt: skip  # shown by show_plots, which draws it afresh
    return gr.Group(visible=True), plot, decision_html(rows), gr.Dropdown(choices=choices, value=choices[0][1])


def show_plots(count: int) -> Any:
    """Shows the `count` plots the step before updated hidden: `gr.update(visible=True)` each (one alone when
    `count` is 1, as Gradio takes a single output's value).

    Why: a Gradio plot given new data with new colours, legend or caption redrew itself from its old data, so a
    follow-up's decision chart kept the last answer's lines ($196,000 and 8.9 years beside a table saying $441,000
    and ~17) and a recalculated cost bar the first calculation's components (no loan interest). Hidden, then
    shown, a plot is drawn afresh from its new value."""
    import gradio as gr

    updates = tuple(gr.update(visible=True) for _ in range(count))
    return updates[0] if count == 1 else updates


def decision_to_cost(pid: str | None) -> tuple[Any, Any]:
    """'Open in Cost': to the Cost tab with this program of the decision picked (as the Find tab's button does)."""
    return find_to_cost([pid] if pid else [])


# --- Compare and Cost tabs --------------------------------------------------------------------------


def do_compare(ctx: AppContext, ids: list[str] | None) -> tuple[str, Any]:
    """The comparison table and its CSV download."""
    import gradio as gr

    comp = compare_programs(list(ids or []), ctx.corpus, ctx.matcher, ctx.today)
    if not comp.programs:
        return compare_html(comp), gr.DownloadButton(visible=False)
    # One file per selection, written whole then renamed: sessions comparing the same programs share it.
    key = hashlib.sha1("|".join(p.id for p in comp.programs).encode()).hexdigest()[:12]
    path = ctx.csv_dir / f"comparison-{key}.csv"
    fd, tmp = tempfile.mkstemp(dir=ctx.csv_dir)
    with open(fd, "w", encoding="utf-8", newline="") as f:
        f.write(comp.to_csv())
    os.replace(tmp, path)
    return compare_html(comp), gr.DownloadButton(value=str(path), visible=True)


def prefill(ctx: AppContext, pid: str, salary: str, savings: str, pace: str | None) -> tuple[Any, ...]:
    """A pick resets the program's figures (and the cited loan terms); the profile fills salary and savings.

    Returns one value per Cost box (NUMBER_FIELDS order), the part-time box, and the pre-filled defaults."""
    program = ctx.corpus.program(pid) if pid and pid != CUSTOM else None
    defaults, skip = cost_prefill(program, ctx.corpus.figures), _skip()
    profile = {"salary_before": salary, "savings": savings}
    out = [fmt_number(defaults.get(n)) if n in PROGRAM_FIELDS else (profile.get(n) or "").strip() or skip
           for n, _ in NUMBER_FIELDS]  # fmt: skip
    return *out, (pace == "part-time") if pace else skip, defaults


def cost_result(ctx: AppContext, pid: str, role: str, part_time: bool, accrue: bool,
                defaults: dict[str, float] | None, *texts: str, plan: str | None = "standard",
                legacy: bool = False) -> CostResult | str:  # fmt: skip
    """The Cost form's result, or why it cannot be computed (one line, for the summary)."""
    program = ctx.corpus.program(pid) if pid and pid != CUSTOM else None
    labels = dict(NUMBER_FIELDS)
    try:
        numbers = {n: parse_number(t, labels[n]) for n, t in zip(labels, texts, strict=True)}
        args: dict[str, Any] = cost_call_args(numbers, defaults or {}) | {"accrue_in_school": bool(accrue)}
        args |= {"part_time": bool(part_time)} | ({"role": role} if role in ROLES else {})
        args |= {"repayment_plan": "rap" if plan == "rap" else "standard", "legacy_borrower": bool(legacy)}
        return calculate(parse_inputs(args | ({"program_id": program.id} if program else {})), ctx.corpus)
    except AdvisorError as e:
        return f"**Cannot compute:** {escape_md(str(e))}"


def run_cost(ctx: AppContext, pid: str, role: str, part_time: bool, accrue: bool, defaults: dict[str, float] | None,
             *texts: str, plan: str | None = "standard", legacy: bool = False) -> tuple[Any, ...]:  # fmt: skip
    """The Cost tab: (summary, breakdown rows, components frame, balance frame, assumptions HTML).

    `plan` (standard / rap) is the plan the balance chart and debt-to-income follow; `legacy`: borrowed for this
    program before July 1, 2026 (Grad PLUS and the 10-year term)."""
    r = cost_result(ctx, pid, role, part_time, accrue, defaults, *texts, plan=plan, legacy=legacy)
    if isinstance(r, str):
        blank = CostResult(currency=None)
        return r, [], cost_components_frame(blank), balance_frame(blank), ""
    title = ctx.corpus.program(pid).title if pid and pid != CUSTOM else None
    return (cost_summary_markdown(r, title), cost_breakdown_rows(r), cost_components_frame(r), balance_frame(r),
            assumptions_html(r))  # fmt: skip


# --- Find tab ---------------------------------------------------------------------------------------------

FIND_PRESELECT = 4  # matches preselected for Compare


def find_query(modality: str | None, pace: str | None, country: str | None, currency: str | None,
               max_tuition: str | float | None, max_years: str | float | None, no_gre: bool, field: str | None,
               background: str | None, sort: str | None) -> FinderQuery:  # fmt: skip
    """The Find form as a FinderQuery: 'any' or an empty box leaves a filter unset; bad input → InvalidInput."""
    picked = {"modality": modality, "pace": pace, "country": country, "field": field, "background": background}
    values: dict[str, Any] = {k: None if v in (None, "", ANY) else v for k, v in picked.items()}
    values |= {"max_tuition": parse_number(max_tuition, "Max tuition"), "currency": currency or None,
               "max_years": parse_number(max_years, "Max years"), "no_gre": bool(no_gre), "sort": sort or None}  # fmt: skip
    return parse_query(values)


def run_find(ctx: AppContext, *form: Any) -> tuple[str, Any]:
    """The Find tab: (results HTML, the selection to send on: every program listed, the first matches picked).

    `form` is find_query's arguments in order."""
    import gradio as gr

    try:
        result = find_programs(find_query(*form), ctx.corpus.programs)
    except AdvisorError as e:
        return find_html(None, f"Cannot search: {e}"), gr.Dropdown(choices=[], value=[], multiselect=True)
    picked = [r.program_id for r in result.matches[:FIND_PRESELECT]]
    return find_html(result, today=ctx.today), gr.Dropdown(choices=find_choices(result), value=picked, multiselect=True)


def find_to_compare(ids: list[str] | None) -> tuple[Any, Any]:
    """To the Compare tab with the selected programs preloaded (nothing selected: stay, and say so)."""
    import gradio as gr

    if not ids:
        gr.Warning("Select at least one program to compare.")
        return _skip(), _skip()
    return gr.Tabs(selected="compare"), list(ids)


def find_to_cost(ids: list[str] | None) -> tuple[Any, Any]:
    """To the Cost tab with the first selected program picked (its published figures then fill the form)."""
    import gradio as gr

    if not ids:
        gr.Warning("Select a program to estimate its cost.")
        return _skip(), _skip()
    return gr.Tabs(selected="cost"), ids[0]


def run_cost_form(ctx: AppContext, pid: str, role: str, part_time: bool, accrue: bool, legacy: bool, plan: str | None,
                  defaults: dict[str, float] | None, *texts: str) -> tuple[Any, ...]:  # fmt: skip
    """The Cost tab's Calculate: `run_cost` with the legacy-borrower box and the plan switch (Gradio passes
    inputs by position); each chart as a hidden update with its figures in words as the caption, shown next by
    `show_plots` (which draws it afresh: see there)."""
    import gradio as gr

    summary, rows, bars, balance, notes = run_cost(ctx, pid, role, part_time, accrue, defaults, *texts, plan=plan,
                                                   legacy=legacy)  # fmt: skip
    r = cost_result(ctx, pid, role, part_time, accrue, defaults, *texts, plan=plan, legacy=legacy)
    r = CostResult(currency=None) if isinstance(r, str) else r
    return (summary, rows, gr.BarPlot(value=bars, caption=components_caption(r), visible=False),
            gr.LinePlot(value=balance, caption=balance_caption(r), visible=False), notes)  # fmt: skip
