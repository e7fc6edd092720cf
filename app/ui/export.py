"""Markdown export of a conversation, with each answer's sources."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, datetime

from app.answer.citations import AnswerResult


def conversation_markdown(turns: Sequence[tuple[str, AnswerResult | None, str | None]], title: str) -> str:
    """The conversation as Markdown: each question, its answer with [n] markers, and that answer's sources.

    `turns` are (question, result or None, error message or None). Text is HTML-escaped like in the UI, so
    opening the file in a Markdown viewer never runs markup that came from a question or the data.
    """
    from app.ui.presenters import answer_markdown, escape_md

    stamp = datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC")
    lines = [f"# {title}", "", f"_Exported {stamp}._"]
    for question, result, error in turns:
        lines += ["", "## You", "", escape_md(question), "", "## Advisor", ""]
        lines.append(answer_markdown(result) if result is not None else f"_{escape_md(error or 'No answer.')}_")
    return "\n".join(lines) + "\n"
