"""`advisor compare A B [C...]`: a side-by-side, sourced table of programs (markdown, or JSON with --json)."""

from __future__ import annotations

import json

import click

from app.cli.common import domain_errors
from app.corpus.dates import resolve_today
from app.corpus.load import corpus_for
from app.errors import UnknownProgram
from app.retrieval.names import matcher_for
from app.settings import Settings
from app.tools.compare import compare_programs, unmatched_message


@click.command("compare")
@click.argument("names", nargs=-1, required=True)
@click.option("--json", "as_json", is_flag=True, help="Print the comparison as JSON.")
@click.pass_obj
@domain_errors
def compare_cmd(settings: Settings, names: tuple[str, ...], as_json: bool) -> None:
    """Compare programs side by side; NAMES are names, aliases or ids (quote names with spaces).

    Every cell names its source and as-of date; figures more than two academic years old are flagged.
    """
    corpus = corpus_for(settings)
    result = compare_programs(list(names), corpus, matcher_for(corpus), resolve_today(settings.today))
    problems = [unmatched_message(u) for u in result.unmatched]
    if not result.programs:
        raise UnknownProgram("; ".join(problems) or "no program names given")
    for line in problems:
        click.echo(line, err=True)
    if as_json:
        click.echo(json.dumps(result.to_json(), ensure_ascii=False))
        return
    if len(result.programs) == 1 and len(names) > 1:
        click.echo("note: only one program matched, so it is shown alone", err=True)
    click.echo(result.to_markdown())
