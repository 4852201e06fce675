"""The log of questions the bot could not answer (or answered with low confidence), for curators.

SQLite in WAL mode, one transaction per question, so the console and the Telegram bot can write
at once and nothing committed is lost when either crashes. No user ids, names or chat ids.
"""

from __future__ import annotations

import sqlite3
import threading
import time
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from rapidfuzz import process

from bot.answer import Answer
from bot.match import similarity as text_similarity

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

SIMILAR = 80  # rapidfuzz score from which two unanswered questions are one group


@dataclass(frozen=True)
class Miss:
    at: float
    question: str  # normalized
    score: float
    best_fact: str | None
    channel: str


@dataclass(frozen=True)
class MissGroup:
    question: str  # the most frequent wording
    count: int  # misses in the group
    variants: tuple[str, ...]  # other wordings, most frequent first
    best_fact: str | None  # the fact most often closest
    best_score: float
    last: float  # unix time of the latest miss
    channels: tuple[str, ...]


class MissLog:
    """Appends misses to one SQLite file; safe to share between processes and threads.

    One connection is kept open: opening and closing one per question costs a WAL checkpoint
    each time (about a millisecond, more than answering the question).
    """

    def __init__(self, path: Path) -> None:
        self.path = path
        self._lock = threading.Lock()
        self._db: sqlite3.Connection | None = None
        path.parent.mkdir(parents=True, exist_ok=True)
        with self._lock:
            self._connection().executescript(_SCHEMA)

    def _connection(self) -> sqlite3.Connection:
        """The open connection (call with the lock held)."""
        if self._db is None:
            db = sqlite3.connect(self.path, timeout=10, check_same_thread=False)
            db.execute("PRAGMA journal_mode=WAL")
            db.execute("PRAGMA synchronous=NORMAL")
            self._db = db
        return self._db

    def close(self) -> None:
        with self._lock:
            if self._db is not None:
                self._db.close()
                self._db = None

    def record(self, answer: Answer, channel: str) -> None:
        """One transaction per question: committed when this returns."""
        with self._lock:
            db = self._connection()
            try:
                with db:
                    db.execute(
                        "INSERT INTO misses(at, question, score, best_fact, channel) VALUES (?, ?, ?, ?, ?)",
                        (time.time(), answer.normalized, answer.score, answer.best_fact, channel),
                    )
            except sqlite3.Error:
                self._db = None  # a fresh connection next time (the file may have been moved or repaired)
                db.close()
                raise

    def entries(self, since_days: float | None = None) -> list[Miss]:
        """Logged misses, oldest first; only those of the last `since_days` days when given."""
        since = time.time() - since_days * 86400 if since_days is not None else float("-inf")
        with self._lock:
            rows = self._connection().execute(
                "SELECT at, question, score, best_fact, channel FROM misses WHERE at >= ? ORDER BY at", (since,)
            ).fetchall()
        return [Miss(*row) for row in rows]

    def groups(self, since_days: float | None = None, similarity: float = SIMILAR) -> list[MissGroup]:
        """Misses grouped by similar wording, the most frequent group first."""
        return group_misses(self.entries(since_days), similarity)

    def report(self, since_days: float | None = None, limit: int = 20) -> str:
        """What curators read (`python -m bot misses`, Telegram /misses): the most frequent groups of
        similar unanswered questions, each with the closest fact, so they know what to add."""
        return format_groups(self.groups(since_days), since_days, limit)


def group_misses(misses: list[Miss], similarity: float = SIMILAR) -> list[MissGroup]:
    """Greedy grouping: each wording, most frequent first, joins the first group whose leading
    wording is at least `similarity` alike, or leads a new group."""
    by_text: dict[str, list[Miss]] = {}
    for m in misses:
        by_text.setdefault(m.question, []).append(m)
    leaders: list[str] = []
    members: list[list[str]] = []
    for text in sorted(by_text, key=lambda t: (-len(by_text[t]), t)):
        hit = process.extractOne(text, leaders, scorer=text_similarity, score_cutoff=similarity) if leaders else None
        if hit is None:
            leaders.append(text)
            members.append([text])
        else:
            members[hit[2]].append(text)
    out = []
    for texts in members:
        items = [m for t in texts for m in by_text[t]]
        facts = Counter(m.best_fact for m in items if m.best_fact)
        best_fact = facts.most_common(1)[0][0] if facts else None
        out.append(MissGroup(texts[0], len(items), tuple(texts[1:]), best_fact,
                             max((m.score for m in items if m.best_fact == best_fact), default=0.0),
                             max(m.at for m in items), tuple(sorted({m.channel for m in items}))))
    out.sort(key=lambda g: (-g.count, -g.last))
    return out


def _clip(text: str, width: int) -> str:
    return text if len(text) <= width else text[: width - 1] + "…"


def format_groups(groups: list[MissGroup], since_days: float | None = None, limit: int = 20) -> str:
    """A few lines per group, short enough for one Telegram message at the default limit."""
    span = f" in the last {since_days:g} day(s)" if since_days is not None else ""
    if not groups:
        return f"No unanswered questions logged{span}."
    total = sum(g.count for g in groups)
    shown = groups[: max(0, limit)]
    lines = [f"Unanswered questions{span}: {total} in {len(groups)} group(s) of similar wording; "
             f"the {len(shown)} most frequent:"]
    for g in shown:
        closest = f"closest {g.best_fact} ({g.best_score:.0f})" if g.best_fact else "no close fact"
        last = time.strftime("%Y-%m-%d %H:%M", time.localtime(g.last))
        lines.append(f"{g.count:4}× {_clip(g.question, 60)} · {closest} · last {last} · {','.join(g.channels)}")
        if g.variants:
            more = f" (+{len(g.variants) - 2} more)" if len(g.variants) > 2 else ""
            lines.append("      also: " + " | ".join(_clip(v, 40) for v in g.variants[:2]) + more)
    if len(groups) > len(shown):
        lines.append(f"… {len(groups) - len(shown)} more group(s); raise --limit to see them")
    return "\n".join(lines)
