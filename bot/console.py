"""`ask` for scripts: one question from the command line, or one per stdin line. (The interactive
console chat is bot.chat: `ask` does without the commands' modules, so it starts sooner.)

`ask` without a question reads one question per line and writes one answer per input line (one
JSON line with --json), so thousands of questions share one start-up. Answers are written and
flushed whenever no further line is waiting, so a pipe that asks one question at a time never
stalls, and a batch piped in at once is written in blocks instead of a system call per line. A
long batch piped in at once is answered on every CPU by forked worker processes (bot/batch.py).
"""

from __future__ import annotations

import itertools
import json
import logging
import os
import select
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from typing import NamedTuple, TextIO

from bot.answer import Answer
from bot.engine import Engine
from bot.misses import BATCH_CHANNEL

log = logging.getLogger(__name__)
_PENDING = 16  # answers of a batch held back at most: a few kB, so that one write fits in a pipe's buffer
PARALLEL_FROM = 300  # lines waiting at once from which forking pays: 2 workers tie one process at 200, win at 300
HELD_CHARS = 1_000_000  # characters of lines read ahead at most (a few MB), however long the lines


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
    stdin = sys.stdin.buffer
    lines = (raw.decode("utf-8", errors="replace").rstrip("\r\n") for raw in stdin)
    answer_lines(Batch(engine, as_json, ascii_only, stdout), lines, stdin, workers())
    return 0


def workers() -> int:
    """Processes a long batch is answered in: one per CPU this process may run on, or
    BOT_BATCH_WORKERS (1: the single-process path, as where fork is unavailable)."""
    if not hasattr(os, "fork"):
        return 1
    forced = os.environ.get("BOT_BATCH_WORKERS", "").strip()
    if forced.isdigit() and int(forced) > 0:
        return int(forced)
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1


def processes(lines: int) -> int:
    """Processes answering `lines` lines piped in at once: forking pays only from PARALLEL_FROM."""
    return workers() if lines >= PARALLEL_FROM else 1


class Block(NamedTuple):
    """Some consecutive lines' answers as written, and those of them to log as misses."""

    count: int
    text: str
    misses: list[Answer]


@dataclass
class Batch:
    """A batch's answers and where they go, numbered from the first line, so that blocks answered
    in any process join into the same output."""

    engine: Engine
    as_json: bool
    ascii_only: bool
    stdout: TextIO
    written: int = 0  # answers written so far

    def answer(self, lines: list[str], first: int) -> Block:
        """The answers to `lines`, line `first` of the batch onwards; logs nothing (see Engine.reply)."""
        answers = [_safe_reply(self.engine, line) for line in lines]
        text = "".join(self._render(answer, first + i) + "\n" for i, answer in enumerate(answers))
        logged = [a for a in answers if self.engine.logs(a, BATCH_CHANNEL)] if self.engine.misses else []
        return Block(len(answers), text, logged)

    def _render(self, answer: Answer, index: int) -> str:
        if self.as_json:
            return _json_line(answer, self.ascii_only)
        return ("\n" if index else "") + answer.text  # a blank line between answers

    def write(self, block: Block) -> None:
        """Log the block's misses, then write it in one write (even where PYTHONUNBUFFERED makes
        each print a system call of its own), flushed."""
        if self.engine.misses:
            for answer in block.misses:
                self.engine.misses.record(answer, BATCH_CHANNEL)
        self.stdout.write(block.text)
        self.stdout.flush()
        self.written += block.count


def answer_lines(batch: Batch, lines: Iterator[str], stdin: object, processes: int) -> None:
    """Answer every line in order: as soon as no further line is waiting (the asker may be waiting
    for these answers), or in blocks of _PENDING lines; once PARALLEL_FROM lines wait at once, the
    rest of the batch goes to `processes` worker processes (bot/batch.py). At most HELD_CHARS of
    lines are held, however long they are."""
    waiting: list[str] = []
    held = 0
    for line in lines:
        waiting.append(line)
        held += len(line)
        if processes > 1 and len(waiting) >= PARALLEL_FROM:
            from bot import batch as parallel  # multiprocessing only here: a one-shot ask never imports it

            parallel.answer(batch, itertools.chain(waiting, lines), stdin, processes)
            return
        if not more_waiting(stdin) or held >= HELD_CHARS or (processes == 1 and len(waiting) >= _PENDING):
            batch.write(batch.answer(waiting, batch.written))
            waiting.clear()
            held = 0
    if waiting:
        batch.write(batch.answer(waiting, batch.written))
    batch.stdout.flush()


def more_waiting(stream: object) -> bool:
    """Whether the input has more to read at once (another line, or its end): then the asker is
    not waiting for this answer yet. False where that cannot be told (a pipe on Windows)."""
    try:
        return bool(select.select([stream], [], [], 0)[0])
    except (OSError, ValueError, TypeError):
        return False


def _safe_reply(engine: Engine, question: str) -> Answer:
    """One bad question must not end a batch of thousands: log it, answer with an apology."""
    try:
        return engine.reply(question)
    except Exception:
        log.exception("failed to answer %r", question[:200])
        return Answer("error", "zh", ((("出错了，这个问题没能回答。/ Sorry, this question failed.", ""),),))
