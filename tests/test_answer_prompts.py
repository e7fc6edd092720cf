"""Prompt templates in prompts/, rendered strictly (app/answer/prompts.py)."""

from __future__ import annotations

from pathlib import Path

import pytest
from jinja2 import UndefinedError

from app.answer.prompts import render
from app.errors import AdvisorError


def test_a_template_renders_its_variables_stripped(tmp_path: Path) -> None:
    (tmp_path / "hello.txt").write_text("\nHello {{ who }}, {{ n }} programs.\n\n", encoding="utf-8")
    assert render(tmp_path, "hello", who="Ada", n=3) == "Hello Ada, 3 programs."


def test_a_missing_variable_fails_instead_of_rendering_blank(tmp_path: Path) -> None:
    (tmp_path / "strict.txt").write_text("Hello {{ who }}.", encoding="utf-8")
    with pytest.raises(UndefinedError, match="who"):
        render(tmp_path, "strict")


def test_a_missing_template_names_it(tmp_path: Path) -> None:
    with pytest.raises(AdvisorError, match="prompt 'nope' not found"):
        render(tmp_path, "nope")


def test_markup_is_not_escaped(tmp_path: Path) -> None:
    (tmp_path / "raw.txt").write_text("{{ text }}", encoding="utf-8")
    assert render(tmp_path, "raw", text="<b>&</b>") == "<b>&</b>"  # plain text or markdown; the UI escapes HTML
