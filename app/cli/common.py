"""What every command shares: output helpers, query checks, building the advisor, exit codes."""

from __future__ import annotations

import functools
import json
import sys
from collections.abc import Callable
from typing import Any

import click

from app.errors import AdvisorError, InvalidInput
from app.settings import Settings

EXIT_ERROR, EXIT_USAGE = 1, 2


def exit_code(e: AdvisorError) -> int:
    """The one mapping of domain errors to exit codes: bad user input is a usage error (2), the rest 1."""
    return EXIT_USAGE if isinstance(e, InvalidInput) else EXIT_ERROR


def domain_errors(command: Callable[..., Any]) -> Callable[..., Any]:
    """Report a domain error as one line and exit with its code, also when the command runs on its own."""

    @functools.wraps(command)
    def run(*args: Any, **kwargs: Any) -> Any:
        try:
            return command(*args, **kwargs)
        except AdvisorError as e:
            click.echo(f"error: {e}", err=True)
            sys.exit(exit_code(e))

    return run


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
