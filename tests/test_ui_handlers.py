"""The web app's handlers and API endpoints, called directly on an AppContext: no server, no browser."""

from __future__ import annotations

import inspect
from functools import partial
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pytest

from app.tools.compare import OUTDATED_MARK
from app.tools.cost import CostInputs
from app.tools.finder import FinderQuery
from app.ui.api import api_chat, api_compare, api_cost, api_find
from app.ui.handlers import (
    AppContext,
    app_context,
    compare_shown,
    decision_panel,
    decision_to_cost,
    do_compare,
    find_to_compare,
    find_to_cost,
    new_chat,
    on_like,
    on_select,
    prefill,
    respond,
    run_cost,
    run_cost_form,
    run_find,
    save_profile,
    show_plots,
)
from app.ui.presenters import CUSTOM, NUMBER_FIELDS
from app.ui.session import ChatSession

COST_QUESTION = "I earn $90,000 and have $20,000 saved. What would the CMU MSML cost me?"
NO_PROFILE = ("", "", "", None)


@pytest.fixture
def ctx(advisor: Any, tmp_path: Path) -> AppContext:
    return app_context(advisor, advisor.settings.model_copy(update={"feedback_db": tmp_path / "feedback.sqlite3"}))


def cost_values(**fields: Any) -> tuple[Any, ...]:
    """/cost's positional values, bound through its generated (CostInputs) signature."""
    bound = inspect.signature(partial(api_cost, None)).bind(**fields)
    bound.apply_defaults()
    return bound.args


def file_of(button: Any) -> Path:
    """The file a DownloadButton update offers (Gradio copies it into its cache)."""
    return Path(button.value["path"] if isinstance(button.value, dict) else button.value)


def form_texts(prefilled: tuple[Any, ...]) -> list[str]:
    """The Cost boxes' text after a prefill: a skipped box stays empty."""
    return [v if isinstance(v, str) else "" for v in prefilled[: len(NUMBER_FIELDS)]]


def test_the_context_holds_the_advisors_parts(ctx: AppContext, advisor: Any) -> None:
    assert ctx.corpus is advisor.corpus and ctx.matcher is advisor.matcher
    assert ctx.max_chars == advisor.settings.max_query_chars and ctx.csv_dir.is_dir()
    assert ctx.passages and all(isinstance(t, str) for t in ctx.passages.values())
    assert ctx.new_conversation() is not ctx.new_conversation()  # one conversation per session
    with pytest.raises(AttributeError):
        ctx.max_chars = 1  # type: ignore[misc]  # frozen


def test_api_compare_returns_markdown_rows_csv_and_unmatched(ctx: AppContext) -> None:
    out = api_compare(ctx, ["OMSCS", "UIUC MCS", "zzz nothing"])
    assert out["markdown"].startswith("| Field | gatech-omscs | uiuc-mcs-online |")
    assert "not published" in out["markdown"] and OUTDATED_MARK in out["markdown"]
    assert out["rows"][0][0] == "Field" and len(out["rows"][0]) == 3
    assert out["csv"].startswith("field,gatech-omscs,uiuc-mcs-online")
    assert [u["name"] for u in out["unmatched"]] == ["zzz nothing"]


def test_api_cost_takes_cost_inputs_fields_and_reports_errors(ctx: AppContext) -> None:
    assert list(inspect.signature(partial(api_cost, ctx)).parameters) == list(CostInputs.model_fields)
    out = api_cost(ctx, *cost_values(program_id="cmu-msml", salary_before=90000, savings=20000, role="data_scientist"))
    assert out["result"]["total_economic_cost"] == pytest.approx(189333.33)
    assert "Break-even" in out["markdown"] and dict(out["breakdown"])["Tuition"] == "$69,333.33"
    missing = api_cost(ctx, *cost_values(program_id="gatech-omscs"))
    assert "salary_before" in missing["result"]["missing"] and "To finish the estimate" in missing["markdown"]
    with pytest.raises(Exception, match="years: Input should be greater than 0"):
        api_cost(ctx, *cost_values(years=-1, tuition_total=1000))


def test_prefill_fills_program_figures_and_the_profile(ctx: AppContext) -> None:
    out = prefill(ctx, "gatech-omscs", "90,000", "", "part-time")
    boxes, part_time, defaults = dict(zip((n for n, _ in NUMBER_FIELDS), out, strict=False)), out[-2], out[-1]
    assert len(out) == len(NUMBER_FIELDS) + 2
    assert boxes["tuition_per_credit"] == "225" and boxes["credits"] == "30" and boxes["salary_before"] == "90,000"
    assert not isinstance(boxes["savings"], str)  # an empty profile field leaves the box as it is (gr.skip())
    assert part_time is True and defaults["tuition_per_credit"] == 225
    custom = prefill(ctx, CUSTOM, "", "", None)
    assert custom[0] == "" and "tuition_per_credit" not in custom[-1] and not isinstance(custom[-2], bool)


def test_run_cost_agrees_with_the_api_and_cites_its_assumptions(ctx: AppContext) -> None:
    prefilled = prefill(ctx, "cmu-msml", "90000", "20000", None)
    summary, rows, bars, balance, assumptions = run_cost(
        ctx, "cmu-msml", "data_scientist", False, False, prefilled[-1], *form_texts(prefilled)
    )
    api = api_cost(ctx, *cost_values(program_id="cmu-msml", salary_before=90000, savings=20000, role="data_scientist"))
    assert "Break-even" in summary and rows == api["breakdown"] and summary == api["markdown"]
    assert set(bars.component) >= {"Tuition", "Forgone income"} and not balance.empty
    assert "<mark>" in assumptions and 'href="https://' in assumptions


def test_run_cost_plan_switch_and_legacy_borrower(ctx: AppContext) -> None:
    texts = [""] * len(NUMBER_FIELDS)
    names = [n for n, _ in NUMBER_FIELDS]
    texts[names.index("loan")], texts[names.index("years")], texts[names.index("salary_after")] = "60000", "2", "70000"
    summary, rows, _, standard, _ = run_cost(ctx, CUSTOM, "none", False, False, None, *texts)
    assert "federal cap $41,000" in summary and "$19,000" in summary and "15 years" in summary
    assert dict(rows)["Above the federal cap: savings or a private loan"] == "$19,000"
    _, _, _, rap, _ = run_cost(ctx, CUSTOM, "none", False, False, None, *texts, plan="rap")
    assert rap.balance.iloc[0] == standard.balance.iloc[0] == 41000 and len(rap) != len(standard)
    legacy, *_ = run_cost_form(ctx, CUSTOM, "none", False, False, True, "standard", None, *texts)
    assert "federal cap" not in legacy and "10 years" in legacy


def test_run_cost_explains_a_bad_number(ctx: AppContext) -> None:
    texts = [""] * len(NUMBER_FIELDS)
    texts[[n for n, _ in NUMBER_FIELDS].index("salary_before")] = "lots"
    summary, rows, bars, balance, assumptions = run_cost(ctx, CUSTOM, "none", False, False, None, *texts)
    assert summary.startswith("**Cannot compute:**") and "'lots' is not a number" in summary
    assert rows == [] and bars.empty and balance.empty and assumptions == ""


def test_respond_streams_the_answer_and_learns_the_profile(ctx: AppContext) -> None:
    outputs = list(respond(ctx, COST_QUESTION, None, *NO_PROFILE))
    assert len(outputs) >= 2 and all(len(o) == 11 for o in outputs)
    first, last = outputs[0], outputs[-1]
    assert first[0] == "" and first[1][0]["content"].startswith("I earn") and first[1][1]["content"].endswith("▌")
    box, messages, sources, session, bg, salary, savings, pace, compare_btn, export, status = last
    assert box == "" and status == "" and isinstance(session, ChatSession) and len(messages) == 2
    assert bg == "" and pace is None  # nothing said about them
    assert "[1]" in messages[1]["content"] and 'id="source-1"' in sources and "answer 1" in sources
    assert (salary, savings) == ("90,000", "20,000") and session.conv.state.profile.salary == 90000
    assert compare_btn.visible and "cmu-msml" in session.turns[0].result.programs
    assert export.visible and file_of(export).read_text("utf-8").startswith("# ")
    assert session.export_dir and (session.export_dir / file_of(export).name).is_file()
    # the next turn, in the same session, takes the profile from the boxes
    again = list(respond(ctx, "How long is it?", session, "Data analyst", "100k", "", "part-time"))[-1]
    assert again[3] is session and len(again[1]) == 4 and again[4:8] == ("Data analyst", "100,000", "", "part-time")
    session.close()


def test_respond_refuses_over_long_messages_and_bad_profiles(ctx: AppContext) -> None:
    [refused] = list(respond(ctx, "x" * 2001, None, *NO_PROFILE))
    assert refused[0] == "x" * 2001 and refused[-1].startswith("⚠️ Your message is 2,001 characters")
    assert refused[3].turns == []
    last = list(respond(ctx, "Is it worth it?", None, "", "lots", "", None))[-1]
    assert last[-1].startswith("⚠️ Profile not applied — Salary: 'lots' is not a number")
    session, status = save_profile(ctx, last[3], "ML engineer", "", "5,000", None)
    assert status == "" and session.conv.state.profile.background == "ML engineer"
    assert session.conv.state.profile.savings == 5000


def test_the_profile_boxes_keep_what_they_have_no_box_for(ctx: AppContext) -> None:
    # Each turn re-applies the boxes; the currency the salary was said in and the employer's share have no box, and
    # were dropped on the next turn ('£38,000' became 38,000 in no currency, the employer's $5,000 forgotten).
    last = list(respond(ctx, "I make £38,000 a year. My employer pays $5,000 a year toward tuition.", None,
                        *NO_PROFILE))[-1]  # fmt: skip
    session, boxes = last[3], last[4:8]
    said = session.conv.state.profile
    assert said.salary == 38000 and said.currency and said.employer_aid == 5000 and boxes[1] == "38,000"
    list(respond(ctx, "How long is the Edinburgh MSc AI?", session, *boxes))
    kept = session.conv.state.profile
    assert (kept.salary, kept.currency, kept.employer_aid) == (38000, said.currency, 5000)
    session, status = save_profile(ctx, session, "Data analyst", "40,000", "", None)  # an edit in a box
    edited = session.conv.state.profile
    assert status == "" and edited.background == "Data analyst" and (edited.salary, edited.currency) == (40000, said.currency)
    session.close()


def test_likes_selection_new_chat_and_compare_these(ctx: AppContext) -> None:
    session = list(respond(ctx, "Compare Georgia Tech OMSCS and UIUC MCS", None, *NO_PROFILE))[-1][3]
    on_like(ctx, session, SimpleNamespace(index=[1, 0], liked=True))  # message 1: the first answer
    on_like(ctx, session, SimpleNamespace(index=9, liked=False))  # no such turn: ignored
    [row] = ctx.feedback.rows()
    assert row.rating == "like" and row.question.startswith("Compare") and row.citations
    session.shown = None
    html_, button, same = on_select(ctx, session, SimpleNamespace(index=1))
    assert same is session and session.shown == 0 and 'id="source-1"' in html_ and button.visible
    tabs, ids = compare_shown(ctx, session)
    assert tabs.selected == "compare" and {"gatech-omscs", "uiuc-mcs-online"} <= set(ids)
    chat, sources, state, compare_btn, export = new_chat()
    assert chat == [] and "Sources of an answer appear here." in sources and state is None
    assert not compare_btn.visible and not export.visible


DECISION_QUESTION = "I make $95,000. Is UIUC's online MCS worth it for me, or should I quit and do CMU's MSML?"


def test_decision_panel_shows_a_decision_answer_and_opens_a_program_in_cost(ctx: AppContext) -> None:
    group, plot, table, picker = decision_panel(ctx, None)  # nothing asked yet: hidden
    assert not group.visible and table == "" and picker.choices == []
    session = list(respond(ctx, DECISION_QUESTION, None, *NO_PROFILE))[-1][3]
    assert session.turns[0].result.intent == "decide"
    group, plot, table, picker = decision_panel(ctx, session)
    assert group.visible and 'data-program="uiuc-mcs-online"' in table and 'data-program="cmu-msml"' in table
    chart = plot.constructor_args  # the update's props: the frame, its colors and caption
    assert set(chart["value"].program) == {"uiuc-mcs-online", "cmu-msml"} and set(chart["value"].series) == set(
        chart["color_map"]
    )
    assert chart["caption"].startswith("Cumulative net gain") and "Not in the chart" not in chart["caption"]
    assert [pid for _, pid in picker.choices] == ["uiuc-mcs-online", "cmu-msml"] and picker.value == "uiuc-mcs-online"
    tabs, pid = decision_to_cost("cmu-msml")  # 'Open in Cost', as the Find tab's button does
    assert tabs.selected == "cost" and pid == "cmu-msml"
    list(respond(ctx, "Compare Georgia Tech OMSCS and UIUC MCS", session, *NO_PROFILE))  # not a decision: hidden
    assert not decision_panel(ctx, session)[0].visible
    _, _, same = on_select(ctx, session, SimpleNamespace(index=1))  # back to the first answer: shown again
    assert decision_panel(ctx, same)[0].visible
    with pytest.warns(UserWarning):
        assert all(not hasattr(x, "selected") for x in decision_to_cost(None))
    session.close()


def test_plots_come_hidden_with_their_new_figures_then_are_shown_to_be_drawn_afresh(ctx: AppContext) -> None:
    # A Gradio plot updated in place redrew from its old data: a follow-up's decision chart kept the last answer's
    # lines, a recalculated cost bar its first components. Each handler sends it hidden; show_plots shows it.
    last = list(respond(ctx, "Is CMU worth it? I make 95k", None, *NO_PROFILE))[-1]
    session, boxes = last[3], last[4:8]  # the profile boxes as the page shows them after the turn
    list(respond(ctx, "what if I took 3 years", session, *boxes))
    plot = decision_panel(ctx, session)[1].constructor_args
    assert plot["visible"] is False and "$441,000" in plot["caption"]
    assert plot["value"].query("scenario == 'base' and year == 0").net.tolist() == [-441000]  # −total economic cost
    session.close()
    texts = [""] * len(NUMBER_FIELDS)
    names = [n for n, _ in NUMBER_FIELDS]
    texts[names.index("loan")], texts[names.index("years")], texts[names.index("salary_before")] = "60000", "3", "95000"
    texts[names.index("tuition_per_year")] = "52000"
    _, _, bar, line, _ = run_cost_form(ctx, CUSTOM, "none", False, False, False, "standard", None, *texts)
    bar, line = bar.constructor_args, line.constructor_args
    assert bar["visible"] is False and line["visible"] is False
    assert set(bar["value"].component) == {"Tuition", "Forgone income", "Loan interest"}
    assert bar["caption"].startswith("Stacked: tuition $156,000 + forgone income $285,000")
    assert line["caption"].startswith("Standard plan, $499.63 a month: $60,000 owed") and len(line["value"]) == 21
    texts[names.index("salary_before")] = "-95000"  # a refused form: no figures, nothing to say of them
    summary, _, bar, line, _ = run_cost_form(ctx, CUSTOM, "none", False, False, False, "standard", None, *texts)
    assert summary == "**Cannot compute:** Current salary per year: must be 0 or more, not '-95000'"
    assert bar.constructor_args["caption"].startswith("No cost components") and bar.constructor_args["value"].empty
    assert show_plots(1) == {"__type__": "update", "visible": True} and show_plots(2) == (show_plots(1),) * 2


def test_do_compare_writes_one_csv_per_selection(ctx: AppContext) -> None:
    table, download = do_compare(ctx, ["gatech-omscs", "uiuc-mcs-online"])
    assert table.count("<tr>") > 2 and download.visible
    assert file_of(download).read_text("utf-8").startswith("field,gatech-omscs,uiuc-mcs-online")
    [written] = ctx.csv_dir.iterdir()  # written whole, then renamed: no temp file is left
    assert written.name == file_of(download).name and written.read_text("utf-8") == file_of(download).read_text("utf-8")
    do_compare(ctx, ["uiuc-mcs-online", "gatech-omscs"])
    assert do_compare(ctx, ["gatech-omscs", "uiuc-mcs-online"])[1].value == download.value
    assert len(list(ctx.csv_dir.iterdir())) == 2  # one file per selection, rewritten in place
    empty_table, hidden = do_compare(ctx, None)
    assert "Pick programs" in empty_table and not hidden.visible


def test_api_chat_streams_and_rebuilds_a_stateless_callers_history(ctx: AppContext) -> None:
    outputs = list(api_chat(ctx, "Is a master's in machine learning worth it?", [], None))
    assert len(outputs) >= 2 and "**Sources**" not in outputs[0][0] and "**Sources**" in outputs[-1][0]
    history = [{"role": "user", "content": "Tell me about the Northwestern MSAI"},
               {"role": "assistant", "content": "(earlier answer)"}]  # fmt: skip
    answer, session = list(api_chat(ctx, "How long is it?", history, None))[-1]
    assert "Northwestern" in answer and session.turns[0].question == history[0]["content"]
    assert list(api_chat(ctx, "x" * 3000, [], None))[-1][0].startswith("Your message is 3,000")


def test_bound_handlers_keep_the_hints_gradio_reads(ctx: AppContext) -> None:
    import gradio as gr

    from app.ui.app import _bind

    liked = _bind(on_like, ctx, data=gr.LikeData)
    assert list(inspect.signature(liked).parameters) == ["session", "data"] and liked.__name__ == "on_like"
    assert liked.__annotations__["data"] is gr.LikeData
    chat = _bind(api_chat, ctx)
    assert inspect.isgeneratorfunction(chat) and list(inspect.signature(chat).parameters) == ["message", "history",
                                                                                            "session"]  # fmt: skip
    assert chat.__doc__ == api_chat.__doc__
    cost = _bind(api_cost, ctx)
    assert list(inspect.signature(cost).parameters) == list(CostInputs.model_fields)
    assert cost.__annotations__["return"] is dict


# --- Find tab and /find --------------------------------------------------------------------------------------

# find_query's arguments: modality, pace, country, currency, max tuition, max years, no GRE, field, background, sort
ANY_FORM = ("any", "any", "any", "USD", "", "", False, "any", "any", "fit")


def find_form(**changes: Any) -> list[Any]:
    names = ["modality", "pace", "country", "currency", "max_tuition", "max_years", "no_gre", "field", "background",
             "sort"]  # fmt: skip
    return [changes.get(n, v) for n, v in zip(names, ANY_FORM, strict=True)]


def find_values(**fields: Any) -> tuple[Any, ...]:
    """/find's positional values, bound through its generated (FinderQuery) signature."""
    bound = inspect.signature(partial(api_find, None)).bind(**fields)
    bound.apply_defaults()
    return bound.args


def test_run_find_shows_linked_matches_unknowns_and_preselects_up_to_four(ctx: AppContext) -> None:
    html_, selection = run_find(ctx, *find_form(modality="online", max_tuition="20k"))
    api = api_find(ctx, *find_values(modality="online", max_tuition=20000))
    match_ids, unknown_ids = [r["program_id"] for r in api["rows"]], [r["program_id"] for r in api["unknown"]]
    assert match_ids and "gatech-omscs" in match_ids and unknown_ids
    assert [v for _, v in selection.choices] == match_ids + unknown_ids  # matches first, then 'not enough data'
    assert selection.value == match_ids[:4]
    table, _, unknown = html_.partition("Not enough data to be sure")
    assert table.count("<tr data-program=") == len(match_ids) and 'href="https://' in table
    assert "$6,750" in table and 'target="_blank"' in table
    assert unknown and "Max tuition: tuition not published" in unknown  # each unknown filter's reason
    assert "in GBP: not compared" in unknown  # amounts stay in the program's own currency
    everything, all_ids = run_find(ctx, *ANY_FORM)
    assert "<tr data-program=" in everything and len(all_ids.choices) == len(ctx.corpus.programs)


def test_run_find_explains_bad_input_in_one_line(ctx: AppContext) -> None:
    html_, selection = run_find(ctx, *find_form(max_tuition="lots"))
    assert "Cannot search: Max tuition: &#39;lots&#39; is not a number" in html_ and selection.choices == []
    html_, _ = run_find(ctx, *find_form(max_years="0"))
    assert "max_years: Input should be greater than 0" in html_ and "\n" not in html_


def test_find_sends_the_selection_to_compare_or_cost(ctx: AppContext) -> None:
    tabs, ids = find_to_compare(["gatech-omscs", "uiuc-mcs-online"])
    assert tabs.selected == "compare" and ids == ["gatech-omscs", "uiuc-mcs-online"]
    assert do_compare(ctx, ids)[0].count("<th>") >= 3  # what the Compare tab then shows
    tabs, pid = find_to_cost(["cmu-msml", "gatech-omscs"])
    assert tabs.selected == "cost" and pid == "cmu-msml"
    with pytest.warns(UserWarning):  # nothing selected: stay on Find (outside a request, gr.Warning warns)
        skipped = find_to_compare([])
    assert all(not hasattr(x, "selected") for x in skipped)


def test_api_find_takes_finder_query_fields_and_reports_errors(ctx: AppContext) -> None:
    assert list(inspect.signature(partial(api_find, ctx)).parameters) == list(FinderQuery.model_fields)
    out = api_find(ctx, *find_values(modality="online", no_gre=True, sort="cost"))
    assert set(out) == {"markdown", "rows", "unknown", "query"}
    assert out["query"]["modality"] == "online" and out["query"]["no_gre"] is True
    assert out["markdown"].startswith("| School | Program |") and "\nSources:\n- [1] " in out["markdown"]
    assert all(r["matched"] == {"modality": True, "no_gre": True} for r in out["rows"])
    assert all(None in r["matched"].values() for r in out["unknown"])
    with pytest.raises(Exception, match=r"invalid search: modality: Input should be 'online'") as e:
        api_find(ctx, *find_values(modality="by pigeon"))
    assert "\n" not in str(e.value)
