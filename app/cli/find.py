"""`advisor find`: programs that fit filters, with 'not enough data' as its own answer (markdown, or --json)."""

from __future__ import annotations

import json

import click
from pydantic import ValidationError

from app.corpus.dates import resolve_today
from app.corpus.load import corpus_for
from app.settings import Settings
from app.tools.finder import FIELD_LABELS, FinderQuery, find_programs


def _one_line(e: ValidationError) -> str:
    return "; ".join(f"{'.'.join(str(x) for x in err['loc']) or 'query'}: {err['msg']}" for err in e.errors())


@click.command("find")
@click.option("--modality", type=click.Choice(["online", "in-person", "hybrid"], case_sensitive=False))
@click.option("--pace", type=click.Choice(["part-time", "full-time"], case_sensitive=False))
@click.option("--country", help="Country code as in the records, e.g. US, GB (UK accepted), CA.")
@click.option("--max-tuition", type=click.FloatRange(min=0), help="Ceiling on estimated total tuition.")
@click.option("--currency", default="USD", show_default=True, help="Currency of --max-tuition; never converted.")
@click.option("--max-years", type=click.FloatRange(min=0, min_open=True), help="Ceiling on duration in years.")
@click.option("--no-gre", is_flag=True, help="Only programs whose GRE policy says it is not required.")
@click.option("--field", "field_", type=click.Choice(list(FIELD_LABELS), case_sensitive=False))
@click.option("--background", help="Your background, e.g. 'no CS degree' (matched against prerequisites).")
@click.option("--sort", type=click.Choice(["cost", "duration", "fit"]), default="fit", show_default=True)
@click.option("--json", "as_json", is_flag=True, help="Print {query, matches, unknown} as JSON.")
@click.pass_obj
def find_cmd(settings: Settings, modality: str | None, pace: str | None, country: str | None,
             max_tuition: float | None, currency: str, max_years: float | None, no_gre: bool, field_: str | None,
             background: str | None, sort: str, as_json: bool) -> None:  # fmt: skip
    """Find programs by modality, pace, country, tuition, duration, GRE, field and background.

    A program whose record does not say (e.g. no published tuition) is listed under 'not enough data',
    never dropped; amounts stay in each program's own currency.
    """
    try:
        query = FinderQuery(
            modality=modality, pace=pace, country=country, max_tuition=max_tuition, currency=currency,
            max_years=max_years, no_gre=no_gre, field=field_, background=background, sort=sort,
        )  # fmt: skip
    except ValidationError as e:
        # UsageError: exit code 2 and one plain line, no traceback.
        raise click.UsageError(_one_line(e)) from e
    result = find_programs(query, corpus_for(settings).programs)
    if as_json:
        click.echo(json.dumps(result.to_json(), ensure_ascii=False))
        return
    click.echo(result.to_markdown(resolve_today(settings.today)))
