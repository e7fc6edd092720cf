"""What the web page shows, as pure functions: answers, sources, comparisons and cost results.

Every string from a user, an answer or the corpus is escaped before it reaches the page (HTML is rendered by the
autoescaping Jinja2 templates in templates/), so markup in a question or a program record shows as text, never runs.
"""

from __future__ import annotations

import html
import logging
import math
from collections.abc import Mapping
from datetime import date
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple
from urllib.parse import urlparse

from app.answer.citations import AnswerResult, Citation
from app.corpus.dates import describe_as_of, is_undated
from app.corpus.links import source_link
from app.corpus.text import parse_amount
from app.errors import InvalidInput
from app.tools.compare import OUTDATED_MARK, Comparison
from app.tools.finder import COLUMNS, FinderResult, row_cells

if TYPE_CHECKING:
    import jinja2

    from app.corpus.records import Program

log = logging.getLogger(__name__)

TEMPLATES = Path(__file__).with_name("templates")
TITLE = "ML Master's Advisor"
FRIENDLY_ERROR = "Sorry — something went wrong while answering. It has been logged; please try again or rephrase."
EXAMPLES = (
    "Is a master's in machine learning worth it?",
    "How much does the Georgia Tech OMSCS cost?",
    "Compare Georgia Tech OMSCS and UIUC MCS",
    "I earn $90,000 and have $20,000 saved. What would the CMU MSML cost me?",
)
CUSTOM = "custom"  # the Cost tab's "no program" choice (Gradio reserves None)
# (CostInputs field, form label) for the Cost tab's number boxes, in form order.
NUMBER_FIELDS = (
    ("tuition_per_year", "Tuition per year"), ("tuition_per_credit", "Tuition per credit"), ("credits", "Credits"),
    ("tuition_total", "Tuition, whole degree"), ("fees_per_year", "Fees per year"), ("years", "Years of study"),
    ("living_per_month", "Living costs per month"), ("relocation", "Relocation (one-time)"),
    ("salary_before", "Current salary per year"), ("salary_after", "Expected salary after"), ("loan", "Loan amount"),
    ("savings", "Savings"), ("apr_percent", "Loan APR %"), ("term_years", "Repayment term (years; empty: by amount borrowed)"),
)  # fmt: skip
COMPONENT_COLORS = {"Tuition": "#2563eb", "Fees": "#60a5fa", "Living": "#10b981", "Relocation": "#a3e635",
                    "Forgone income": "#f59e0b", "Loan interest": "#ef4444"}  # fmt: skip


def escape_md(text: str) -> str:
    """Text for a Markdown/HTML view: <, > and & escaped, so markup shows literally; Markdown still works."""
    return html.escape(text, quote=False)


def safe_url(url: str | None) -> str | None:
    """The URL if it is http(s), else None: a javascript: or data: link from the data is never made clickable."""
    return url if url and urlparse(url).scheme in ("http", "https") else None


def citation_where(c: Citation) -> str:
    """Where a citation comes from: the guide's heading path, or the program's 'name — school'."""
    if c.kind == "guide":
        return " › ".join(["Guide", *c.section[1:]]) if len(c.section) > 1 else f"Guide › {c.title}"
    return c.title


def _dated(as_of: str | None) -> str:
    return "undated" if is_undated(as_of) else describe_as_of(as_of)


def sources_markdown(citations: list[Citation]) -> str:
    """The 'Sources' list under an answer: '[n] where, as of …, url: “quote”'."""
    lines = ["**Sources**", ""]
    for c in citations:
        url = "guide.md" if c.url == "guide" else c.url
        link = f", {escape_md(url)}" if url else ""
        lines.append(
            f"- [{c.n}] {escape_md(citation_where(c))} ({escape_md(_dated(c.as_of))}{link}): “{escape_md(c.quote)}”"
        )
    return "\n".join(lines)


def answer_display(result: AnswerResult) -> str:
    """An answer as the chat shows it: escaped Markdown with its [n] markers (sources go in the side panel)."""
    text = escape_md(result.answer)
    return f"{text}\n\n_{escape_md(result.notice)}_" if result.notice else text


def answer_markdown(result: AnswerResult) -> str:
    """An answer with its [n] markers and a Sources list: the /chat API's reply and the export's body."""
    text = answer_display(result)
    return f"{text}\n\n{sources_markdown(result.citations)}" if result.citations else text


class Marked(NamedTuple):
    """A quote and the passage text around it, for the `highlight` macro."""

    before: str
    quote: str
    after: str


def marked(passage: str | None, quote: str, context: int = 220) -> Marked:
    """The quote with up to `context` characters of its passage on each side ('…' where the passage goes on)."""
    if not passage or quote not in passage:
        return Marked("", quote, "")
    i = passage.index(quote)
    start, end = max(0, i - context), min(len(passage), i + len(quote) + context)
    before = ("…" if start else "") + passage[start:i]
    return Marked(before, quote, passage[i + len(quote) : end] + ("…" if end < len(passage) else ""))


def highlight(passage: str | None, quote: str, context: int = 220) -> str:
    """HTML of the quote in <mark>, with up to `context` characters of its passage on each side."""
    return str(_macro("highlight")(marked(passage, quote, context)))


class LinkParts(NamedTuple):
    """What a link shows: `text`, and `href` only when the URL is safe to make clickable; `retrieved_from`: the
    stored (proxy) url of a proxied copy, whose `href` is then the original page."""

    text: str
    href: str | None = None
    retrieved_from: str | None = None


def link_parts(url: str | None, as_of: str | None = None) -> LinkParts:
    """'guide' → guide.md; an http(s) URL → a link showing its (shortened) host and path; anything else → text.
    With `as_of` naming a proxied copy, the link is the original page and `retrieved_from` the stored url."""
    if url == "guide":
        return LinkParts("guide.md")
    shown, stored = source_link(url, as_of)
    if (safe := safe_url(shown)) is None:
        return LinkParts(shown or "no link")
    short = (urlparse(safe).netloc + urlparse(safe).path).rstrip("/")
    return LinkParts(short if len(short) <= 60 else short[:59] + "…", safe, safe_url(stored))


def link_html(url: str | None, as_of: str | None = None) -> str:
    """HTML of a source link (see `link_parts`)."""
    return str(_macro("link")(url, as_of))


def sources_html(
    result: AnswerResult | None, passages: Mapping[str, str] | None = None, turn: int | None = None
) -> str:
    """The Sources panel of answer number `turn`: per citation its number, heading path or program, highlighted
    quote, link and as-of date."""
    empty = "Sources of an answer appear here." if result is None else "This answer cites no sources."
    # Only guide quotes are highlighted in their passage: program chunks are records, not prose.
    items = [(c, marked((passages or {}).get(c.id) if c.kind == "guide" else None, c.quote))
             for c in (result.citations if result else [])]  # fmt: skip
    return render_template("sources.html", turn=turn, empty=empty, items=items)


def cell_text(c: Any) -> str:
    """One comparison cell as plain text: value, its source and date, and the outdated mark."""
    text = c.display + (f" [source: {c.source_url}, {_dated(c.as_of)}]" if c.source_url else "")
    return text + (f" {OUTDATED_MARK}" if c.outdated else "")


def compare_rows(comp: Comparison) -> list[list[str]]:
    """The comparison as plain rows: a header (Field + program titles), then one row per field."""
    return [["Field", *(p.title for p in comp.programs)]] + [
        [label, *map(cell_text, cells)] for label, cells in comp.rows()
    ]


def compare_html(comp: Comparison) -> str:
    """The side-by-side table: sourced cells, 'not published' where missing, '⚠ possibly outdated' marks."""
    return render_template("compare.html", unmatched=comp.unmatched, programs=comp.programs, rows=comp.rows(),
                   outdated_mark=OUTDATED_MARK)  # fmt: skip


# --- Find tab ------------------------------------------------------------------------------------------------

ANY = "any"  # a Find filter's "not set" choice (Gradio reserves None)
MAX_FIND_ROWS = 100  # rows shown per list; the API returns them all
FILTER_LABELS = {"modality": "Modality", "pace": "Pace", "country": "Country", "max_tuition": "Max tuition",
                 "max_years": "Max years", "no_gre": "No GRE", "field": "Field", "background": "Background"}  # fmt: skip


def find_choices(result: FinderResult) -> list[tuple[str, str]]:
    """(label, id) of every program listed, matches first: what the Find tab can send to Compare or Cost."""
    return [(f"{r.school} — {r.name}", r.program_id) for r in (*result.matches, *result.unknown)]


def find_html(result: FinderResult | None, problem: str | None = None, today: date | None = None) -> str:
    """The Find tab's results: matches as a table whose cells link to their sources (amounts in each program's own
    currency), then 'Not enough data to be sure' with each unknown filter's reason; or the problem with the form."""
    if problem or result is None:
        return render_template("find.html", problem=problem, result=None)
    matches = [{"id": r.program_id, "cells": row_cells(r, today)} for r in result.matches[:MAX_FIND_ROWS]]
    unknown = [{"id": r.program_id, "title": f"{r.school} — {r.name}",
                "reasons": [(FILTER_LABELS.get(f, f), r.reasons[f]) for f in r.unknown_filters()]}
               for r in result.unknown[:MAX_FIND_ROWS]]  # fmt: skip
    q = result.query
    note = (f"The tuition ceiling is in {q.currency}; programs priced in another currency are never converted, "
            "so they count as not enough data.") if q.max_tuition is not None else ""  # fmt: skip
    return render_template("find.html", problem=None, result=result, columns=[c[0] for c in COLUMNS], matches=matches,
                   unknown=unknown, hidden=max(0, len(result.matches) - MAX_FIND_ROWS),
                   unknown_hidden=max(0, len(result.unknown) - MAX_FIND_ROWS), currency_note=note)  # fmt: skip


# --- decisions ("is it worth it for me?") in the Chat tab -----------------------------------------------------------



def parse_number(text: str | float | None, label: str) -> float | None:
    """A form amount: '90,000', '$90000', '90k', '1.5' → float; empty → None; anything else → InvalidInput.

    (Text boxes, not gr.Number: Gradio's Number shows and sends 0 when empty, which would read as 'salary 0'.)
    """
    t = str(text if text is not None else "").strip()
    if not t:
        return None
    if t[0] in "-−":  # a minus is a number the form refuses, not "not a number" (it was: "'-5000' is not a number")
        raise InvalidInput(f"{label}: must be 0 or more, not '{text}'")
    try:
        value = parse_amount(t)
    except ValueError:
        raise InvalidInput(f"{label}: '{text}' is not a number") from None
    if not math.isfinite(value) or value < 0:
        raise InvalidInput(f"{label}: must be a number, 0 or more")
    return value


def fmt_number(value: float | None) -> str:
    """A number for a form box: '90,000', '1.3333', '7.94'; None → ''."""
    return "" if value is None else f"{value:,.4f}".rstrip("0").rstrip(".")


def check_message(text: str, max_chars: int) -> str | None:
    """Why a chat message is refused, or None."""
    if not text.strip():
        return "Please type a question."
    if len(text) > max_chars:
        return f"Your message is {len(text):,} characters long; the limit is {max_chars:,}. Please shorten it."
    return None


def program_choices(programs: list[Program]) -> list[tuple[str, str]]:
    """(label, id) per program, label 'School — Program', sorted by label."""
    return sorted((f"{p.school} — {p.name}", p.id) for p in programs)


def parse_auth(auth: str | None) -> tuple[str, str] | None:
    """ADVISOR_AUTH 'user:password' → (user, password)."""
    if not auth:
        return None
    user, sep, password = auth.partition(":")
    if not (sep and user and password):
        raise InvalidInput("ADVISOR_AUTH must look like user:password")
    return user, password


# --- HTML: Jinja2 templates in templates/, autoescaped, so every value from a user or the corpus is escaped -------


@cache
def _env() -> jinja2.Environment:
    import jinja2

    env = jinja2.Environment(loader=jinja2.FileSystemLoader(TEMPLATES), autoescape=True,
                             undefined=jinja2.StrictUndefined, trim_blocks=True, lstrip_blocks=True)  # fmt: skip
    env.globals["link_parts"] = link_parts
    env.filters |= {"dated": _dated, "where": citation_where, "figure": _figure}
    return env


def render_template(template: str, **values: Any) -> str:
    return _env().get_template(template).render(**values)


def _macro(name: str) -> Any:
    """A macro of macros.html as a callable returning (escaped) markup."""
    return getattr(_env().get_template("macros.html").module, name)


def _figure(value: Any) -> str:
    return fmt_number(value) if isinstance(value, float) else str(value)
