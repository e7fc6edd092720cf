"""The web app: a thin Gradio layer (`build_app`, `launch`): layout, and wiring of the handlers in handlers.py.

Gradio is imported only inside the functions that build or launch the app: the CLI never pays for it.
"""

from __future__ import annotations

import inspect
import logging
import typing
from collections.abc import Callable
from functools import partial
from types import SimpleNamespace
from typing import TYPE_CHECKING, Any

from app.tools.compare import Comparison
from app.tools.cost import ROLES
from app.tools.finder import FIELD_LABELS
from app.ui.api import api_chat, api_compare, api_cost, api_find
from app.ui.cost_view import cost_prefill
from app.ui.handlers import (
    AppContext,
    app_context,
    close_session,
    compare_shown,
    decision_panel,
    decision_to_cost,
    do_compare,
    find_to_compare,
    find_to_cost,
    new_chat,
    on_like,
    on_select,
    pick_example,
    prefill,
    respond,
    run_cost_form,
    run_find,
    save_profile,
    show_plots,
)
from app.ui.presenters import (
    ANY,
    COMPONENT_COLORS,
    CUSTOM,
    EXAMPLES,
    NUMBER_FIELDS,
    TITLE,
    compare_html,
    find_html,
    fmt_number,
    parse_auth,
    program_choices,
    sources_html,
)

if TYPE_CHECKING:
    import gradio as gr

    from app.settings import Settings
    from app.wiring import Advisor

log = logging.getLogger(__name__)
UNSET = "not given"  # placeholder of an empty form box

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
/* A wide table scrolls inside its box (at a phone's 390px the Compare, Find and decision tables were cut off at the
   right edge, their other programs out of reach); long source addresses wrap instead of widening a column. */
div.advisor-compare { overflow-x: auto; max-width: 100%; }
.advisor-compare .cite, .advisor-sources .meta { overflow-wrap: anywhere; }
"""


# --- the Gradio app -------------------------------------------------------------------------------


def _bind(fn: Callable[..., Any], *bound: Any, **hints: Any) -> Callable[..., Any]:
    """`fn` with its first arguments bound (functools.partial), as a plain function with fn's name, docstring,
    signature and real type hints: Gradio reads those for the API page, for gr.api's types and to pass event data
    to a parameter typed gr.SelectData or gr.LikeData (`hints` adds such types; gradio is not imported up here)."""
    call_fn = partial(fn, *bound)
    try:
        types = typing.get_type_hints(fn) | hints
    except NameError:
        types = dict(hints)
    sig = inspect.signature(call_fn)
    params = [p.replace(annotation=types.get(p.name, inspect.Parameter.empty)) for p in sig.parameters.values()]
    returns = types.get("return", inspect.Signature.empty)
    if inspect.isgeneratorfunction(fn):

        def call(*args: Any, **kwargs: Any) -> Any:
            yield from call_fn(*args, **kwargs)
    else:

        def call(*args: Any, **kwargs: Any) -> Any:
            return call_fn(*args, **kwargs)

    call.__name__, call.__qualname__, call.__doc__ = fn.__name__, fn.__qualname__, fn.__doc__
    call.__signature__ = sig.replace(parameters=params, return_annotation=returns)  # type: ignore[attr-defined]
    call.__annotations__ = {p.name: p.annotation for p in params if p.annotation is not p.empty} | (
        {} if returns is inspect.Signature.empty else {"return": returns}
    )
    return call


def build_app(adv: Advisor, settings: Settings | None = None) -> gr.Blocks:
    """The page (Chat, Find, Compare, Cost tabs) and the named API endpoints /chat, /compare, /cost and /find."""
    import gradio as gr

    settings = settings or adv.settings
    ctx, ui = app_context(adv, settings), SimpleNamespace()
    with gr.Blocks(title=TITLE, analytics_enabled=False, delete_cache=(3600, 3600)) as demo:
        ui.session = gr.State(None, delete_callback=close_session)
        ui.cost_defaults = gr.State(cost_prefill(None, ctx.corpus.figures))
        gr.Markdown(f"# {TITLE}\nOffline, cited answers about ML master's programs, costs and outcomes.")
        with gr.Tabs(selected="chat") as ui.tabs:
            _chat_tab(ctx, ui)
            _find_tab(ctx, ui)
            _compare_tab(ctx, ui)
            _cost_tab(ctx, ui)
        _wire_chat(ctx, ui)
        _wire_tools(ctx, ui)
        _wire_find(ctx, ui)
        _wire_api(ctx, ui)
    demo.queue(default_concurrency_limit=settings.concurrency)
    return demo


def _chat_tab(ctx: AppContext, ui: SimpleNamespace) -> None:
    import gradio as gr

    with gr.Tab("Chat", id="chat"), gr.Row():
        with gr.Column(scale=3):
            ui.chatbot = gr.Chatbot(label="Conversation", height=520, elem_id="chatbot", buttons=["copy"],
                                    examples=[{"text": q} for q in EXAMPLES])  # fmt: skip
            with gr.Row():
                ui.msg = gr.Textbox(show_label=False, scale=5, elem_id="message", autofocus=True,
                                    placeholder=f"Ask a question (up to {ctx.max_chars:,} characters)")  # fmt: skip
                ui.send = gr.Button("Send", variant="primary", scale=1, elem_id="send")
            ui.status = gr.Markdown(elem_id="status")
            with gr.Row():
                ui.compare_btn = gr.Button("Compare these →", visible=False, size="sm", elem_id="compare-these")
                ui.export = gr.DownloadButton("Export conversation (.md)", visible=False, size="sm", elem_id="export")
                ui.clear = gr.Button("New conversation", size="sm", elem_id="new-chat")
            _decision_panel(ui)
        with gr.Column(scale=2):
            ui.sources = gr.HTML(sources_html(None), elem_id="sources")
            with gr.Accordion("Your profile — learned from the chat; edit it, cost answers use it"):
                bg = gr.Textbox(label="Background", placeholder=UNSET, elem_id="profile-background")
                with gr.Row():
                    salary = gr.Textbox(label="Current salary per year", placeholder=UNSET, elem_id="profile-salary")
                    savings = gr.Textbox(label="Savings", placeholder=UNSET, elem_id="profile-savings")
                pace = gr.Radio(["full-time", "part-time"], label="Study pace", elem_id="profile-pace")
    ui.profile = [bg, salary, savings, pace]


def _decision_panel(ui: SimpleNamespace) -> None:
    """Under the conversation, for a decision answer only: net gain by year, the table, 'Open in Cost'."""
    import gradio as gr

    with gr.Group(visible=False, elem_id="decision") as ui.decision:
        ui.decision_chart = gr.LinePlot(x="year", y="net", color="series", title="Cumulative net gain by year",
                                        x_title="Years from starting the program", y_title="Net gain (USD)",
                                        color_title="Program (base case)", y_axis_format="$,.0f",
                                        elem_id="decision-chart")  # fmt: skip
        ui.decision_table = gr.HTML(elem_id="decision-table")
        with gr.Row():
            ui.decision_program = gr.Dropdown([], label="Program", scale=3, elem_id="decision-program")
            ui.decision_open_cost = gr.Button("Open in Cost →", size="sm", scale=1, elem_id="decision-open-cost")


def _find_tab(ctx: AppContext, ui: SimpleNamespace) -> None:
    """Filters → a table of the programs that fit (cells linked to sources) → send a selection to Compare or Cost."""
    import gradio as gr

    programs = ctx.corpus.programs
    countries = sorted({p.country for p in programs if p.country})
    currencies = sorted({p.tuition.currency for p in programs if p.tuition.currency} | {"USD"})
    with gr.Tab("Find", id="find", elem_id="find-tab"), gr.Row():
        with gr.Column(scale=2):
            with gr.Row():
                modality = gr.Dropdown([ANY, "online", "in-person", "hybrid"], value=ANY, label="Modality",
                                       elem_id="find-modality")  # fmt: skip
                pace = gr.Dropdown([ANY, "part-time", "full-time"], value=ANY, label="Pace", elem_id="find-pace")
            with gr.Row():
                country = gr.Dropdown([ANY, *countries], value=ANY, label="Country", elem_id="find-country")
                field = gr.Dropdown([ANY, *((label, key) for key, label in FIELD_LABELS.items())], value=ANY,
                                    label="Field", elem_id="find-field")  # fmt: skip
            with gr.Row():
                max_tuition = gr.Textbox(label="Max total tuition", placeholder=UNSET, elem_id="find-max-tuition")
                currency = gr.Dropdown(currencies, value="USD", label="in (never converted)", elem_id="find-currency")
            with gr.Row():
                max_years = gr.Textbox(label="Max years", placeholder=UNSET, elem_id="find-max-years")
                background = gr.Dropdown([ANY, ("no CS degree", "no-cs-degree")], value=ANY, label="Background",
                                         elem_id="find-background")  # fmt: skip
            with gr.Row():
                no_gre = gr.Checkbox(label="No GRE required", elem_id="find-no-gre")
                sort = gr.Dropdown([("best fit", "fit"), ("cost", "cost"), ("duration", "duration")], value="fit",
                                   label="Sort by", elem_id="find-sort")  # fmt: skip
            ui.find_run = gr.Button("Find", variant="primary", elem_id="find-run")
            ui.find_selection = gr.Dropdown([], value=[], multiselect=True, filterable=True, elem_id="find-selection",
                                            label="Selected programs (the first matches; add or remove)")  # fmt: skip
            with gr.Row():
                ui.find_to_compare = gr.Button("Compare selected →", size="sm", elem_id="find-to-compare")
                ui.find_to_cost = gr.Button("Cost of the first selected →", size="sm", elem_id="find-to-cost")
        with gr.Column(scale=3):
            ui.find_results = gr.HTML(find_html(None), elem_id="find-results")
    # find_query's argument order
    ui.find_form = [modality, pace, country, currency, max_tuition, max_years, no_gre, field, background, sort]


def _compare_tab(ctx: AppContext, ui: SimpleNamespace) -> None:
    import gradio as gr

    with gr.Tab("Compare", id="compare"):
        ui.compare_dd = gr.Dropdown(program_choices(ctx.corpus.programs), multiselect=True, filterable=True,
                                    elem_id="compare-programs", label="Programs (type to search)")  # fmt: skip
        ui.compare_table = gr.HTML(compare_html(Comparison()), elem_id="compare-table")
        ui.compare_csv = gr.DownloadButton("Download CSV", visible=False, size="sm", elem_id="compare-csv")


def _cost_tab(ctx: AppContext, ui: SimpleNamespace) -> None:
    import gradio as gr

    defaults, choices = cost_prefill(None, ctx.corpus.figures), program_choices(ctx.corpus.programs)
    with gr.Tab("Cost", id="cost"), gr.Row():
        with gr.Column(scale=2):
            ui.cost_program = gr.Dropdown([("No program — my own figures", CUSTOM), *choices], value=CUSTOM,
                                          label="Program (fills its published, cited figures)",
                                          elem_id="cost-program")  # fmt: skip
            ui.boxes = []
            for i in range(0, len(NUMBER_FIELDS), 2):
                with gr.Row():
                    ui.boxes += [gr.Textbox(label=label, value=fmt_number(defaults.get(n)), placeholder=UNSET,
                                            elem_id=f"cost-{n}")
                                 for n, label in NUMBER_FIELDS[i : i + 2]]  # fmt: skip
            ui.role = gr.Dropdown([("none", "none"), *((r.replace("_", " "), r) for r in ROLES)], value="none",
                                  label="Target role (sets the salary after from the guide)",
                                  elem_id="cost-role")  # fmt: skip
            ui.part_time = gr.Checkbox(label="Part-time: keep my job (no forgone income)", elem_id="cost-part-time")
            ui.accrue = gr.Checkbox(label="Interest accrues while in school", elem_id="cost-accrue")
            ui.legacy = gr.Checkbox(label="I borrowed a federal loan for this program before July 1, 2026 "
                                    "(keeps Grad PLUS and the 10-year term)", elem_id="cost-legacy")  # fmt: skip
            ui.plan = gr.Radio([("Standard plan", "standard"), ("Repayment Assistance Plan (RAP)", "rap")],
                               value="standard", label="Repayment plan (chart and debt-to-income; RAP needs a salary "
                               "after)", elem_id="cost-plan")  # fmt: skip
            ui.calc = gr.Button("Calculate", variant="primary", elem_id="cost-calc")
        with gr.Column(scale=3):
            ui.cost_summary = gr.Markdown(
                "Pick a program or enter figures, then **Calculate**.", elem_id="cost-summary"
            )
            # Wrapped, at fixed shares of the width: unwrapped, a long value ran off the right edge ("7.94%: latest
            # rate we hold (2025-26); the 20…") and at a phone's width the Amount column was out of sight.
            ui.breakdown = gr.Dataframe(headers=["Item", "Amount"], interactive=False, wrap=True,
                                        column_widths=["45%", "55%"], elem_id="cost-breakdown")  # fmt: skip
            ui.bar = gr.BarPlot(x="estimate", y="amount", color="component", color_map=COMPONENT_COLORS,
                                title="Cost components (stacked)", y_title="Amount", elem_id="cost-bar")  # fmt: skip
            ui.line = gr.LinePlot(x="year", y="balance", title="Loan balance by year", x_title="Years of repayment",
                                  y_title="Balance owed", elem_id="cost-balance")  # fmt: skip
            ui.assumptions = gr.HTML(elem_id="cost-assumptions")


def _wire_chat(ctx: AppContext, ui: SimpleNamespace) -> None:
    """The Chat tab's events (private: not callable by API clients)."""
    import gradio as gr

    private = {"api_visibility": "private"}
    chat = {"fn": _bind(respond, ctx), "inputs": [ui.msg, ui.session, *ui.profile], "concurrency_id": "answers",
            "outputs": [ui.msg, ui.chatbot, ui.sources, ui.session, *ui.profile, ui.compare_btn, ui.export, ui.status],
            **private}  # fmt: skip
    panel = {"fn": _bind(decision_panel, ctx), "inputs": [ui.session], **private,
             "outputs": [ui.decision, ui.decision_chart, ui.decision_table, ui.decision_program]}  # fmt: skip
    # The panel updates its chart hidden; shown next, it is drawn afresh (see show_plots: else it kept old lines).
    show = {"fn": _bind(show_plots, 1), "inputs": None, "outputs": [ui.decision_chart], **private}
    gr.on([ui.msg.submit, ui.send.click], **chat).then(**panel).then(**show)
    ui.chatbot.example_select(_bind(pick_example, data=gr.SelectData), None, ui.msg, **private).then(**chat).then(
        **panel
    ).then(**show)
    ui.chatbot.like(_bind(on_like, ctx, data=gr.LikeData), [ui.session], None, **private)
    ui.chatbot.select(_bind(on_select, ctx, data=gr.SelectData), [ui.session], [ui.sources, ui.compare_btn, ui.session],
                      **private).then(**panel).then(**show)  # fmt: skip
    bg, salary, savings, pace = ui.profile
    gr.on([bg.blur, salary.blur, savings.blur, pace.input], _bind(save_profile, ctx), [ui.session, *ui.profile],
          [ui.session, ui.status], **private)  # fmt: skip
    reset = {"fn": _bind(new_chat), "outputs": [ui.chatbot, ui.sources, ui.session, ui.compare_btn, ui.export],
             **private}  # fmt: skip
    ui.clear.click(**reset).then(**panel).then(**show)
    ui.chatbot.clear(**reset).then(**panel).then(**show)  # the chat's own trash icon starts a new conversation too
    ui.decision_open_cost.click(_bind(decision_to_cost), [ui.decision_program], [ui.tabs, ui.cost_program], **private)


def _wire_tools(ctx: AppContext, ui: SimpleNamespace) -> None:
    """The Compare and Cost tabs' events (private)."""
    private = {"api_visibility": "private"}
    ui.compare_btn.click(_bind(compare_shown, ctx), [ui.session], [ui.tabs, ui.compare_dd], **private)
    ui.compare_dd.change(_bind(do_compare, ctx), [ui.compare_dd], [ui.compare_table, ui.compare_csv], **private)
    cost_io = {"fn": _bind(run_cost_form, ctx), **private,
               "inputs": [ui.cost_program, ui.role, ui.part_time, ui.accrue, ui.legacy, ui.plan, ui.cost_defaults,
                          *ui.boxes],
               "outputs": [ui.cost_summary, ui.breakdown, ui.bar, ui.line, ui.assumptions]}  # fmt: skip
    # The charts come hidden with their new data; shown next, they are drawn afresh (see show_plots).
    show = {"fn": _bind(show_plots, 2), "inputs": None, "outputs": [ui.bar, ui.line], **private}
    _, salary, savings, pace = ui.profile
    picked = ui.cost_program.change(_bind(prefill, ctx), [ui.cost_program, salary, savings, pace],
                                    [*ui.boxes, ui.part_time, ui.cost_defaults], **private)  # fmt: skip
    picked.then(**cost_io).then(**show)
    ui.calc.click(**cost_io).then(**show)
    ui.plan.input(**cost_io).then(**show)  # the plan switch redraws the balance chart


def _wire_find(ctx: AppContext, ui: SimpleNamespace) -> None:
    """The Find tab's events (private); the Compare and Cost tabs then react to their new values."""
    import gradio as gr

    private = {"api_visibility": "private"}
    boxes = [c for c in ui.find_form if isinstance(c, gr.Textbox)]  # Enter in a box searches too
    gr.on([ui.find_run.click, *(b.submit for b in boxes)], _bind(run_find, ctx), ui.find_form,
          [ui.find_results, ui.find_selection], **private)  # fmt: skip
    ui.find_to_compare.click(_bind(find_to_compare), [ui.find_selection], [ui.tabs, ui.compare_dd], **private)
    ui.find_to_cost.click(_bind(find_to_cost), [ui.find_selection], [ui.tabs, ui.cost_program], **private)


def _wire_api(ctx: AppContext, ui: SimpleNamespace) -> None:
    """The named API endpoints /chat, /compare, /cost and /find."""
    import gradio as gr

    # /chat's inputs and output: hidden; its session State is per client, like a browser tab's.
    api_in, api_history, api_out = gr.Textbox(visible=False), gr.JSON([], visible=False), gr.Textbox(visible=False)
    gr.on([], _bind(api_chat, ctx), [api_in, api_history, ui.session], [api_out, ui.session], api_name="chat",
          concurrency_id="answers")  # fmt: skip
    gr.api(_bind(api_compare, ctx), api_name="compare")
    gr.api(_bind(api_cost, ctx), api_name="cost")
    gr.api(_bind(api_find, ctx), api_name="find")


def launch(demo: gr.Blocks, settings: Settings, *, share: bool = False, quiet: bool = True) -> tuple[str, str | None]:
    """Start serving without blocking; returns (local URL, share URL or None). Binds settings.host:port."""
    _, url, share_url = demo.launch(
        server_name=settings.host, server_port=settings.port, share=share, auth=parse_auth(settings.auth),
        prevent_thread_lock=True, quiet=quiet, show_error=False, ssr_mode=False, css=CSS, footer_links=["api"],
    )  # fmt: skip
    return url, share_url
