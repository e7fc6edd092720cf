"""What every command shares: output helpers, query checks, building the advisor, exit codes."""

from __future__ import annotations

import json
from typing import Any

import click

from app.errors import InvalidInput
from app.settings import Settings

EXIT_ERROR, EXIT_USAGE = 1, 2


def emit(obj: Any) -> None:
    click.echo(json.dumps(obj, ensure_ascii=False))


def warn(msg: str) -> None:
    click.echo(f"warning: {msg}", err=True)


def clean_query(text: str, settings: Settings) -> str:
    """Reject an empty query; truncate an over-long one with a warning."""
    text = text.strip()
    if not text:
        raise InvalidInput("the query is empty")
    if len(text) > settings.max_query_chars:
        warn(f"query truncated from {len(text)} to {settings.max_query_chars} characters")
        text = text[: settings.max_query_chars]
    return text


def build_for(ctx: click.Context) -> Any:
    """The advisor for these settings; index progress goes to stderr."""
    from app.wiring import build_advisor

    return build_advisor(ctx.obj, log=lambda m: click.echo(m, err=True))
