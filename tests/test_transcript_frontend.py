"""A third front end in one small class: a transcript ("> question" / reply) over the shared
commands, rendered by the plain-text renderer. It proves that a new front end needs one module
and copies no text: every word it prints comes from bot.commands, bot.texts or bot.reply."""

from __future__ import annotations

import ast
import inspect
import re
import subprocess
import sys
from pathlib import Path

from bot import render
from bot.commands import SHARED_COMMANDS, Commands, Session
from bot.engine import Engine

ROOT = Path(__file__).resolve().parent.parent


class TranscriptFrontend:
    """Writes a conversation as a transcript: each input line, then the reply."""

    def __init__(self, engine: Engine, lang: str = "en") -> None:
        self.commands = Commands(engine)
        self.session = Session()
        self.lang = lang
        self.lines: list[str] = []

    def say(self, text: str) -> str:
        name, _, arg = text.removeprefix("/").partition(" ")
        if not text.startswith("/"):
            content = self.commands.ask(self.session, text, "transcript")
        elif name in ("help", "start"):
            content = self.commands.help(self.session, self.lang)
        elif name == "topics" and arg.isdigit():
            content = self.commands.topic_by_number(self.session, int(arg), self.lang)
        elif name == "topics":
            content = self.commands.topics(self.lang)
        elif name == "source":
            content = self.commands.source(self.session, self.lang)
        else:
            content = self.commands.unknown(text, self.lang, SHARED_COMMANDS)
        reply = render.plain(content)
        self.lines += [f"> {text}", reply]
        return reply


def test_a_transcript_front_end_runs_every_shared_command(mini_engine):
    front = TranscriptFrontend(mini_engine)
    help_text = front.say("/help")
    assert "I answer questions" in help_text and "1. How much was invested in Yuhang's Q1" in help_text
    assert "/topics" in help_text and "/source" in help_text
    topics = front.say("/topics")
    assert "1. Investment totals (3)" in topics and "2. Laboratories (1)" in topics
    assert front.say("/topics 2").split("\n") == ["Laboratories:", "1. How many provincial laboratories is Zhejiang "
                                                  "building?"]
    declined = front.say("How much was invested in Q4?")
    assert "1. " in declined and "won't guess" in declined
    picked = front.say("1")
    assert picked.startswith("Q: How much was invested in Yuhang's") and "亿元" in picked
    source = front.say("/source")
    assert source.startswith("Where the last answer comes from:") and "paragraph" in source
    assert front.say("/nope").startswith("I don't know the command /nope")
    assert len(front.lines) == 14


def test_the_front_end_copies_no_text():
    tree = ast.parse(inspect.getsource(TranscriptFrontend))
    docstrings = {id(node.body[0].value) for node in ast.walk(tree)
                  if isinstance(node, (ast.ClassDef, ast.FunctionDef)) and ast.get_docstring(node)}
    strings = [node.value for node in ast.walk(tree) if isinstance(node, ast.Constant)
               and isinstance(node.value, str) and id(node) not in docstrings]
    assert not any(re.search(r"[\u4e00-\u9fff]", s) for s in strings)  # no Chinese: replies come from the core
    assert all(len(s) < 12 for s in strings), strings  # command names and markers only, no sentences


def test_the_core_imports_no_telegram_and_the_package_does_not_shadow_it():
    code = ("import sys, bot.engine, bot.answer, bot.reply, bot.match, bot.normalize, bot.knowledge, bot.chunks, "
            "bot.ratelimit, bot.commands, bot.render, bot.texts, bot.console, bot.chat; print('telegram' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=60)
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip() == "False"
    code = "import bot.telegram, telegram, telegram.ext; print(telegram.__file__)"
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=60)
    assert out.returncode == 0, out.stderr
    assert "site-packages" in out.stdout  # PTB, not bot/telegram
