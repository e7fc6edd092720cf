"""`advisor`: the command line for every feature. Domain errors become one line and a non-zero exit."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

import click

from app.errors import AdvisorError, InvalidInput
from app.settings import Settings, get_settings

EXIT_ERROR, EXIT_USAGE = 1, 2


def _emit(obj: Any) -> None:
    click.echo(json.dumps(obj, ensure_ascii=False))


def _warn(msg: str) -> None:
    click.echo(f"warning: {msg}", err=True)


def clean_query(text: str, settings: Settings) -> str:
    """Reject an empty query; truncate an over-long one with a warning."""
    text = text.strip()
    if not text:
        raise InvalidInput("the query is empty")
    if len(text) > settings.max_query_chars:
        _warn(f"query truncated from {len(text)} to {settings.max_query_chars} characters")
        text = text[: settings.max_query_chars]
    return text


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.option("--index-dir", type=click.Path(path_type=Path), help="Overrides ADVISOR_INDEX_DIR.")
@click.option("--corpus-dir", type=click.Path(path_type=Path), help="Overrides ADVISOR_CORPUS_DIR.")
@click.option("--chroma-url", help="Overrides ADVISOR_CHROMA_URL (http://host:port of `chroma run`).")
@click.option("--llm", help="Overrides ADVISOR_LLM, e.g. ollama:llama3.1 or openai:gpt-4o-mini.")
@click.pass_context
def cli(
    ctx: click.Context, index_dir: Path | None, corpus_dir: Path | None, chroma_url: str | None, llm: str | None
) -> None:
    """Is a master's in machine learning worth it for you? Cited, offline answers."""
    ctx.obj = get_settings(index_dir=index_dir, corpus_dir=corpus_dir, chroma_url=chroma_url, llm=llm)


def _advisor(ctx: click.Context) -> Any:
    from app.advisor import build_advisor

    return build_advisor(ctx.obj, log=lambda m: click.echo(m, err=True))


@cli.command("config")
@click.pass_obj
def config_cmd(settings: Settings) -> None:
    """Print every setting, its value and what it does."""
    for name, f in Settings.model_fields.items():
        value = getattr(settings, name)
        shown = "***" if name == "auth" and value else value  # never print a password
        click.echo(f"ADVISOR_{name.upper()}={shown}    # {f.description}")


@cli.command("index")
@click.option("--rebuild", is_flag=True, help="Re-embed everything.")
@click.option("--json", "as_json", is_flag=True, help="Print the counts as JSON.")
@click.pass_obj
def index_cmd(settings: Settings, rebuild: bool, as_json: bool) -> None:
    """Build or update the index from corpus/ (only new or changed chunks are embedded)."""
    from app.index import build_index

    stats = build_index(settings, rebuild=rebuild, progress=not as_json or sys.stderr.isatty())
    if as_json:
        _emit(stats.as_dict())
    else:
        click.echo(", ".join(f"{k}: {v}" for k, v in stats.as_dict().items()))


def _hit_json(hit: Any) -> dict[str, Any]:
    c = hit.chunk
    return {
        "id": c.id, "kind": c.kind, "section": list(c.section), "program_id": c.program_id,
        "title": c.title, "text": c.text, "score": round(hit.score, 6),
    }  # fmt: skip


@cli.command("search")
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
    adv = _advisor(ctx)

    def run(q: str) -> list[Any]:
        return adv.retriever.search(q, k=k, kind=kind, program_id=program_id)

    if queries is None:
        for line in sys.stdin:
            if line.strip():
                _emit([_hit_json(h) for h in run(clean_query(line, settings))])
                sys.stdout.flush()
        return
    hits = run(queries[0])
    if as_json:
        _emit([_hit_json(h) for h in hits])
        return
    for n, h in enumerate(hits, 1):
        where = " > ".join(h.chunk.section[1:]) if h.chunk.kind == "guide" else h.chunk.title
        click.echo(f"{n}. [{h.chunk.kind}] {where}  ({h.chunk.id}, score {h.score:.4f})")
        click.echo("   " + h.chunk.text[:300].replace("\n", "\n   ") + ("…" if len(h.chunk.text) > 300 else ""))


@cli.group("eval")
def eval_group() -> None:
    """Measure retrieval and answer quality on labelled questions."""


@eval_group.command("retrieval")
@click.option("--questions", type=click.Path(exists=True, path_type=Path), required=True)
@click.option("--k", type=click.IntRange(1, 50), default=5)
@click.option("--json", "as_json", is_flag=True)
@click.pass_context
def eval_retrieval_cmd(ctx: click.Context, questions: Path, k: int, as_json: bool) -> None:
    """recall@k, MRR and recall within 1,000 characters: hybrid vs plain dense."""
    from app.evaluation import evaluate_retrieval, load_questions

    report = evaluate_retrieval(_advisor(ctx).retriever, load_questions(questions), k)
    if as_json:
        _emit(report)
        return
    click.echo(f"{report['questions']} answerable questions, k={k}")
    for mode in ("hybrid", "dense"):
        r = report[mode]
        label = "hybrid (BM25+dense+names, RRF)" if mode == "hybrid" else "baseline (dense only)"
        click.echo(
            f"{label:32} recall@{k} {r[f'recall@{k}']:.3f}  MRR {r['mrr']:.3f}  "
            f"recall within 1000 chars {r['recall_within_1000_chars']:.3f}  misses {r['misses']}"
        )


@eval_group.command("answers")
@click.option("--questions", type=click.Path(exists=True, path_type=Path), required=True)
@click.option("--json", "as_json", is_flag=True)
@click.pass_context
def eval_answers_cmd(ctx: click.Context, questions: Path, as_json: bool) -> None:
    """Answer quality: share of answerable questions citing an expected source, abstention, broken citations."""
    from app.evaluation import evaluate_answers, load_questions

    report = evaluate_answers(_advisor(ctx), load_questions(questions))
    if as_json:
        _emit(report)
        return
    click.echo(f"{report['questions']} questions")
    click.echo(f"answerable questions citing an expected section or program: {report['answerable_citing_expected']:.3f}"
               f"  (misses: {report['misses']}; wrongly abstained: {report['answerable_abstained']})")  # fmt: skip
    click.echo(f"off-topic questions abstained: {report['off_topic_abstained']:.3f}")
    click.echo(f"broken citations: {report['broken_citations']}")
    for qid, problems in report["problems"].items():
        click.echo(f"  {qid}: {'; '.join(problems)}")


def _answer_json(result: Any) -> dict[str, Any]:
    return result.model_dump(mode="json")


def _print_answer(result: Any) -> None:
    if result.notice:
        click.echo(f"note: {result.notice}", err=True)
    click.echo(result.answer)
    if result.citations:
        click.echo("\nSources:")
        for c in result.citations:
            where = " > ".join(c.section[1:]) if c.kind == "guide" else c.title
            dated = "" if not c.as_of else f", {c.as_of}" if c.as_of.startswith("undated") else f", as of {c.as_of}"
            link = f" <{c.url}>" if c.url and c.url != "guide" else ""
            click.echo(f"[{c.n}] {where}{link}{dated}: “{c.quote}”")


@cli.command("ask")
@click.argument("question", required=False)
@click.option("--json", "as_json", is_flag=True, help="Print the AnswerResult as JSON.")
@click.pass_context
def ask_cmd(ctx: click.Context, question: str | None, as_json: bool) -> None:
    """Answer one question with citations. With no QUESTION, answer each stdin line independently (JSON lines)."""
    from app.answer import Conversation

    settings: Settings = ctx.obj
    first = clean_query(question, settings) if question is not None else None
    adv = _advisor(ctx)
    if first is None:
        for line in sys.stdin:
            if line.strip():
                _emit(_answer_json(Conversation(adv).ask(clean_query(line, settings))))
                sys.stdout.flush()
        return
    result = Conversation(adv).ask(first)
    if as_json:
        _emit(_answer_json(result))
    else:
        _print_answer(result)


@cli.command("chat")
@click.option("--json", "as_json", is_flag=True, help="One JSON line per turn.")
@click.pass_context
def chat_cmd(ctx: click.Context, as_json: bool) -> None:
    """A multi-turn conversation: each stdin line is a turn; follow-ups resolve against earlier turns."""
    from app.answer import Conversation

    settings: Settings = ctx.obj
    conv = Conversation(_advisor(ctx))
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
            _warn(str(e))
            continue
        result = conv.ask(text)
        if as_json:
            _emit(_answer_json(result))
            sys.stdout.flush()
        else:
            _print_answer(result)
            click.echo()


def _register() -> None:
    from app.commands.compare import compare_cmd
    from app.commands.cost import cost_cmd
    from app.commands.serve import serve_cmd

    cli.add_command(cost_cmd)
    cli.add_command(compare_cmd)
    cli.add_command(serve_cmd)
    cli.add_command(__import__("app.commands.find", fromlist=["find_cmd"]).find_cmd)


_register()


def main(argv: list[str] | None = None) -> None:
    """Entry point: turns domain errors into one line; tracebacks only with ADVISOR_DEBUG=1."""
    try:
        cli.main(args=argv, prog_name="advisor", standalone_mode=False)
    except click.exceptions.Abort:
        click.echo("aborted", err=True)
        sys.exit(EXIT_ERROR)
    except click.ClickException as e:
        e.show()
        sys.exit(e.exit_code)
    except InvalidInput as e:
        click.echo(f"error: {e}", err=True)
        sys.exit(EXIT_USAGE)
    except AdvisorError as e:
        click.echo(f"error: {e}", err=True)
        sys.exit(EXIT_ERROR)
    except Exception as e:
        if get_settings().debug:
            raise
        click.echo(f"error: {type(e).__name__}: {e} (set ADVISOR_DEBUG=1 for the traceback)", err=True)
        sys.exit(EXIT_ERROR)
