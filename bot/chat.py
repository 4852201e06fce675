"""The console chat: an interactive chat for curators, with the shared commands rendered as plain
text. Apart from `ask` (bot.console), which answers one question without the commands' modules.
"""

from __future__ import annotations

import logging
import sys
from typing import TextIO

from bot import render
from bot.commands import Commands, Session
from bot.engine import Engine
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
