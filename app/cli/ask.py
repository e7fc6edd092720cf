"""`advisor search`, `ask` and `chat`: retrieval and cited answers on the command line."""

from __future__ import annotations

import sys
from typing import Any

import click

from app.cli.common import build_for, clean_query, emit, warn
from app.corpus.dates import describe_as_of
from app.corpus.links import source_link
from app.corpus.text import where
from app.errors import InvalidInput
from app.settings import Settings


def _hit_json(hit: Any) -> dict[str, Any]:
    c = hit.chunk
    return {
        "id": c.id, "kind": c.kind, "section": list(c.section), "program_id": c.program_id,
        "title": c.title, "text": c.text, "score": round(hit.score, 6),
    }  # fmt: skip


@click.command("search")
@click.argument("query", required=False)
@click.option("--k", type=click.IntRange(1, 50), default=None, help="How many hits (default ADVISOR_K).")
@click.option("--kind", type=click.Choice(["guide", "program", "figure"]), help="Only this kind of chunk.")
@click.option("--program", "program_id", help="Only this program id.")
@click.option("--json", "as_json", is_flag=True, help="JSON array of hits.")
@click.pass_context
def search_cmd(
    ctx: click.Context, query: str | None, k: int | None, kind: str | None, program_id: str | None, as_json: bool
) -> None:
    """Search the guide and program data. With no QUERY, read one query per line from stdin (JSON lines out)."""
    settings: Settings = ctx.obj
    queries = [clean_query(query, settings)] if query is not None else None
    adv = build_for(ctx)

    def run(q: str) -> list[Any]:
        return adv.retriever.search(q, k=k, kind=kind, program_id=program_id)

    if queries is None:
        for line in sys.stdin:
            if line.strip():
                emit([_hit_json(h) for h in run(clean_query(line, settings))])
                sys.stdout.flush()
        return
    hits = run(queries[0])
    if as_json:
        emit([_hit_json(h) for h in hits])
        return
    for n, h in enumerate(hits, 1):
        place = where(h.chunk.kind, h.chunk.section, h.chunk.title)
        click.echo(f"{n}. [{h.chunk.kind}] {place}  ({h.chunk.id}, score {h.score:.4f})")
        click.echo("   " + h.chunk.text[:300].replace("\n", "\n   ") + ("…" if len(h.chunk.text) > 300 else ""))


def _answer_json(result: Any) -> dict[str, Any]:
    return result.model_dump(mode="json")


def _print_answer(result: Any) -> None:
    if result.notice:
        click.echo(f"note: {result.notice}", err=True)
    click.echo(result.answer)
    if result.citations:
        click.echo("\nSources:")
        for c in result.citations:
            dated = f", {describe_as_of(c.as_of)}" if c.as_of else ""
            shown, stored = source_link(c.url, c.as_of)
            link = f" <{shown}>" + (f" (retrieved from <{stored}>)" if stored else "") if c.url and c.url != "guide" else ""
            click.echo(f"[{c.n}] {where(c.kind, c.section, c.title)}{link}{dated}: “{c.quote}”")


@click.command("ask")
@click.argument("question", required=False)
@click.option("--json", "as_json", is_flag=True, help="Print the AnswerResult as JSON.")
@click.pass_context
def ask_cmd(ctx: click.Context, question: str | None, as_json: bool) -> None:
    """Answer one question with citations. With no QUESTION, answer each stdin line independently (JSON lines)."""
    from app.answer.pipeline import Conversation

    settings: Settings = ctx.obj
    first = clean_query(question, settings) if question is not None else None
    adv = build_for(ctx)
    if first is None:
        for line in sys.stdin:
            if line.strip():
                emit(_answer_json(Conversation(adv).ask(clean_query(line, settings))))
                sys.stdout.flush()
        return
    result = Conversation(adv).ask(first)
    if as_json:
        emit(_answer_json(result))
    else:
        _print_answer(result)


@click.command("chat")
@click.option("--json", "as_json", is_flag=True, help="One JSON line per turn.")
@click.pass_context
def chat_cmd(ctx: click.Context, as_json: bool) -> None:
    """A multi-turn conversation: each stdin line is a turn; follow-ups resolve against earlier turns."""
    from app.answer.pipeline import Conversation

    settings: Settings = ctx.obj
    conv = Conversation(build_for(ctx))
    interactive = sys.stdin.isatty() and not as_json
    if interactive:
        click.echo("Ask about ML master's programs, costs and outcomes. Ctrl-D to quit.")
    while True:
        if interactive:
            click.echo("> ", nl=False)
        line = sys.stdin.readline()
        if not line:
            break
        if not line.strip():
            continue
        try:
            text = clean_query(line, settings)
        except InvalidInput as e:
            warn(str(e))
            continue
        result = conv.ask(text)
        if as_json:
            emit(_answer_json(result))
            sys.stdout.flush()
        else:
            _print_answer(result)
            click.echo()
