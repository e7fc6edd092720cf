"""`advisor`: the command group and its error edge. Commands load lazily, so `--help` imports no LangChain."""

from __future__ import annotations

import importlib
import sys
from pathlib import Path

import click
from pydantic import ValidationError

from app.cli.common import EXIT_ERROR, EXIT_USAGE, exit_code
from app.errors import AdvisorError
from app.settings import get_settings

# name -> "module:attribute"; a command's module is imported only when that command runs (or its help is shown).
COMMANDS = {
    "config": "app.cli.index:config_cmd",
    "index": "app.cli.index:index_cmd",
    "eval": "app.cli.index:eval_group",
    "search": "app.cli.ask:search_cmd",
    "ask": "app.cli.ask:ask_cmd",
    "chat": "app.cli.ask:chat_cmd",
    "compare": "app.cli.compare:compare_cmd",
    "find": "app.cli.find:find_cmd",
    "cost": "app.cli.cost:cost_cmd",
    "decide": "app.cli.decide:decide_cmd",
    "serve": "app.cli.serve:serve_cmd",
}


class LazyGroup(click.Group):
    """A group whose subcommands are imported on first use."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted(COMMANDS)

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        if cmd_name not in COMMANDS:
            return None
        module, attr = COMMANDS[cmd_name].split(":")
        return getattr(importlib.import_module(module), attr)


@click.group(cls=LazyGroup, context_settings={"help_option_names": ["-h", "--help"]})
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
    except ValidationError as e:  # only Settings reach here unconverted: a bad ADVISOR_* value
        bad = "; ".join(f"ADVISOR_{'.'.join(map(str, x['loc'])).upper()}: {x['msg']}" for x in e.errors())
        click.echo(f"error: invalid setting: {bad}", err=True)
        sys.exit(EXIT_USAGE)
    except AdvisorError as e:
        click.echo(f"error: {e}", err=True)
        sys.exit(exit_code(e))
    except Exception as e:
        if _debug():
            raise
        click.echo(f"error: {type(e).__name__}: {e} (set ADVISOR_DEBUG=1 for the traceback)", err=True)
        sys.exit(EXIT_ERROR)


def _debug() -> bool:
    """ADVISOR_DEBUG, read without failing: the catch-all must never raise while reporting another error."""
    try:
        return get_settings().debug
    except Exception:
        return False
