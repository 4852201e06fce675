"""The log of questions the bot declined or answered with low confidence, for curators.

The log is for curators, answering is for users, so the log never stands in an answer's way:

- `record` only appends to a short in-memory queue; a background thread writes it to SQLite (WAL,
  one transaction per batch), so a database locked by another process never makes a reply wait.
- A file that cannot be opened or written (not a database, read-only folder, locked) is reported
  once, with its path and cause; the bot keeps answering, misses wait in memory (at most
  `capacity`) and the file is tried again on the next miss after `retry_seconds`.
- What is queued is written before every report and when the process exits (atexit, also after
  an uncaught exception or SIGTERM's clean stop); only a kill -9 can lose the last moment's
  misses. Several processes can write at once.

No user ids, names or chat ids. Questions asked in a batch (`ask` reading stdin, channel
BATCH_CHANNEL) are logged under their own channel and kept out of the report unless it is asked
for that channel: a 100,000-line batch must not bury what users asked.
"""

from __future__ import annotations

import atexit
import logging
import sqlite3
import threading
import time
import weakref
from dataclasses import dataclass, field
from operator import attrgetter
from pathlib import Path

from rapidfuzz import fuzz, process

from bot.answer import Answer

log = logging.getLogger(__name__)

_SCHEMA = """
CREATE TABLE IF NOT EXISTS misses (
    id INTEGER PRIMARY KEY,
    at REAL NOT NULL,            -- unix time
    question TEXT NOT NULL,      -- normalized form
    score REAL NOT NULL,
    best_fact TEXT,
    channel TEXT NOT NULL,
    answered INTEGER             -- 1 answered with low confidence, 0 declined, NULL logged before this was kept
);
CREATE INDEX IF NOT EXISTS misses_at ON misses(at);
"""
# Covers the report's GROUP BY, which then reads one index in order instead of sorting the table
# (100,000 rows: 0.3 s instead of 1 s). Created after `answered` exists in older logs.
_REPORT_INDEX = "CREATE INDEX IF NOT EXISTS misses_report ON misses(answered, question, best_fact, channel, score, at)"
_INSERT = "INSERT INTO misses(at, question, score, best_fact, channel, answered) VALUES (?, ?, ?, ?, ?, ?)"
_Row = tuple[float, str, float, str | None, str, int]

SIMILAR = 80  # similarity from which two wordings are one group
BATCH_CHANNEL = "batch"  # `ask` reading stdin: logged, but reported only when asked for
APART = frozenset({BATCH_CHANNEL})
RETRY_SECONDS = 30.0  # a file that could not be opened is tried again on the next miss after this
CAPACITY = 10_000  # misses kept in memory while the file cannot be written; more are dropped (and counted)
BUSY_SECONDS = 10.0  # how long the writer thread waits for another process's lock
GATHER_SECONDS = 0.1  # how long the writer thread lets misses gather before writing them
IDLE_SECONDS = 2.0  # the writer thread stops (and closes the file) after this long without a miss
MAX_LEADERS = 50  # a wording is compared with at most this many groups (the most frequent) of its bucket
FIRST_LEADERS = 10  # … and with the rest only when none of the first this many is alike

# (key, heading) of the report's sections, by the `answered` column
SECTIONS = (("declined", "Declined"), ("low_confidence", "Answered with low confidence"),
            ("earlier", "Declined or answered with low confidence (logged before the two were told apart)"))
_SECTION_OF = {0: "declined", 1: "low_confidence", None: "earlier"}


@dataclass(frozen=True)
class Miss:
    at: float
    question: str  # normalized
    score: float
    best_fact: str | None
    channel: str
    answered: bool | None  # None: logged before this was kept


@dataclass(frozen=True)
class MissGroup:
    question: str  # the most frequent wording
    count: int  # misses in the group
    variants: tuple[str, ...]  # other wordings, most frequent first
    best_fact: str | None  # the fact most often closest
    best_score: float
    last: float  # unix time of the latest miss
    channels: tuple[str, ...]


class Wording:
    """One distinct normalized question and its misses, as SQL's GROUP BY sums them (a plain
    class with slots: a large log has tens of thousands)."""

    __slots__ = ("bucket", "channels", "count", "facts", "last", "text")

    def __init__(self, text: str, best_fact: str | None, count: int, score: float, last: float, channel: str) -> None:
        self.text = text
        self.count = count
        self.last = last
        self.channels = [channel]
        self.facts: dict[str | None, list[float]] = {best_fact: [count, score]}  # closest fact → [misses, best score]
        self.bucket = best_fact  # the fact most often closest: wordings are compared within one bucket

    def add(self, best_fact: str | None, count: int, score: float, last: float, channel: str) -> None:
        """More misses of this wording: from another channel, or with another closest fact (the
        fact base changed)."""
        self.count += count
        self.last = max(self.last, last)
        self.channels.append(channel)
        seen = self.facts.setdefault(best_fact, [0, score])
        seen[0] += count
        seen[1] = max(seen[1], score)
        self.bucket = _most_often_closest(self.facts)


def _most_often_closest(facts: dict[str | None, list[float]]) -> str | None:
    if len(facts) == 1:
        return next(iter(facts))
    named = [f for f in facts if f]
    return min(named, key=lambda f: (-facts[f][0], f)) if named else None


def _open(path: Path, timeout: float) -> sqlite3.Connection:
    """A connection with the schema in place (adding the `answered` column to an older log)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    db = sqlite3.connect(path, timeout=timeout, check_same_thread=False)
    try:
        db.execute("PRAGMA journal_mode=WAL")
        db.execute("PRAGMA synchronous=NORMAL")
        db.executescript(_SCHEMA)
        if "answered" not in {row[1] for row in db.execute("PRAGMA table_info(misses)")}:
            try:
                db.execute("ALTER TABLE misses ADD COLUMN answered INTEGER")
            except sqlite3.OperationalError as e:  # another process added it first
                if "duplicate column" not in str(e):
                    raise
        db.execute(_REPORT_INDEX)
    except BaseException:
        db.close()
        raise
    return db


class MissLog:
    """Appends misses to one SQLite file off the answering path; safe to share between threads
    and processes. `report` may run in any thread (Telegram runs it with asyncio.to_thread)."""

    def __init__(self, path: Path, retry_seconds: float = RETRY_SECONDS, capacity: int = CAPACITY) -> None:
        self.path = path
        self.retry_seconds = retry_seconds
        self.capacity = capacity
        self.error: str | None = None  # why the file cannot be written, while it cannot
        self.dropped = 0  # misses lost because the file could not be written for too long
        self._queue: list[_Row] = []  # recorded, not yet taken by a writer (guarded by _lock)
        self._pending: list[_Row] = []  # taken, not yet committed (guarded by _write_lock)
        self._db: sqlite3.Connection | None = None  # guarded by _write_lock
        self._retry_at = 0.0
        self._lock = threading.Lock()
        self._wake = threading.Condition(self._lock)
        self._write_lock = threading.Lock()
        self._writer: threading.Thread | None = None
        _LOGS.add(self)
        with self._lock:
            self._start_writer()  # opens the file now, in the background: start-up never waits for it

    def record(self, answer: Answer, channel: str) -> None:
        """Queue one miss; returns at once, whatever state the file is in."""
        row = (time.time(), answer.normalized, answer.score, answer.best_fact, channel, int(answer.answered))
        with self._lock:
            if len(self._queue) >= self.capacity:
                if not self.dropped:
                    log.error("misses log %s: the writer is %d misses behind; dropping misses until it catches up",
                              self.path, self.capacity)
                self.dropped += 1
                return
            self._queue.append(row)
            self._wake.notify()
            if self._writer is None:
                self._start_writer()

    def flush(self) -> bool:
        """Write what is queued now, in the calling thread; True when nothing is left unwritten."""
        with self._write_lock:
            return self._write(retry_now=True)

    def close(self) -> None:
        """Write what is queued and close the file (a later miss opens it again)."""
        with self._write_lock:
            self._write(retry_now=True)
            self._close_db()

    @property
    def unwritten(self) -> int:
        """Misses recorded and not yet in the file."""
        return len(self._pending) + len(self._queue)

    def _start_writer(self) -> None:
        """Call with _lock held."""
        self._writer = threading.Thread(target=self._run, name=f"misses-writer {self.path.name}", daemon=True)
        self._writer.start()

    def _run(self) -> None:
        while True:
            with self._write_lock:
                self._write(retry_now=False)
            with self._lock:
                if not self._queue and not self._wake.wait_for(lambda: bool(self._queue), IDLE_SECONDS):
                    self._writer = None  # record() starts another one
                    break
            time.sleep(GATHER_SECONDS)  # a batch's misses come in bursts: written together, not one by one
        with self._write_lock:
            self._close_db()

    def _write(self, retry_now: bool) -> bool:
        """Commit the queue (call with _write_lock held); False when misses are left unwritten."""
        with self._lock:
            self._pending += self._queue
            self._queue = []
        if self._db is None:
            if retry_now and not self._pending:
                return True  # nothing to write: the writer thread reports an unusable file
            if not retry_now and time.monotonic() < self._retry_at:
                return not self._pending
            try:
                self._db = _open(self.path, BUSY_SECONDS)
            except (sqlite3.Error, OSError) as e:
                return self._failed(e)
            if self.error:
                log.warning("misses log %s can be written again", self.path)
                self.error = None
        if not self._pending:
            return True
        try:
            with self._db:
                self._db.executemany(_INSERT, self._pending)
        except sqlite3.Error as e:
            self._close_db()  # a fresh connection next time: the file may have been moved or repaired
            return self._failed(e)
        self._pending = []
        return True

    def _failed(self, e: Exception) -> bool:
        self._retry_at = time.monotonic() + self.retry_seconds
        over = len(self._pending) - self.capacity
        if over > 0:
            del self._pending[:over]
            self.dropped += over
        cause = f"{type(e).__name__}: {e}"
        if cause != self.error:
            log.error("cannot write the misses log %s (%s); questions are still answered, up to %d misses wait "
                      "in memory, and the file is tried again on the next miss after %g s",
                      self.path, cause, self.capacity, self.retry_seconds)
            self.error = cause
        return False

    def _close_db(self) -> None:
        if self._db is not None:
            self._db.close()
            self._db = None

    def _read(self, sql: str, params: tuple[object, ...]) -> list[tuple]:
        """Rows of one query, on a connection of its own, after writing what this process queued
        for the file (in any MissLog: the console's `ask` and `misses` may hold one each)."""
        for other in list(_LOGS):
            if other.path == self.path:
                other.flush()
        db = _open(self.path, BUSY_SECONDS)
        try:
            return db.execute(sql, params).fetchall()
        finally:
            db.close()

    def entries(self, since_days: float | None = None) -> list[Miss]:
        """Logged misses, oldest first; only those of the last `since_days` days when given."""
        rows = self._read("SELECT at, question, score, best_fact, channel, answered FROM misses WHERE at >= ? "
                          "ORDER BY at", (_since(since_days),))
        return [Miss(*row[:5], None if row[5] is None else bool(row[5])) for row in rows]

    def groups(self, since_days: float | None = None, channel: str | None = None,
               similarity: float = SIMILAR) -> dict[str, list[MissGroup]]:
        """Per section (declined, low_confidence, earlier): misses grouped by similar wording, the
        most frequent group first. Channels in APART only when `channel` names one."""
        where, params = _where(since_days, channel)
        rows = self._read("SELECT answered, question, best_fact, COUNT(*), MAX(score), MAX(at), channel FROM misses "
                          f"{where} GROUP BY answered, question, best_fact, channel "
                          "ORDER BY answered, question, best_fact, channel", params)  # the index's order: no sorting
        wordings: dict[str, list[Wording]] = {key: [] for key, _ in SECTIONS}
        last: Wording | None = None
        last_key: tuple[int | None, str] | None = None
        for answered, text, best_fact, count, score, at, chan in rows:
            if (answered, text) == last_key and last is not None:
                last.add(best_fact, count, score, at, chan)
            else:
                last, last_key = Wording(text, best_fact, count, score, at, chan), (answered, text)
                wordings[_SECTION_OF[answered]].append(last)
        return {key: cluster(found, similarity) for key, found in wordings.items()}

    def report(self, since_days: float | None = None, limit: int = 20, channel: str | None = None) -> str:
        """What curators read (`python -m bot misses`, Telegram /misses): the most frequent groups of
        similar declined and low-confidence questions, each with the closest fact, so they know what
        to add. Never raises: a log that cannot be read is one line saying why."""
        try:
            sections = self.groups(since_days, channel)
            apart = 0
            if not channel:
                where, params = _where(since_days, None, apart=True)
                apart = self._read(f"SELECT COUNT(*) FROM misses {where}", params)[0][0]
        except (sqlite3.Error, OSError) as e:
            return f"Cannot read the misses log {self.path}: {type(e).__name__}: {e}"
        return format_report(sections, since_days, limit, channel, apart)


def _since(days: float | None) -> float:
    return time.time() - days * 86400 if days is not None else float("-inf")


def _where(since_days: float | None, channel: str | None, apart: bool = False) -> tuple[str, tuple[object, ...]]:
    """A WHERE clause and its parameters: the span, and the channel asked for, or else every channel
    but those kept APART (only those with `apart`). No needless `at` rule: it would make SQLite
    read by date and sort, instead of reading the report's index in order."""
    rules, params = [], []
    if since_days is not None:
        rules.append("at >= ?")
        params.append(_since(since_days))
    if channel:
        rules.append("channel = ?")
        params.append(channel)
    else:
        rules.append(f"channel {'IN' if apart else 'NOT IN'} ({', '.join('?' * len(APART))})")
        params += sorted(APART)
    return "WHERE " + " AND ".join(rules), tuple(params)


@dataclass
class _Bucket:
    """Group leaders of one bucket, split by script: English is compared by word-order-free ratios."""

    leaders: list[int] = field(default_factory=list)  # group numbers, most frequent first
    latin: list[str] = field(default_factory=list)
    latin_groups: list[int] = field(default_factory=list)
    other: list[str] = field(default_factory=list)
    other_groups: list[int] = field(default_factory=list)

    def closest(self, text: str, cutoff: float) -> int | None:
        """The group whose leader is most alike (at least `cutoff`), among the FIRST_LEADERS most
        frequent groups first, and only when none is alike among the others (up to MAX_LEADERS):
        most wordings are variants of a frequent question, so most comparisons stop early."""
        found = self._closest(text, cutoff, 0, FIRST_LEADERS)
        return found if found is not None else self._closest(text, cutoff, FIRST_LEADERS, MAX_LEADERS)

    def _closest(self, text: str, cutoff: float, start: int, stop: int) -> int | None:
        """The measure of bot.match.similarity, in rapidfuzz's C scorers; the more frequent on a tie."""
        best: tuple[float, int] | None = None
        other, latin = self.other[start:stop], self.latin[start:stop]
        hit = process.extractOne(text, other, scorer=fuzz.ratio, score_cutoff=cutoff) if other else None
        if hit:
            best = (hit[1], self.other_groups[start + hit[2]])
        if text.isascii():
            # (sort + set) / 2 ≥ cutoff needs sort ≥ 2·cutoff − 100: C prefilters, Python scores the few left
            for leader, sort, i in process.extract(text, latin, scorer=fuzz.token_sort_ratio, limit=None,
                                                   score_cutoff=max(0.0, 2 * cutoff - 100)):
                score = (sort + fuzz.token_set_ratio(text, leader)) / 2
                group = self.latin_groups[start + i]
                if score >= cutoff and (best is None or (score, -group) > (best[0], -best[1])):
                    best = (score, group)
        elif latin:
            hit = process.extractOne(text, latin, scorer=fuzz.ratio, score_cutoff=cutoff)
            if hit and (best is None or (hit[1], -self.latin_groups[start + hit[2]]) > (best[0], -best[1])):
                best = (hit[1], self.latin_groups[start + hit[2]])
        return best[1] if best else None

    def add(self, text: str, group: int) -> None:
        if len(self.leaders) >= MAX_LEADERS:
            return  # a rare wording leads its own group, but is not compared with later ones
        self.leaders.append(group)
        if text.isascii():
            self.latin.append(text)
            self.latin_groups.append(group)
        else:
            self.other.append(text)
            self.other_groups.append(group)


def cluster(wordings: list[Wording], similarity: float = SIMILAR) -> list[MissGroup]:
    """Greedy grouping in near-linear time: each wording, most frequent first, joins the most alike
    group of its bucket (the same closest fact) whose leading wording is at least `similarity`
    alike, or leads a new group. Each wording is compared with at most MAX_LEADERS leaders, most
    with only FIRST_LEADERS."""
    buckets: dict[str | None, _Bucket] = {}
    members: list[list[Wording]] = []
    ordered = sorted(wordings, key=attrgetter("text"))
    ordered.sort(key=attrgetter("count"), reverse=True)  # stable: most frequent first, then by text
    for w in ordered:
        bucket = buckets.get(w.bucket)
        if bucket is None:
            bucket = buckets[w.bucket] = _Bucket()
        group = bucket.closest(w.text, similarity)
        if group is None:
            bucket.add(w.text, len(members))
            members.append([w])
        else:
            members[group].append(w)
    out = []
    for ws in members:
        first = ws[0]
        if len(ws) == 1:
            facts, count, last, channels = first.facts, first.count, first.last, first.channels
        else:
            facts = {}
            for w in ws:
                for fact, (n, score) in w.facts.items():
                    seen = facts.setdefault(fact, [0, score])
                    seen[0] += n
                    seen[1] = max(seen[1], score)
            count, last = sum(w.count for w in ws), max(w.last for w in ws)
            channels = [c for w in ws for c in w.channels]
        best_fact = _most_often_closest(facts)
        out.append(MissGroup(first.text, count, tuple(w.text for w in ws[1:]), best_fact,
                             facts[best_fact][1] if best_fact in facts else 0.0, last, tuple(sorted(set(channels)))))
    out.sort(key=lambda g: (-g.count, -g.last))
    return out


def _clip(text: str, width: int) -> str:
    return text if len(text) <= width else text[: width - 1] + "…"


def format_groups(heading: str, groups: list[MissGroup], span: str, limit: int) -> list[str]:
    """A few lines per group, short enough for one Telegram message at the default limit."""
    if not groups:
        return [f"{heading}{span}: none."]
    total = sum(g.count for g in groups)
    shown = groups[: max(0, limit)]
    lines = [f"{heading}{span}: {total} in {len(groups)} group(s) of similar wording; the {len(shown)} most frequent:"]
    for g in shown:
        closest = f"closest {g.best_fact} ({g.best_score:.0f})" if g.best_fact else "no close fact"
        last = time.strftime("%Y-%m-%d %H:%M", time.localtime(g.last))
        lines.append(f"{g.count:4}× {_clip(g.question, 60)} · {closest} · last {last} · {','.join(g.channels)}")
        if g.variants:
            more = f" (+{len(g.variants) - 2} more)" if len(g.variants) > 2 else ""
            lines.append("      also: " + " | ".join(_clip(v, 40) for v in g.variants[:2]) + more)
    if len(groups) > len(shown):
        lines.append(f"… {len(groups) - len(shown)} more group(s); raise --limit to see them")
    return lines


def format_report(sections: dict[str, list[MissGroup]], since_days: float | None = None, limit: int = 20,
                  channel: str | None = None, apart: int = 0) -> str:
    """Declined questions first, then low-confidence answers (then misses logged before the two
    were told apart, if any); `limit` groups per section."""
    span = f" in the last {since_days:g} day(s)" if since_days is not None else ""
    where = f" (channel {channel})" if channel else ""
    note = [f"Not shown: {apart} question(s) from channel(s) {', '.join(sorted(APART))} "
            f"(python -m bot misses --channel {BATCH_CHANNEL})."] if apart else []
    if not any(sections.values()):
        return "\n".join([f"No declined or low-confidence questions logged{where}{span}.", *note])
    lines: list[str] = []
    for key, heading in SECTIONS:
        if sections.get(key) or key != "earlier":
            if lines:
                lines.append("")
            lines += format_groups(heading + where, sections.get(key, []), span, limit)
    return "\n".join(lines + note)


_LOGS: weakref.WeakSet[MissLog] = weakref.WeakSet()


@atexit.register
def _flush_at_exit() -> None:
    """Write what every open log still holds, so a miss recorded just before exit is kept."""
    for misses in list(_LOGS):
        if not misses.flush():
            log.error("misses log %s: %d miss(es) could not be written: %s", misses.path,
                      misses.unwritten, misses.error)
