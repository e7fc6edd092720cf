"""Prompts are text files in prompts/, loaded by name and rendered strictly: a missing variable is an error."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import Any

from jinja2 import Environment, StrictUndefined, Template

from app.errors import AdvisorError


@lru_cache(maxsize=64)
def _template(prompts_dir: Path, name: str) -> Template:
    path = prompts_dir / f"{name}.txt"
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as e:
        raise AdvisorError(f"prompt '{name}' not found at {path}") from e
    # autoescape off: the output is plain text or markdown, and the UI escapes HTML itself.
    return Environment(undefined=StrictUndefined, keep_trailing_newline=False, autoescape=False).from_string(text)


def render(prompts_dir: Path, name: str, **values: Any) -> str:
    """Render prompts/<name>.txt with `values`; raises if the template uses a name that was not given."""
    return _template(Path(prompts_dir), name).render(**values).strip()
