"""One chat session (a browser tab or an API client): its Conversation and every turn with its AnswerResult."""

from __future__ import annotations

import logging
import shutil
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from app.answer.citations import AnswerResult
from app.errors import AdvisorError

if TYPE_CHECKING:
    from app.answer.pipeline import Conversation

from app.ui.presenters import FRIENDLY_ERROR, TITLE, answer_display, escape_md

log = logging.getLogger(__name__)


# --- per-session chat state ------------------------------------------------------------------------


@dataclass
class ChatTurn:
    question: str
    result: AnswerResult | None = None
    error: str | None = None
    partial: str = ""


@dataclass
class ChatSession:
    """One browser (or API client) session: its Conversation and every turn with its AnswerResult."""

    conv: Conversation
    turns: list[ChatTurn] = field(default_factory=list)
    shown: int | None = None  # the turn whose sources the panel shows
    export_dir: Path | None = None  # made on the first export, removed when Gradio drops the session

    def run(self, text: str) -> Iterator[ChatTurn]:
        """Answer one turn, yielding it as its text grows; any failure becomes a friendly message."""
        turn = ChatTurn(text)
        self.turns.append(turn)
        self.shown = len(self.turns) - 1
        yield turn  # the question shows at once, before retrieval
        try:
            for event in self.conv.stream(text):
                if isinstance(event, AnswerResult):
                    turn.result = event
                else:
                    turn.partial += event
                    yield turn
        except AdvisorError as e:
            turn.error = str(e)
        except Exception:  # the server must keep serving: log it, tell the user plainly
            log.exception("answering %r failed", text[:80])
            turn.error = FRIENDLY_ERROR
        if turn.result is None and turn.error is None:
            turn.error = FRIENDLY_ERROR
        yield turn

    def messages(self) -> list[dict[str, str]]:
        """Chatbot messages, rebuilt from the stored turns (two per turn: question, answer)."""
        out = []
        for t in self.turns:
            answer = (answer_display(t.result) if t.result else f"⚠️ {escape_md(t.error)}" if t.error
                      else escape_md(t.partial) + " ▌")  # fmt: skip
            out += [{"role": "user", "content": escape_md(t.question)}, {"role": "assistant", "content": answer}]
        return out

    def export(self) -> Path:
        """Write the conversation as Markdown (with sources) and return the file."""
        from app.ui.export import conversation_markdown

        self.export_dir = self.export_dir or Path(tempfile.mkdtemp(prefix="advisor-export-"))
        path = self.export_dir / "advisor-conversation.md"
        path.write_text(conversation_markdown([(t.question, t.result, t.error) for t in self.turns], TITLE), "utf-8")
        return path

    def close(self) -> None:
        if self.export_dir is not None:
            shutil.rmtree(self.export_dir, ignore_errors=True)


def history_questions(history: Any) -> list[str]:
    """User questions from a /chat history: [{'role', 'content'}, …] or [[user, assistant], …]."""
    out = []
    for m in history or []:
        content = m.get("content") if isinstance(m, dict) and m.get("role") == "user" else (
            m[0] if isinstance(m, list | tuple) and m else None)  # fmt: skip
        if isinstance(content, list):  # Gradio's normalized form: [{'type': 'text', 'text': …}]
            content = " ".join(str(p.get("text", "")) for p in content if isinstance(p, dict))
        if isinstance(content, str) and content.strip():
            out.append(content.strip())
    return out
