"""`ask` for scripts: one question from the command line, or one per stdin line. (The interactive
console chat is bot.chat: `ask` does without the commands' modules, so it starts sooner.)

`ask` without a question reads one question per line and writes one answer per input line (one
JSON line with --json), so thousands of questions go through one process. Answers are written
and flushed whenever no further line is waiting, so a pipe that asks one question at a time never
stalls, and a batch piped in at once is written in blocks instead of a system call per line.
"""

from __future__ import annotations

import json
import logging
import select
import sys
from typing import TextIO

from bot.answer import Answer
from bot.engine import Engine
from bot.misses import BATCH_CHANNEL

log = logging.getLogger(__name__)
_PENDING = 16  # answers of a batch held back at most: a few kB, so that one write fits in a pipe's buffer


def _json_line(answer: Answer, ascii_only: bool) -> str:
    """One JSON object on one line; `score` always a float, so consumers see one type."""
    data = answer.to_json()
    data["score"] = float(answer.score)
    return json.dumps(data, ensure_ascii=ascii_only)


def _utf8(stream: TextIO) -> bool:
    """Whether `stream` can print any character: otherwise JSON escapes them (\\u4f59 stays valid
    JSON, where the stream's own backslashreplace would write \\U0001f600, which is not)."""
    return str(getattr(stream, "encoding", None) or "utf-8").lower().replace("-", "").startswith("utf")


def _from_argv(question: str) -> str:
    """A command-line argument with bytes that are not UTF-8 (kept by Python as lone surrogates,
    which no encoder prints) with those bytes replaced, as stdin lines are."""
    return question.encode("utf-8", "surrogateescape").decode("utf-8", "replace")


def ask(engine: Engine, question: str | None, as_json: bool, stdout: TextIO = sys.stdout) -> int:
    """One question from the command line, or (no question) one per stdin line: a JSON line per
    line with --json, else each answer as plain text, answers separated by a blank line."""
    ascii_only = not _utf8(stdout)
    if question is not None:
        answer = engine.ask(_from_argv(question), "console")
        print(_json_line(answer, ascii_only) if as_json else answer.text, file=stdout)
        return 0
    pending: list[str] = []  # answers not yet written: written together when the asker may be waiting
    for i, raw in enumerate(sys.stdin.buffer):
        line = raw.decode("utf-8", errors="replace").rstrip("\r\n")
        answer = _safe_ask(engine, line)
        pending.append(_json_line(answer, ascii_only) if as_json else ("\n" if i else "") + answer.text)
        if len(pending) >= _PENDING or not _more_waiting(sys.stdin.buffer):
            _write(pending, stdout)
    _write(pending, stdout)
    return 0


def _write(pending: list[str], stdout: TextIO) -> None:
    """The pending answers, a line each, in one write (even where PYTHONUNBUFFERED makes each
    print a system call of its own), flushed."""
    if pending:
        stdout.write("\n".join(pending) + "\n")
        pending.clear()
    stdout.flush()


def _more_waiting(stream: object) -> bool:
    """Whether the input has more to read at once (another line, or its end): then the asker is
    not waiting for this answer yet. False where that cannot be told (a pipe on Windows)."""
    try:
        return bool(select.select([stream], [], [], 0)[0])
    except (OSError, ValueError, TypeError):
        return False


def _safe_ask(engine: Engine, question: str) -> Answer:
    """One bad question must not end a batch of thousands: log it, answer with an apology.
    Batch questions are logged apart (channel "batch"), out of the curators' everyday report."""
    try:
        return engine.ask(question, BATCH_CHANNEL)
    except Exception:
        log.exception("failed to answer %r", question[:200])
        return Answer("error", "zh", ((("出错了，这个问题没能回答。/ Sorry, this question failed.", ""),),))
