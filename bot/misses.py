"""The log of questions the bot could not answer (or answered with low confidence), for curators.

SQLite in WAL mode, one transaction per question, so the console and the Telegram bot can write
at once and nothing committed is lost when either crashes. No user ids, names or chat ids.
"""

from __future__ import annotations

import sqlite3
import time
from pathlib import Path

from bot.answer import Answer

_SCHEMA = """
CREATE TABLE IF NOT EXISTS misses (
    id INTEGER PRIMARY KEY,
    at REAL NOT NULL,            -- unix time
    question TEXT NOT NULL,      -- normalized form
    score REAL NOT NULL,
    best_fact TEXT,
    channel TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS misses_at ON misses(at);
"""


class MissLog:
    """Appends misses to one SQLite file; safe to share between processes."""

    def __init__(self, path: Path) -> None:
        self.path = path
        path.parent.mkdir(parents=True, exist_ok=True)
        with self._connect() as db:
            db.executescript(_SCHEMA)

    def _connect(self) -> sqlite3.Connection:
        db = sqlite3.connect(self.path, timeout=10)
        db.execute("PRAGMA journal_mode=WAL")
        db.execute("PRAGMA synchronous=NORMAL")
        return db

    def record(self, answer: Answer, channel: str) -> None:
        db = self._connect()
        try:
            with db:
                db.execute(
                    "INSERT INTO misses(at, question, score, best_fact, channel) VALUES (?, ?, ?, ?, ?)",
                    (time.time(), answer.normalized, answer.score, answer.best_fact, channel),
                )
        finally:
            db.close()
