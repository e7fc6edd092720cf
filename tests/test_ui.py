"""The web app: pure formatters, feedback storage, and the named API endpoints through gradio_client."""

from __future__ import annotations

import math
import os
import re
import signal
import sqlite3
import subprocess
import sys
import threading
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

import httpx
import pytest

from app.answer.citations import AnswerResult, Citation, markers
from app.errors import InvalidInput
from app.tools.compare import OUTDATED_MARK, compare_programs
from app.tools.cost import calculate, parse_inputs
from app.tools.decision import DecisionInputs, decide, payback_cell
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
from app.ui.decision_view import decision_chart, decision_frame, decision_html, decision_rows
from app.ui.export import conversation_markdown
from app.ui.feedback import FeedbackStore, rating_label
from app.ui.presenters import (
    answer_markdown,
    check_message,
    compare_html,
    compare_rows,
    escape_md,
    highlight,
    parse_auth,
    parse_number,
    program_choices,
    sources_html,
)
from app.ui.session import history_questions
from tests.ui_fixtures import (
    CMU_QUESTION,
    HOSTILE_ID,
    HOSTILE_NAME,
    client,
    free_port,
    hostile_settings,
    running,
    server_settings,
)

TODAY = date(2026, 11, 25)
XSS = "<img src=x onerror=alert(1)>"


def guide_cite(n: int = 1, quote: str = "Higher education is expensive.", **kw: Any) -> Citation:
    base = {"n": n, "id": "guide:abc", "kind": "guide", "section": ["Guide title", "Costs", "Tuition"],
            "title": "Tuition", "url": "guide", "as_of": None, "quote": quote}  # fmt: skip
    return Citation(**(base | kw))


# --- formatters ---------------------------------------------------------------------------------


def test_answer_markdown_keeps_markers_and_lists_every_source() -> None:
    c1 = guide_cite(1)
    c2 = Citation(n=2, id="program:cmu-msml", kind="program", program_id="cmu-msml", title="MSML — CMU",
                  url="https://ml.cmu.edu/x", as_of="2026", quote="$52,000 per year")  # fmt: skip
    md = answer_markdown(AnswerResult(answer="Costly [1]; CMU charges $52,000 [2].", citations=[c1, c2]))
    assert markers(md.split("**Sources**")[0]) == [1, 2]
    assert "- [1] Guide › Costs › Tuition (undated, guide.md): “Higher education is expensive.”" in md
    assert "- [2] MSML — CMU (as of 2026, https://ml.cmu.edu/x): “$52,000 per year”" in md


def test_markup_in_answers_and_questions_is_escaped() -> None:
    md = answer_markdown(AnswerResult(answer=f"{XSS} [1]", citations=[guide_cite(quote="<script>x</script>")]))
    assert "<img" not in md and "<script" not in md
    assert "&lt;img src=x onerror=alert(1)&gt;" in md and "&lt;script&gt;x&lt;/script&gt;" in md
    assert escape_md("a & b < c") == "a &amp; b &lt; c"


def test_sources_panel_highlights_the_quote_in_its_passage_with_path_link_and_date() -> None:
    passage = "Intro text. Higher education is expensive. More text after."
    result = AnswerResult(answer="x [1] [2]", citations=[
        guide_cite(1),
        Citation(n=2, id="program:p", kind="program", title="Prog — School <b>", url="javascript:alert(1)",
                 as_of="2018-19", quote=XSS),
    ])  # fmt: skip
    out = sources_html(result, {"guide:abc": passage})
    assert 'id="source-1"' in out and 'id="source-2"' in out
    assert "Intro text. <mark>Higher education is expensive.</mark> More text after." in out
    assert "Guide › Costs › Tuition" in out and "guide.md · undated" in out
    assert "Prog — School &lt;b&gt;" in out and "<mark>&lt;img src=x" in out and "as of 2018-19" in out
    assert "<a " not in out.split('id="source-2"')[1]  # a javascript: link is shown as text, never clickable
    assert "cites no sources" in sources_html(AnswerResult(answer="no"))
    assert highlight("a" * 500 + "QUOTE" + "b" * 500, "QUOTE", 10) == "…aaaaaaaaaa<mark>QUOTE</mark>bbbbbbbbbb…"


def test_compare_table_marks_sources_missing_and_outdated_cells(advisor: Any) -> None:
    comp = compare_programs(["OMSCS", "UIUC MCS", "no such program"], advisor.corpus, advisor.matcher, TODAY)
    out = compare_html(comp)
    assert out.count("<tr>") == 1 + len(comp.rows())
    assert '<td class="missing"' in out and "not published" in out  # fees are unpublished for both
    assert OUTDATED_MARK in out and 'href="https://' in out
    assert "Unknown program “no such program”; closest: " in out
    rows = compare_rows(comp)
    assert rows[0] == ["Field", *(p.title for p in comp.programs)]
    assert any(OUTDATED_MARK in cell for row in rows for cell in row)
    assert "Pick programs" in compare_html(compare_programs([], advisor.corpus, advisor.matcher, TODAY))


def test_cost_formatters_give_table_chart_frames_and_cited_assumptions(advisor: Any) -> None:
    r = calculate(parse_inputs({"program_id": "cmu-msml", "salary_before": 90000, "savings": 20000,
                                "role": "machine_learning_engineer"}), advisor.corpus)  # fmt: skip
    rows = dict(cost_breakdown_rows(r))
    assert rows["Tuition"] == "$69,333.33" and rows["Total economic cost"] == "$189,333.33"
    assert rows["Debt-to-income"].endswith("%") and "years" in rows["Break-even"]
    bars = cost_components_frame(r)
    assert list(bars.columns) == ["estimate", "component", "amount"]
    assert set(bars.component) == {"Tuition", "Forgone income", "Loan interest"}  # zero fees/living left out
    assert bars.amount.sum() == pytest.approx(r.total_economic_cost + r.total_interest, abs=0.05)
    balance = balance_frame(r)
    # July 2026 rules: the $27,333.33 federal loan (cap: $20,500 × 16/12 years) is in the 15-year tier (was 10).
    assert balance.year.tolist() == list(range(16)) and balance.balance.iloc[0] == r.loan_principal
    assert balance.balance.iloc[-1] == 0
    assert r.loan_principal == 27333.33 and r.loan_remainder == 22000
    rap = balance_frame(calculate(parse_inputs({"program_id": "cmu-msml", "salary_before": 90000, "savings": 20000,
                                                "role": "machine_learning_engineer", "repayment_plan": "rap"}),
                                  advisor.corpus))  # fmt: skip
    assert rap.balance.iloc[0] == r.loan_principal and len(rap) != len(balance)  # the chart follows the plan
    summary = cost_summary_markdown(r, "CMU")
    assert "Break-even" in summary and "Debt-to-income" in summary and "manageable" in summary
    assert "federal cap $27,333.33" in summary and "**Above the cap:** $22,000" in summary
    assert "$25,000 to $49,999: 15 years" in summary and "Repayment Assistance Plan" in summary
    html = assumptions_html(r)
    assert "<mark>" in html and "as of 2026" in html and 'href="https://' in html


def test_cost_charts_say_their_figures_in_words(advisor: Any) -> None:
    # The captions say each chart's figures in words (no reading amounts off an axis).
    r = calculate(parse_inputs({"program_id": "cmu-msml", "salary_before": 95000, "years": 3, "loan": 60000}),
                  advisor.corpus)  # fmt: skip
    assert components_caption(r) == ("Stacked: tuition $156,000 + forgone income $285,000 + loan interest $59,910.21. "
                                     "Total economic cost $441,000 (loan interest not in it).")  # fmt: skip
    assert balance_caption(r) == ("Standard plan, $499.63 a month: $60,000 owed when repayment starts, $0 after "
                                  "year 20.")  # fmt: skip
    rap = calculate(parse_inputs({"program_id": "cmu-msml", "salary_before": 95000, "salary_after": 120000,
                                  "loan": 60000, "repayment_plan": "rap"}), advisor.corpus)  # fmt: skip
    assert balance_caption(rap).startswith("Repayment Assistance Plan: $27,333.33 owed when repayment starts")  # capped
    blank = calculate(parse_inputs({}), advisor.corpus)
    assert components_caption(blank).startswith("No cost components yet")
    assert balance_caption(blank).startswith("No loan")


def test_a_negative_amount_is_refused_as_below_zero_not_as_not_a_number() -> None:
    for text in ("-5000", "−5,000", " -90k"):  # was: "Salary: '-5000' is not a number"
        with pytest.raises(InvalidInput, match=r"^Salary: must be 0 or more, not '"):
            parse_number(text, "Salary")
    with pytest.raises(InvalidInput, match="'lots' is not a number"):
        parse_number("lots", "Salary")
    assert parse_number("90k", "Salary") == 90000 and parse_number("0", "Salary") == 0 and parse_number("", "x") is None


def test_the_cost_view_of_a_loan_in_pounds_shows_no_dollar_cap_and_says_illustration(advisor: Any) -> None:
    r = calculate(parse_inputs({"program_id": "edinburgh-msc-ai", "loan": 30000}), advisor.corpus)
    summary = cost_summary_markdown(r, "Edinburgh")
    assert "$" not in summary and "**Federal loan:**" not in summary and "Standard term" not in summary
    assert "**Loan:** £30,000, the whole amount" in summary
    assert "- Payment: £363.03 a month for 10 years (for illustration only" in summary
    assert ["US federal loan caps, terms and Grad PLUS", "not applied: they are in dollars, your loan is in GBP"] in (
        cost_breakdown_rows(r))  # fmt: skip


def test_decision_chart_is_net_gain_by_year_crossing_zero_at_break_even(advisor: Any) -> None:
    uiuc, cmu = decide(["uiuc-mcs-online", "cmu-msml"], DecisionInputs(salary_before=95000), advisor.corpus)
    assert not cmu.keeps_working and uiuc.keeps_working  # full-time in person; online
    frame = decision_frame([uiuc, cmu])
    assert list(frame.columns) == ["year", "net", "series", "program", "scenario"]
    base = frame[(frame.program == "cmu-msml") & (frame.scenario == "base")].set_index("year").net
    whole = base[base.index == base.index.astype(int)]  # the yearly points (0 … 10)
    assert list(whole.index) == list(range(11)) and whole.iloc[0] == -196000.0
    assert whole[whole >= 0].index[0] == math.ceil(cmu.break_even_years["base"] + cmu.years)  # 1⅓ years of study
    raise_ = cmu.payback["base"].raise_per_year  # $120,883 − $95,000, from the year of graduating on
    assert whole[2] == round(-196000 + raise_ * (2 - 4 / 3), 2) == -178744.67 and whole[10] == 28319.33
    crossing = base[base == 0].index[0]  # the exact crossing, then the break-even tick through zero there
    assert crossing == pytest.approx(cmu.years + cmu.total_economic_cost / raise_, abs=1e-4)
    tick = frame[(frame.program == "cmu-msml") & (frame.scenario == "break-even")]
    assert list(tick.year) == [crossing] * 2 and tick.net.min() < 0 < tick.net.max()
    uiuc_base = frame[(frame.program == "uiuc-mcs-online") & (frame.scenario == "base")].set_index("year").net
    assert uiuc_base[2.0] == -19200 and uiuc_base[3.0] == -19200 + 25883  # the raise starts after 2 years
    pessimistic = frame[(frame.program == "cmu-msml") & (frame.scenario == "pessimistic")].net
    assert pessimistic.is_monotonic_decreasing  # a lower salary after: the band's low edge only falls

    chart = decision_chart([uiuc, cmu])
    assert chart.colors["Carnegie Mellon University"] != chart.colors["Carnegie Mellon University · optimistic"]
    assert chart.legend == ["University of Illinois Urbana-Champaign", "Carnegie Mellon University"]  # base lines
    assert set(chart.frame.series) == set(chart.colors) and "Not in the chart" not in chart.caption
    # 30 years at most; a program in another currency or with no total is left out, with a one-line note
    slow = cmu.model_copy(update={"payback": cmu.payback | {"base": cmu.payback["base"].model_copy(
        update={"raise_per_year": 5000.0})}})  # fmt: skip
    assert decision_frame([slow]).year.max() == 30
    gbp = uiuc.model_copy(update={"currency": "GBP", "program_id": "x", "title": "MSc — Elsewhere", "label": "Elsewhere"})
    unknown = cmu.model_copy(update={"total_economic_cost": None, "program_id": "y", "title": "MS — Nowhere",
                                     "label": "Nowhere"})  # fmt: skip
    chart = decision_chart([cmu, gbp, unknown])
    assert set(chart.frame.program) == {"cmu-msml"}
    assert chart.caption.endswith("Not in the chart: Elsewhere (charges in GBP, the salaries are in USD (never "
                                  "converted)); Nowhere (total cost unknown).")  # fmt: skip
    assert decision_frame([]).empty


def test_decision_table_and_rows_of_an_answer(advisor: Any) -> None:
    rows = decide(["uiuc-mcs-online", "cmu-msml"], DecisionInputs(salary_before=95000), advisor.corpus)
    evil = rows[1].model_copy(update={"title": f"{XSS} — {XSS}", "label": XSS})
    html_ = decision_html([rows[0], evil])
    assert 'data-program="uiuc-mcs-online"' in html_ and 'data-program="cmu-msml"' in html_
    for label in ("Cost of attendance", "Income forgone", "Total economic cost", "Payback, pessimistic",
                  "Payback, base", "Payback, optimistic"):  # fmt: skip
        assert label in html_
    # Computed amounts to the dollar (money's `estimate`): $126,666.67 of salary is 1.33 years × $95,000.
    assert "$196,000" in html_ and "$126,667" in html_ and "$126,666.67" not in html_
    assert "~7.6 years" in html_ and "~9 months" in html_
    assert "no payback from salary alone" in html_  # a cell without a number says why
    assert ">never<" in html_  # no raise in the pessimistic case ...
    unknown = decide(["cmu-mcds"], DecisionInputs(salary_before=95000), advisor.corpus)
    assert ">not computed<" in decision_html(unknown) and ">never<" not in decision_html(unknown)  # ... no cost
    assert XSS not in html_ and "&lt;img" in html_
    answer = AnswerResult(answer="x", intent="decide", decision=[r.model_dump(mode="json") for r in rows])
    assert decision_rows(answer) == rows
    assert decision_rows(answer.model_copy(update={"intent": "cost"})) == [] and decision_rows(None) == []


def test_two_programs_of_one_school_get_distinct_labels_in_the_decision_view(advisor: Any) -> None:
    rows = decide(["cmu-mcds", "cmu-msml"], DecisionInputs(salary_before=95000), advisor.corpus)
    html_ = decision_html(rows)
    assert '>MCDS</th>' in html_ and '>MS in Machine Learning</th>' in html_  # not "Carnegie Mellon University" twice
    assert 'title="Master of Computational Data Science (MCDS) — Carnegie Mellon University' in html_  # whole on hover
    assert decision_chart(rows).caption.endswith("Not in the chart: MCDS (total cost unknown).")


def test_the_decision_chart_caption_ties_the_break_even_tick_to_the_tables_payback(advisor: Any) -> None:
    # The tick is years from starting, the table's payback years after graduating (8.9 vs ~7.6): the caption says
    # both, in the table's own words.
    rows = decide(["cmu-mcds", "cmu-msml"], DecisionInputs(salary_before=95000), advisor.corpus)
    caption = decision_chart(rows).caption
    assert ("MS in Machine Learning: total economic cost $196,000; base break-even in year 8.9 (1.3 of study + ~7.6 "
            "years of payback).") in caption and "~7.6 years" in decision_html(rows)  # fmt: skip
    three = decide(["cmu-msml"], DecisionInputs(salary_before=95000, years=3), advisor.corpus)
    assert "$441,000; base break-even in year 20.0 (3.0 of study + ~17.0 years" in decision_chart(three).caption
    columbia = decide(["columbia-ms-cs-ml"], DecisionInputs(salary_before=90000, years=3), advisor.corpus)
    # 11.2528 years: the table says ~11.2 (its payback rounded to 11.25 first); the caption says the same
    assert payback_cell(columbia[0].payback["base"]) in decision_chart(columbia).caption
    flat = rows[1].model_copy(update={"payback": rows[1].payback | {"base": rows[1].payback["base"].model_copy(
        update={"raise_per_year": 0.0})}})  # fmt: skip
    assert "no base break-even (no raise at the base salary)" in decision_chart([flat]).caption


def test_proxied_sources_show_the_original_page_retrieved_from_the_stored_copy(advisor: Any) -> None:
    from app.corpus.links import source_link
    from app.ui.presenters import link_html, link_parts

    stored = "https://arietiform.com/application/nph-tsq.cgi/en/20/http/www.ml.cmu.edu/academics/primary-ms.html"
    as_of = "undated (proxied copy of ml.cmu.edu/academics/primary-ms.html)"
    assert source_link(stored, as_of) == ("http://www.ml.cmu.edu/academics/primary-ms.html", stored)
    assert source_link("https://www.drake.edu/x", "2025") == ("https://www.drake.edu/x", None)
    parts = link_parts(stored, as_of)
    assert parts.href == "http://www.ml.cmu.edu/academics/primary-ms.html" and parts.retrieved_from == stored
    assert "retrieved from" in link_html(stored, as_of) and "retrieved from" not in link_html("https://x.edu/a")
    # Every proxied record in the corpus resolves to an original page.
    proxied = [(s.url, s.as_of) for p in advisor.corpus.programs for s in p.sources if "proxied copy of" in s.as_of]
    assert proxied and all(source_link(u, a).retrieved_from == u for u, a in proxied)
    comp = compare_programs(["cmu-msml"], advisor.corpus, advisor.matcher, TODAY)
    assert "ml.cmu.edu/academics/primary-ms.html (retrieved from https://arietiform.com" in comp.to_markdown()


def test_possibly_outdated_marks_the_new_dated_records(advisor: Any) -> None:
    comp = compare_programs(["duke-meng-ai", "waterloo-mdsai"], advisor.corpus, advisor.matcher, TODAY)
    md = comp.to_markdown()
    duke = next(ln for ln in md.splitlines() if "2020-21" in ln and ln.startswith("- ["))
    waterloo = next(ln for ln in md.splitlines() if "uwaterloo" in ln and ln.startswith("- ["))
    assert OUTDATED_MARK in duke and OUTDATED_MARK in waterloo
    assert compare_html(comp).count(OUTDATED_MARK) >= 2


def test_missing_inputs_are_listed_plainly(advisor: Any) -> None:
    r = calculate(parse_inputs({"program_id": "cmu-msml"}), advisor.corpus)
    summary = cost_summary_markdown(r)
    assert "To finish the estimate, enter" in summary and "**Current salary per year**" in summary
    assert dict(cost_breakdown_rows(r))["Total economic cost"] == "—"
    assert cost_components_frame(r).empty is False and balance_frame(r).empty


def test_prefilled_defaults_are_left_to_the_calculator_so_they_stay_cited(advisor: Any) -> None:
    program = advisor.corpus.program("gatech-omscs")
    defaults = cost_prefill(program, advisor.corpus.figures)
    assert defaults["tuition_per_credit"] == 225 and defaults["credits"] == 30 and defaults["apr_percent"] > 0
    form = dict.fromkeys(["tuition_per_year", "years", "living_per_month"]) | defaults | {"salary_before": 50000.0}
    args = cost_call_args(form, defaults)
    assert args == {"salary_before": 50000.0}  # untouched defaults are not sent as user input...
    r = calculate(parse_inputs(args | {"program_id": program.id}), advisor.corpus)
    assert {"tuition", "credits", "apr_percent"} <= {a.field for a in r.assumptions} or r.tuition == 6750
    assert any(a.field == "tuition" and a.url.startswith("http") for a in r.assumptions)  # ...so they are cited
    assert cost_call_args(form | {"credits": 36.0}, defaults) == {"salary_before": 50000.0, "credits": 36.0}


def test_message_limits_auth_history_and_choices(advisor: Any) -> None:
    assert check_message("x" * 2000, 2000) is None
    assert "2,001 characters" in (check_message("x" * 2001, 2000) or "")
    assert check_message("   ", 2000) == "Please type a question."
    assert parse_auth("ann:s3:cret") == ("ann", "s3:cret") and parse_auth(None) is None
    with pytest.raises(Exception, match="user:password"):
        parse_auth("nopassword")
    history = [{"role": "user", "content": "a"}, {"role": "assistant", "content": "b"},
               {"role": "user", "content": [{"type": "text", "text": "c"}]}, ["d", "e"]]  # fmt: skip
    assert history_questions(history) == ["a", "c", "d"]
    labels = dict(program_choices(advisor.corpus.programs))
    assert labels["Carnegie Mellon University — Master of Science in Machine Learning"] == "cmu-msml"


# --- feedback and export ------------------------------------------------------------------------


def test_feedback_rows_survive_many_concurrent_writers(tmp_path: Path) -> None:
    db = tmp_path / "deep" / "dir" / "fb.sqlite3"
    store = FeedbackStore(db)
    cite = guide_cite()

    def write(i: int) -> None:
        for j in range(10):
            store.record("like" if j % 2 else "dislike", f"q{i}-{j}", f"a{i}-{j} [1]", [cite])

    threads = [threading.Thread(target=write, args=(i,)) for i in range(16)]
    script = f"from app.ui.feedback import FeedbackStore\ns = FeedbackStore({str(db)!r})\n" + (
        "for j in range(25): s.record('like', f'proc-{j}', 'a', [])"
    )
    procs = [subprocess.Popen([sys.executable, "-c", script]) for _ in range(3)]  # other server processes
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert all(p.wait(timeout=60) == 0 for p in procs)
    rows = FeedbackStore(db).rows()
    assert len(rows) == 16 * 10 + 3 * 25
    assert len({r.id for r in rows}) == len(rows)
    first = next(r for r in rows if r.question == "q0-1")
    assert first.rating == "like" and first.answer == "a0-1 [1]" and first.citations[0]["quote"] == cite.quote
    with sqlite3.connect(db) as conn:
        assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert [rating_label(x) for x in (True, False, "", "Funny")] == ["like", "dislike", "cleared", "Funny"]


def test_export_is_markdown_with_each_answers_sources() -> None:
    result = AnswerResult(answer="Tuition is high [1].", citations=[guide_cite()])
    md = conversation_markdown([(f"Is it worth it? {XSS}", result, None), ("boom", None, "Sorry — failed.")], "T")
    assert md.startswith("# T\n")
    assert "## You\n\nIs it worth it? &lt;img src=x onerror=alert(1)&gt;" in md
    assert "Tuition is high [1].\n\n**Sources**" in md and "“Higher education is expensive.”" in md
    assert "_Sorry — failed._" in md


# --- the running app through gradio_client ----------------------------------------------------------


@pytest.fixture(scope="module")
def app_url(advisor: Any, tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, Any]]:
    settings = server_settings(advisor.settings, tmp_path_factory.mktemp("ui"))
    with running(advisor, settings) as (url, demo):
        yield url, demo


def test_endpoints_are_named_with_their_parameters(app_url: tuple[str, Any], advisor: Any) -> None:
    url, demo = app_url
    info = client(url).view_api(print_info=False, return_format="dict")["named_endpoints"]
    assert set(info) == {"/chat", "/compare", "/cost", "/find"}  # the UI's own events are private
    assert [p["parameter_name"] for p in info["/chat"]["parameters"]] == ["message", "history"]
    assert info["/chat"]["parameters"][1]["parameter_default"] == []
    assert [p["parameter_name"] for p in info["/compare"]["parameters"]] == ["programs"]
    assert {"program_id", "salary_before", "savings", "role"} <= {
        p["parameter_name"] for p in info["/cost"]["parameters"]
    }
    assert demo._queue.default_concurrency_limit == advisor.settings.concurrency
    assert url.startswith("http://127.0.0.1:")


def test_chat_answers_with_markers_and_a_sources_list(app_url: tuple[str, Any]) -> None:
    c = client(app_url[0])
    out = c.predict("How much does the Georgia Tech OMSCS cost?", api_name="/chat")
    body, _, sources = out.partition("**Sources**")
    assert markers(body), out
    for n in set(markers(body)):
        assert re.search(rf"^- \[{n}\] .+: “.+”$", sources, re.M), f"[{n}] has no Sources entry"
    assert "$225" in body


def test_chat_streams_then_ends_with_the_full_answer(app_url: tuple[str, Any]) -> None:
    job = client(app_url[0]).submit("Is a master's in machine learning worth it?", api_name="/chat")
    final = job.result(timeout=60)
    outputs = job.outputs()
    assert len(outputs) >= 2 and outputs[-1] == final  # deltas first, then the finished answer
    assert "**Sources**" not in outputs[0] and "**Sources**" in final


def test_follow_ups_stay_in_their_own_session(app_url: tuple[str, Any]) -> None:
    a, b = client(app_url[0]), client(app_url[0])
    a.predict("Tell me about the Stanford MS in Computer Science", api_name="/chat")
    b.predict("Tell me about the University of Toronto MScAC", api_name="/chat")
    a2, b2 = a.predict("How long is it?", api_name="/chat"), b.predict("How long is it?", api_name="/chat")
    assert "Stanford" in a2 and "Toronto" not in a2
    assert "Toronto" in b2 and "Stanford" not in b2


def test_a_stateless_caller_can_pass_the_history(app_url: tuple[str, Any]) -> None:
    history = [{"role": "user", "content": "Tell me about the Northwestern MSAI"},
               {"role": "assistant", "content": "(earlier answer)"}]  # fmt: skip
    out = client(app_url[0]).predict("How long is it?", history, api_name="/chat")
    assert "Northwestern" in out and markers(out)


def test_over_long_messages_are_refused(app_url: tuple[str, Any]) -> None:
    out = client(app_url[0]).predict("x" * 2001, api_name="/chat")
    assert out == "Your message is 2,001 characters long; the limit is 2,000. Please shorten it."


def test_markup_in_a_question_comes_back_escaped(app_url: tuple[str, Any]) -> None:
    c = client(app_url[0])
    out = c.predict(f"{XSS} how much does the Georgia Tech OMSCS cost?", api_name="/chat")
    assert "<img" not in out and markers(out)


def test_compare_endpoint(app_url: tuple[str, Any]) -> None:
    out = client(app_url[0]).predict(["OMSCS", "uiuc-mcs-online", "zzz nothing"], api_name="/compare")
    assert out["markdown"].startswith("| Field | gatech-omscs | uiuc-mcs-online |")
    assert "not published" in out["markdown"] and OUTDATED_MARK in out["markdown"]
    assert out["rows"][0][0] == "Field" and out["csv"].startswith("field,gatech-omscs,uiuc-mcs-online")
    assert out["unmatched"][0]["name"] == "zzz nothing"


def test_cost_endpoint_reports_results_missing_inputs_and_errors(app_url: tuple[str, Any]) -> None:
    c = client(app_url[0])
    out = c.predict(program_id="cmu-msml", salary_before=90000, savings=20000, role="data_scientist", api_name="/cost")
    assert out["result"]["total_economic_cost"] == pytest.approx(189333.33)
    assert dict(out["breakdown"])["Tuition"] == "$69,333.33" and "Break-even" in out["markdown"]
    missing = c.predict(program_id="gatech-omscs", api_name="/cost")
    assert "salary_before" in missing["result"]["missing"] and "To finish the estimate" in missing["markdown"]
    with pytest.raises(Exception, match="years: Input should be greater than 0"):
        c.predict(years=-1, tuition_total=1000, api_name="/cost")


def test_login_is_required_when_auth_is_set(advisor: Any, tmp_path: Path) -> None:
    settings = server_settings(advisor.settings, tmp_path, auth="ann:s3cret")
    with running(advisor, settings) as (url, _):
        assert httpx.get(url + "config").status_code == 401
        with pytest.raises(Exception):  # noqa: B017 - gradio_client raises a bare Exception/ValueError here
            client(url)
        out = client(url, auth=("ann", "s3cret")).predict(["OMSCS"], api_name="/compare")
        assert "gatech-omscs" in out["markdown"]


def test_markup_in_program_data_is_escaped(built_settings: Any, tmp_path_factory: pytest.TempPathFactory) -> None:
    from app.wiring import build_advisor

    settings = hostile_settings(built_settings, tmp_path_factory.getbasetemp() / "hostile")
    adv = build_advisor(settings, log=lambda m: None)
    assert adv.corpus.program(HOSTILE_ID).name == HOSTILE_NAME
    with running(adv, server_settings(settings, tmp_path_factory.mktemp("hostile-ui"))) as (url, _):
        c = client(url)
        out = c.predict([HOSTILE_ID], api_name="/compare")["markdown"]
        assert "<script" not in out and "&lt;script&gt;alert('xss-name')&lt;/script&gt;" in out
        answer = c.predict(CMU_QUESTION, api_name="/chat")
        assert "<script" not in answer and "&lt;script&gt;" in answer
        cost = c.predict(program_id=HOSTILE_ID, api_name="/cost")["markdown"]
        assert "<script" not in cost and "&lt;script&gt;" in cost


def test_a_failing_handler_shows_a_friendly_error_and_the_server_keeps_serving(scratch_settings: Any,
                                                                                tmp_path: Path) -> None:  # fmt: skip
    """A real fault: the index is rebuilt under a running server, dropping the collection it reads."""
    from app.index.build import build_index, make_client
    from app.wiring import build_advisor

    build_index(scratch_settings, progress=False, log=lambda m: None)
    adv = build_advisor(scratch_settings, log=lambda m: None)
    with running(adv, server_settings(scratch_settings, tmp_path)) as (url, _):
        c = client(url)
        assert markers(c.predict("How much does the Georgia Tech OMSCS cost?", api_name="/chat"))
        make_client(scratch_settings).delete_collection(adv.retriever.collection.name)
        out = c.predict("What about UIUC MCS?", api_name="/chat")
        assert out.startswith("⚠️ Sorry — something went wrong while answering.")
        assert "Traceback" not in out and "NotFound" not in out
        assert httpx.get(url).status_code == 200  # still serving pages...
        assert "gatech-omscs" in c.predict(["OMSCS"], api_name="/compare")["markdown"]  # ...and other endpoints
        assert client(url).predict("x" * 3000, api_name="/chat").startswith("Your message is 3,000")


def test_serve_command_prints_the_url_binds_loopback_and_stops_cleanly(built_settings: Any, tmp_path: Path) -> None:
    port = free_port()
    env = os.environ | {
        "ADVISOR_INDEX_DIR": str(built_settings.index_dir),
        "ADVISOR_FEEDBACK_DB": str(tmp_path / "f.db"),
    }
    proc = subprocess.Popen([sys.executable, "-m", "app", "serve", "--port", str(port)], env=env,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)  # fmt: skip
    ready = threading.Event()
    lines: list[str] = []

    def read() -> None:
        for line in proc.stdout or []:
            lines.append(line)
            if line.startswith("Advisor ready"):
                ready.set()

    reader = threading.Thread(target=read, daemon=True)
    reader.start()
    try:
        assert ready.wait(timeout=120), "".join(lines)
        assert httpx.get(f"http://127.0.0.1:{port}/", timeout=5).status_code == 200
        proc.send_signal(signal.SIGTERM)  # a service manager's stop
        err = proc.communicate(timeout=30)[1]
    finally:
        proc.kill()
    reader.join(timeout=5)
    assert proc.returncode == 0, err
    assert re.search(rf"^Advisor ready in [\d.]+ s at http://127\.0\.0\.1:{port}/$", "".join(lines), re.M)
    assert "Opening the index" in err and "stopped" in err
