"""The console front end: an interactive chat for curators, and `ask` for scripts.

`ask --json` reads one question per line and writes exactly one JSON line per input line,
flushed, so thousands of questions go through one process and a pipe never stalls.
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


def _json_line(answer: Answer) -> str:
    return json.dumps(answer.to_json(), ensure_ascii=False)


def ask(engine: Engine, question: str | None, as_json: bool, stdout: TextIO = sys.stdout) -> int:
    """One question from the command line, or (with --json and no question) one per stdin line."""
    if question is not None:
        answer = engine.ask(question, "console")
        print(_json_line(answer) if as_json else answer.text, file=stdout)
        return 0
    for raw in sys.stdin.buffer:
        line = raw.decode("utf-8", errors="replace").rstrip("\r\n")
        answer = _safe_ask(engine, line)
        print(_json_line(answer) if as_json else answer.text.replace("\n", " | "), file=stdout, flush=True)
    return 0


def _safe_ask(engine: Engine, question: str) -> Answer:
    """One bad question must not end a batch of thousands: log it, answer with an apology."""
    try:
        return engine.ask(question, "console")
    except Exception:
        log.exception("failed to answer %r", question[:200])
        return Answer("error", "zh", ((("出错了，这个问题没能回答。/ Sorry, this question failed.", ""),),))
