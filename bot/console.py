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

from bot.answer import Answer
from bot.engine import Engine

log = logging.getLogger(__name__)
PROMPT = "问> "
_QUIT = {"/quit", "/exit", "/q", "quit", "exit"}


def _topics_text(engine: Engine, lang: str = "zh") -> str:
    lines = []
    for _, label, facts in engine.composer.topics(lang):
        lines.append(f"{label}")
        lines += [f"  · {f.questions[lang][0]}" for f in facts]
    return "\n".join(lines)


def chat(engine: Engine, stdin: TextIO = sys.stdin, stdout: TextIO = sys.stdout) -> int:
    """Read questions until /quit, end of input or Ctrl-C; print each answer."""
    interactive = stdin.isatty()
    if interactive:
        print("余杭项目问答（输入 /help 查看帮助，/topics 查看话题，/quit 退出）", file=stdout)
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
        question = line.strip()
        if question in _QUIT:
            break
        if question == "/topics":
            print(_topics_text(engine), file=stdout)
        elif question in ("/help", "/start"):
            print("\n".join("".join(t for t, _ in ln) for ln in engine.composer.help_lines("zh")), file=stdout)
            print("命令：/topics 话题  /help 帮助  /quit 退出", file=stdout)
        else:
            print(_safe_ask(engine, question).text, file=stdout)
        print(file=stdout, flush=True)
    if interactive:
        print("再见！", file=stdout)
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
    """One bad question must not end a batch of thousands: log it, answer with an apology."""
    try:
        return engine.ask(question, "console")
    except Exception:
        log.exception("failed to answer %r", question[:200])
        return Answer("error", "zh", ((("出错了，这个问题没能回答。/ Sorry, this question failed.", ""),),))
