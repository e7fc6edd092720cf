"""Like/dislike storage (SQLite, safe under concurrent writers) and Markdown export of a conversation."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

SCHEMA = """
CREATE TABLE IF NOT EXISTS feedback (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    ts TEXT NOT NULL,
    rating TEXT NOT NULL,
    question TEXT NOT NULL,
    answer TEXT NOT NULL,
    citations TEXT NOT NULL
)
"""
# Writers wait this long for a lock instead of failing: many sessions (or server processes) may like at once.
BUSY_TIMEOUT_S = 30.0


@dataclass(frozen=True)
class FeedbackRow:
    id: int
    ts: str
    rating: str
    question: str
    answer: str
    citations: list[dict[str, Any]]


class FeedbackStore:
    """Appends feedback rows to one SQLite file; one short connection per call, so it is thread- and process-safe."""

    def __init__(self, path: Path) -> None:
        self.path = Path(path)
        self.path.parent.mkdir(parents=True, exist_ok=True)
        with self._connect() as conn:
            # WAL lets readers run beside the writer; it is a property of the file, so set once.
            conn.execute("PRAGMA journal_mode=WAL")
            conn.execute(SCHEMA)

    def _connect(self) -> sqlite3.Connection:
        return sqlite3.connect(self.path, timeout=BUSY_TIMEOUT_S, isolation_level=None)

    def record(self, rating: str, question: str, answer: str, citations: Iterable[Any] = ()) -> int:
        """Append one row; `citations` are Citation models or dicts. Returns the new row id."""
        cites = [c.model_dump(mode="json") if hasattr(c, "model_dump") else dict(c) for c in citations]
        row = (datetime.now(UTC).isoformat(timespec="seconds"), rating, question, answer,
               json.dumps(cites, ensure_ascii=False))  # fmt: skip
        conn = self._connect()
        try:
            # BEGIN IMMEDIATE takes the write lock up front, so concurrent writers queue on busy_timeout.
            conn.execute("BEGIN IMMEDIATE")
            cur = conn.execute(
                "INSERT INTO feedback (ts, rating, question, answer, citations) VALUES (?, ?, ?, ?, ?)", row
            )
            conn.execute("COMMIT")
            return int(cur.lastrowid or 0)
        except BaseException:
            if conn.in_transaction:
                conn.execute("ROLLBACK")
            raise
        finally:
            conn.close()

    def rows(self) -> list[FeedbackRow]:
        """Every row, oldest first."""
        conn = self._connect()
        try:
            got = conn.execute(
                "SELECT id, ts, rating, question, answer, citations FROM feedback ORDER BY id"
            ).fetchall()
        finally:
            conn.close()
        return [FeedbackRow(i, ts, r, q, a, json.loads(c)) for i, ts, r, q, a, c in got]


def rating_label(liked: bool | str | None) -> str:
    """Gradio's LikeData.liked → the stored rating: 'like', 'dislike', or a custom option's text."""
    if liked is True:
        return "like"
    if liked is False:
        return "dislike"
    return str(liked) if liked else "cleared"


