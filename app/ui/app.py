"""The web app: a thin Gradio layer (`build_app`, `launch`) over the presenters and chat sessions.

Gradio is imported only inside the functions that build or launch the app: the CLI never pays for it.
"""

from __future__ import annotations

import hashlib
import inspect
import logging
import os
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

from app.answer.citations import AnswerResult
from app.errors import AdvisorError, InvalidInput
from app.tools.compare import Comparison
from app.tools.cost import ROLES, CostInputs, CostResult

if TYPE_CHECKING:
    import gradio as gr

    from app.settings import Settings
    from app.wiring import Advisor

from app.ui.presenters import (
    COMPONENT_COLORS,
    CUSTOM,
    EXAMPLES,
    NUMBER_FIELDS,
    TITLE,
    answer_markdown,
    assumptions_html,
    balance_frame,
    check_message,
    compare_html,
    compare_rows,
    cost_breakdown_rows,
    cost_call_args,
    cost_components_frame,
    cost_prefill,
    cost_summary_markdown,
    escape_md,
    fmt_number,
    parse_auth,
    parse_number,
    program_choices,
    safe_csv,
    sources_html,
)
from app.ui.session import ChatSession, history_questions

log = logging.getLogger(__name__)

CSS = """
.advisor-sources ul { list-style: none; padding-left: 0; margin: 0; }
.advisor-sources li { margin: 0 0 .9em; padding-left: .6em; border-left: 3px solid var(--color-accent); }
.advisor-sources blockquote { margin: .3em 0; font-size: .92em; }
.advisor-sources mark, .advisor-compare mark { background: #fde68a; color: #111; padding: 0 .1em; }
.advisor-sources .meta, .advisor-compare .cite { font-size: .82em; opacity: .8; }
table.advisor-compare { border-collapse: collapse; width: 100%; font-size: .92em; }
table.advisor-compare th, table.advisor-compare td { border: 1px solid var(--border-color-primary);
  padding: .35em .5em; vertical-align: top; text-align: left; }
.advisor-compare .missing { font-style: italic; opacity: .7; }
.outdated { color: #b45309; font-weight: 600; }
"""


# --- the Gradio app -------------------------------------------------------------------------------


def _hinted(fn: Any, **hints: Any) -> Any:
    """Give a nested handler real (not string) type hints: Gradio reads them to pass event data."""
    fn.__annotations__ = hints
    return fn


def build_app(adv: Advisor, settings: Settings | None = None) -> gr.Blocks:
    """The page (Chat, Compare, Cost tabs) and the named API endpoints /chat, /compare and /cost."""
    import gradio as gr

    from app.answer.followups import Profile
    from app.answer.pipeline import Conversation
    from app.corpus.dates import resolve_today
    from app.tools.compare import compare_programs
    from app.tools.cost import calculate, parse_inputs
    from app.ui.feedback import FeedbackStore, rating_label

    settings = settings or adv.settings
    store, today, limit = FeedbackStore(settings.feedback_db), resolve_today(settings.today), settings.max_query_chars
    passages = {cid: c.text for cid, c in adv.retriever.chunks.items()}
    choices, names, csv_dir = program_choices(adv.corpus.programs), [n for n, _ in NUMBER_FIELDS], tempfile.mkdtemp()
    skip = gr.skip()

    def session_of(s: ChatSession | None) -> ChatSession:
        return s if s is not None else ChatSession(Conversation(adv))

    def shown(s: ChatSession) -> AnswerResult | None:
        return s.turns[s.shown].result if s.shown is not None and s.shown < len(s.turns) else None

    def panel(s: ChatSession) -> tuple[str, Any]:
        ids = r.programs if (r := shown(s)) else []
        return sources_html(r, passages, None if s.shown is None else s.shown + 1), gr.Button(
            f"Compare these ({len(ids)}) →", visible=bool(ids)
        )

    def set_profile(s: ChatSession, bg: str, salary: str, savings: str, pace: str | None) -> str:
        """The box is the user's word on their profile (a message may add to it later)."""
        try:
            money = {"salary": parse_number(salary, "Salary"), "savings": parse_number(savings, "Savings")}
            s.conv.state.profile = Profile(background=(bg or "").strip() or None, pace=pace or None, **money)
        except InvalidInput as e:
            return f"⚠️ Profile not applied — {escape_md(str(e))}"
        return ""

    def respond(message: str, session: ChatSession | None, *profile: Any) -> Iterator[tuple[Any, ...]]:
        s, text = session_of(session), (message or "").strip()
        if problem := check_message(text, limit):  # refused: the text stays in the box to be shortened
            yield message, skip, skip, s, *(skip,) * 4, skip, skip, f"⚠️ {problem}"
            return
        status = set_profile(s, *profile)
        for turn in s.run(text):
            if turn.result is None and turn.error is None:
                yield "", s.messages(), skip, s, *(skip,) * 4, skip, skip, status
        p, (html_, btn) = s.conv.state.profile, panel(s)
        export = gr.DownloadButton(value=str(s.export()), visible=True)
        yield (
            "",
            s.messages(),
            html_,
            s,
            p.background or "",
            fmt_number(p.salary),
            fmt_number(p.savings),
            p.pace,
            btn,
            export,
            status,
        )

    def turn_index(data: Any) -> int:
        return (data.index[0] if isinstance(data.index, list | tuple) else data.index) // 2  # 2 messages a turn

    def on_like(session: ChatSession | None, data: Any) -> None:
        if session is None or not 0 <= (i := turn_index(data)) < len(session.turns):
            return
        t = session.turns[i]
        answer, cites = (t.result.answer, t.result.citations) if t.result else (t.error or "", [])
        store.record(rating_label(data.liked), t.question, answer, cites)
        gr.Info("Thanks — your feedback was saved.")

    def on_select(session: ChatSession | None, data: Any) -> tuple[Any, ...]:
        s = session_of(session)
        if 0 <= (i := turn_index(data)) < len(s.turns):
            s.shown = i
        return *panel(s), s

    def save_profile(session: ChatSession | None, *profile: Any) -> tuple[ChatSession, str]:
        s = session_of(session)
        return s, set_profile(s, *profile)

    def do_compare(ids: list[str] | None) -> tuple[str, Any]:
        comp = compare_programs(list(ids or []), adv.corpus, adv.matcher, today)
        if not comp.programs:
            return compare_html(comp), gr.DownloadButton(visible=False)
        # One file per selection, written whole then renamed: sessions comparing the same programs share it.
        key = hashlib.sha1("|".join(p.id for p in comp.programs).encode()).hexdigest()[:12]
        path = Path(csv_dir) / f"comparison-{key}.csv"
        fd, tmp = tempfile.mkstemp(dir=csv_dir)
        with open(fd, "w", encoding="utf-8", newline="") as f:
            f.write(safe_csv(comp.to_csv()))
        os.replace(tmp, path)
        return compare_html(comp), gr.DownloadButton(value=str(path), visible=True)

    def prefill(pid: str, salary: str, savings: str, pace: str | None) -> tuple[Any, ...]:
        """A pick resets the program's figures (and the cited loan terms); the profile fills salary and savings."""
        program = adv.corpus.program(pid) if pid and pid != CUSTOM else None
        defaults, profile = cost_prefill(program, adv.corpus.figures), {"salary_before": salary, "savings": savings}
        derived = {"tuition_per_year", "tuition_per_credit", "credits", "tuition_total", "fees_per_year", "years",
                   "apr_percent", "term_years"}  # fmt: skip
        out = [fmt_number(defaults.get(n)) if n in derived else (profile.get(n) or "").strip() or skip for n in names]
        return *out, (pace == "part-time") if pace else skip, defaults

    def run_cost(pid: str, role: str, part_time: bool, accrue: bool, defaults: dict[str, float] | None,
                 *texts: str) -> tuple[Any, ...]:  # fmt: skip
        program = adv.corpus.program(pid) if pid and pid != CUSTOM else None
        labels = dict(NUMBER_FIELDS)
        try:
            numbers = {n: parse_number(t, labels[n]) for n, t in zip(names, texts, strict=True)}
            args: dict[str, Any] = cost_call_args(numbers, defaults or {}) | {"accrue_in_school": bool(accrue)}
            args |= {"part_time": bool(part_time)} | ({"role": role} if role in ROLES else {})
            r = calculate(parse_inputs(args | ({"program_id": program.id} if program else {})), adv.corpus)
        except AdvisorError as e:
            blank = CostResult(currency=None)
            return (
                f"**Cannot compute:** {escape_md(str(e))}",
                [],
                cost_components_frame(blank),
                balance_frame(blank),
                "",
            )
        return (cost_summary_markdown(r, program.title if program else None), cost_breakdown_rows(r),
                cost_components_frame(r), balance_frame(r), assumptions_html(r))  # fmt: skip

    def api_chat(message: str, history: list[Any], session: ChatSession | None) -> Iterator[tuple[str, ChatSession]]:
        """Answer one message in this client's conversation: Markdown with [n] markers and a Sources list.

        history (optional): earlier messages [{"role", "content"}]; when given and different from this
        session's, the conversation is rebuilt from its user messages, so stateless callers get follow-ups.
        """
        s, asked = session_of(session), [q for q in history_questions(history) if check_message(q, limit) is None]
        if asked and asked != [t.question for t in s.turns]:
            s = session_of(None)
            for q in asked:
                for _ in s.run(q):
                    pass
        if problem := check_message(text := (message or "").strip(), limit):
            yield escape_md(problem), s
            return
        for t in s.run(text):
            if t.result:
                yield answer_markdown(t.result), s
            elif t.error:
                yield f"⚠️ {escape_md(t.error)}", s
            elif t.partial:
                yield escape_md(t.partial), s

    def api_compare(programs: list[str]) -> dict:
        """Compare programs (names, aliases or ids): Markdown table with sources, rows, CSV, unmatched names."""
        comp = compare_programs(programs, adv.corpus, adv.matcher, today)
        return {"markdown": escape_md(comp.to_markdown()), "rows": compare_rows(comp), "csv": safe_csv(comp.to_csv()),
                "unmatched": [u.model_dump() for u in comp.unmatched]}  # fmt: skip

    def api_cost(*values: Any) -> dict:
        """Cost of a degree (CostInputs fields): Markdown summary, breakdown rows and the full result."""
        args = {k: v for k, v in zip(CostInputs.model_fields, values, strict=False) if v is not None and v is not False}
        try:
            r = calculate(parse_inputs(args), adv.corpus)
        except AdvisorError as e:
            raise gr.Error(str(e)) from e
        title = adv.corpus.program(args["program_id"]).title if "program_id" in args else None
        return {"markdown": cost_summary_markdown(r, title), "breakdown": cost_breakdown_rows(r),
                "result": r.model_dump(mode="json")}  # fmt: skip

    # /cost's parameters are CostInputs' fields, so the API stays in step with the calculator.
    params = [inspect.Parameter(n, inspect.Parameter.POSITIONAL_OR_KEYWORD, default=f.default, annotation=f.annotation)
              for n, f in CostInputs.model_fields.items()]  # fmt: skip
    api_cost.__signature__ = inspect.Signature(params, return_annotation=dict)  # type: ignore[attr-defined]
    api_cost.__annotations__ = {**{p.name: p.annotation for p in params}, "return": dict}

    defaults0, unset = cost_prefill(None, adv.corpus.figures), "not given"
    with gr.Blocks(title=TITLE, analytics_enabled=False, delete_cache=(3600, 3600)) as demo:
        session = gr.State(None, delete_callback=lambda s: s.close() if s is not None else None)
        cost_defaults = gr.State(defaults0)
        gr.Markdown(f"# {TITLE}\nOffline, cited answers about ML master's programs, costs and outcomes.")
        with gr.Tabs(selected="chat") as tabs:
            with gr.Tab("Chat", id="chat"), gr.Row():
                with gr.Column(scale=3):
                    chatbot = gr.Chatbot(label="Conversation", height=520, elem_id="chatbot", buttons=["copy"],
                                         examples=[{"text": q} for q in EXAMPLES])  # fmt: skip
                    with gr.Row():
                        msg = gr.Textbox(show_label=False, scale=5, elem_id="message", autofocus=True,
                                         placeholder=f"Ask a question (up to {limit:,} characters)")  # fmt: skip
                        send = gr.Button("Send", variant="primary", scale=1, elem_id="send")
                    status = gr.Markdown(elem_id="status")
                    with gr.Row():
                        compare_btn = gr.Button("Compare these →", visible=False, size="sm", elem_id="compare-these")
                        export = gr.DownloadButton(
                            "Export conversation (.md)", visible=False, size="sm", elem_id="export"
                        )
                        clear = gr.Button("New conversation", size="sm", elem_id="new-chat")
                with gr.Column(scale=2):
                    sources = gr.HTML(sources_html(None), elem_id="sources")
                    with gr.Accordion("Your profile — learned from the chat; edit it, cost answers use it"):
                        bg = gr.Textbox(label="Background", placeholder=unset, elem_id="profile-background")
                        with gr.Row():
                            salary = gr.Textbox(
                                label="Current salary per year", placeholder=unset, elem_id="profile-salary"
                            )
                            savings = gr.Textbox(label="Savings", placeholder=unset, elem_id="profile-savings")
                        pace = gr.Radio(["full-time", "part-time"], label="Study pace", elem_id="profile-pace")
            with gr.Tab("Compare", id="compare"):
                compare_dd = gr.Dropdown(choices, multiselect=True, filterable=True, elem_id="compare-programs",
                                         label="Programs (type to search)")  # fmt: skip
                compare_table = gr.HTML(compare_html(Comparison()), elem_id="compare-table")
                compare_csv = gr.DownloadButton("Download CSV", visible=False, size="sm", elem_id="compare-csv")
            with gr.Tab("Cost", id="cost"), gr.Row():
                with gr.Column(scale=2):
                    cost_program = gr.Dropdown([("No program — my own figures", CUSTOM), *choices], value=CUSTOM,
                                               label="Program (fills its published, cited figures)",
                                               elem_id="cost-program")  # fmt: skip
                    boxes = []
                    for i in range(0, len(NUMBER_FIELDS), 2):
                        with gr.Row():
                            boxes += [gr.Textbox(label=label, value=fmt_number(defaults0.get(n)), placeholder=unset,
                                                 elem_id=f"cost-{n}")
                                      for n, label in NUMBER_FIELDS[i : i + 2]]  # fmt: skip
                    role = gr.Dropdown([("none", "none"), *((r.replace("_", " "), r) for r in ROLES)], value="none",
                                       label="Target role (sets the salary after from the guide)",
                                       elem_id="cost-role")  # fmt: skip
                    part_time = gr.Checkbox(
                        label="Part-time: keep my job (no forgone income)", elem_id="cost-part-time"
                    )
                    accrue = gr.Checkbox(label="Interest accrues while in school", elem_id="cost-accrue")
                    calc = gr.Button("Calculate", variant="primary", elem_id="cost-calc")
                with gr.Column(scale=3):
                    cost_summary = gr.Markdown(
                        "Pick a program or enter figures, then **Calculate**.", elem_id="cost-summary"
                    )
                    breakdown = gr.Dataframe(headers=["Item", "Amount"], interactive=False, elem_id="cost-breakdown")
                    bar = gr.BarPlot(x="estimate", y="amount", color="component", color_map=COMPONENT_COLORS,
                                     title="Cost components (stacked)", y_title="Amount",
                                     elem_id="cost-bar")  # fmt: skip
                    line = gr.LinePlot(x="year", y="balance", title="Loan balance by year", elem_id="cost-balance")
                    assumptions = gr.HTML(elem_id="cost-assumptions")
        # /chat's inputs and output: hidden; its session State is per client, like a browser tab's.
        api_in, api_history, api_out = gr.Textbox(visible=False), gr.JSON([], visible=False), gr.Textbox(visible=False)

        profile, private = [bg, salary, savings, pace], {"api_visibility": "private"}
        chat = {"fn": respond, "inputs": [msg, session, *profile], "concurrency_id": "answers", **private,
                "outputs": [msg, chatbot, sources, session, *profile, compare_btn, export, status]}  # fmt: skip
        gr.on([msg.submit, send.click], **chat)
        pick = _hinted(lambda data: data.value["text"], data=gr.SelectData)
        chatbot.example_select(pick, None, msg, **private).then(**chat)
        chatbot.like(_hinted(on_like, data=gr.LikeData), [session], None, **private)
        chatbot.select(_hinted(on_select, data=gr.SelectData), [session], [sources, compare_btn, session], **private)
        gr.on(
            [bg.blur, salary.blur, savings.blur, pace.input],
            save_profile,
            [session, *profile],
            [session, status],
            **private,
        )
        hidden = (gr.Button(visible=False), gr.DownloadButton(visible=False))
        reset = {"fn": lambda: ([], sources_html(None), None, *hidden), **private,
                 "outputs": [chatbot, sources, session, compare_btn, export]}  # fmt: skip
        clear.click(**reset)
        chatbot.clear(**reset)  # the chat's own trash icon starts a new conversation too
        compare_btn.click(lambda s: (gr.Tabs(selected="compare"), r.programs if (r := shown(session_of(s))) else []),
                          [session], [tabs, compare_dd], **private)  # fmt: skip
        compare_dd.change(do_compare, [compare_dd], [compare_table, compare_csv], **private)
        cost_io = {"fn": run_cost, "inputs": [cost_program, role, part_time, accrue, cost_defaults, *boxes],
                   "outputs": [cost_summary, breakdown, bar, line, assumptions], **private}  # fmt: skip
        cost_program.change(prefill, [cost_program, salary, savings, pace], [*boxes, part_time, cost_defaults],
                            **private).then(**cost_io)  # fmt: skip
        calc.click(**cost_io)
        gr.on(
            [], api_chat, [api_in, api_history, session], [api_out, session], api_name="chat", concurrency_id="answers"
        )
        gr.api(api_compare, api_name="compare")
        gr.api(api_cost, api_name="cost")
    demo.queue(default_concurrency_limit=settings.concurrency)
    return demo


def launch(demo: gr.Blocks, settings: Settings, *, share: bool = False, quiet: bool = True) -> tuple[str, str | None]:
    """Start serving without blocking; returns (local URL, share URL or None). Binds settings.host:port."""
    _, url, share_url = demo.launch(
        server_name=settings.host, server_port=settings.port, share=share, auth=parse_auth(settings.auth),
        prevent_thread_lock=True, quiet=quiet, show_error=False, ssr_mode=False, css=CSS, footer_links=["api"],
    )  # fmt: skip
    return url, share_url
