"""The console front end: an interactive chat for curators, and `ask` for scripts.

`ask` without a question reads one question per line and writes, flushed, one answer per input
line (one JSON line with --json), so thousands of questions go through one process and a pipe
never stalls.
"""

from __future__ import annotations

import json
import logging
import sys
from typing import TextIO

from bot import render
from bot.answer import Answer
from bot.commands import Commands, Session
from bot.engine import Engine
from bot.misses import BATCH_CHANNEL
from bot.texts import t

log = logging.getLogger(__name__)
PROMPT = "问> "
_QUIT = {"/quit", "/exit", "/q", "quit", "exit"}


CONSOLE_COMMANDS = ("help", "topics", "source", "misses", "reload", "quit")


class ConsoleChat:
    """The interactive chat's commands: the shared ones (bot.commands), rendered as plain text,
    plus the curator's /misses and /reload as in Telegram, and /quit."""

    def __init__(self, engine: Engine) -> None:
        self.engine = engine
        self.commands = Commands(engine)
        self.session = Session()
        self.lang = "zh"  # follows the language of the last question

    def reply(self, line: str) -> str:
        """The text to print for one input line (a question, a number, a /command)."""
        if line.startswith("/"):
            return self.command(line)
        try:
            content = self.commands.ask(self.session, line, "console")
        except Exception:  # one bad question must not end the chat
            log.exception("failed to answer %r", line[:200])
            return render.plain(self.commands.notice("error", self.lang))
        self.lang = content.lang
        return render.plain(content)

    def command(self, line: str) -> str:
        name, *args = line[1:].split() or [""]
        name = name.split("@", 1)[0].lower()
        lang = self.lang
        if name in ("help", "start"):
            usage = t("usage_pick", lang)
            return render.plain(self.commands.help(self.session, lang, usage=usage, commands=CONSOLE_COMMANDS))
        if name == "topics":
            numbers = [int(a) for a in args if a.isdigit()]
            if not numbers:
                return render.plain(self.commands.topics(lang))
            page = numbers[1] - 1 if len(numbers) > 1 else 0
            return render.plain(self.commands.topic_by_number(self.session, numbers[0], lang, page))
        if name == "source":
            return render.plain(self.commands.source(self.session, lang))
        if name == "misses":
            misses = self.engine.misses
            if misses is None:
                return t("misses_off", lang)
            return misses.report(since_days=None, limit=20) or t("no_misses", lang)
        if name == "reload":
            return self.engine.reload()[1]
        return render.plain(self.commands.unknown(line.split()[0] if line.strip() else "/", lang, CONSOLE_COMMANDS))


def chat(engine: Engine, stdin: TextIO = sys.stdin, stdout: TextIO = sys.stdout) -> int:
    """Read questions and commands until /quit, end of input or Ctrl-C; print each reply."""
    interactive = stdin.isatty()
    console = ConsoleChat(engine)
    if interactive:
        print(t("welcome", "zh"), file=stdout)
    while True:
        try:
            if interactive:
                line = input(PROMPT)
            else:
                line = stdin.readline()
                if not line:
                    break
        except (EOFError, KeyboardInterrupt):
            break
        line = line.strip()
        if line in _QUIT:
            break
        print(console.reply(line), file=stdout)
        print(file=stdout, flush=True)
    if interactive:
        print(t("bye", console.lang), file=stdout)
    return 0


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
    for i, raw in enumerate(sys.stdin.buffer):
        line = raw.decode("utf-8", errors="replace").rstrip("\r\n")
        answer = _safe_ask(engine, line)
        if as_json:
            print(_json_line(answer, ascii_only), file=stdout, flush=True)
        else:
            print(("\n" if i else "") + answer.text, file=stdout, flush=True)
    return 0


def _safe_ask(engine: Engine, question: str) -> Answer:
    """One bad question must not end a batch of thousands: log it, answer with an apology.
    Batch questions are logged apart (channel "batch"), out of the curators' everyday report."""
    try:
        return engine.ask(question, BATCH_CHANNEL)
    except Exception:
        log.exception("failed to answer %r", question[:200])
        return Answer("error", "zh", ((("出错了，这个问题没能回答。/ Sorry, this question failed.", ""),),))
