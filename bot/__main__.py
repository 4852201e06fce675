"""Command line: `python -m bot [console|ask|check|paragraphs|telegram|eval|misses]`.

With no command it runs the Telegram bot when TELEGRAM_BOT_TOKEN is set, and the console chat
otherwise, so a fresh checkout works out of the box.
"""

from __future__ import annotations

import argparse
import logging
import os
import sys
from pathlib import Path

from bot.config import DEFAULT_CONFIG, load_config
from bot.knowledge import KnowledgeError, read_yaml


def _parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="python -m bot", description="Answers questions on one article's figures.")
    p.add_argument("--config", help=f"path to config.yaml (default {DEFAULT_CONFIG})")
    sub = p.add_subparsers(dest="command")
    sub.add_parser("console", help="chat in the terminal")
    a = sub.add_parser("ask", help="answer one question, or one per stdin line")
    a.add_argument("--json", action="store_true", help="print JSON: one object per question")
    a.add_argument("question", nargs="*", help="the question; omit it to read stdin")
    sub.add_parser("check", help="validate the fact base (exit 1 on problems)")
    pg = sub.add_parser("paragraphs", help="print a document's numbered paragraphs")
    pg.add_argument("doc", nargs="?", help="document id from knowledge/sources.yaml")
    sub.add_parser("telegram", help="run the Telegram bot (needs TELEGRAM_BOT_TOKEN)")
    ev = sub.add_parser("eval", help="score the bot and a naive baseline on an evaluation set (exit 1 below config.eval)")
    ev.add_argument("file", nargs="?", help="evaluation set (default tests/eval/questions.yaml)")
    ev.add_argument("--json", action="store_true", help="print one JSON object")
    ms = sub.add_parser("misses", help="unanswered questions, grouped by similar wording, most frequent first")
    ms.add_argument("--since", type=float, metavar="DAYS", help="only the last DAYS days")
    ms.add_argument("--limit", type=int, default=20, metavar="N", help="at most N groups (default 20)")
    return p


def _tolerant_output() -> None:
    """Print what the terminal cannot show as escapes (PYTHONIOENCODING=ascii, a C locale) instead
    of dying with UnicodeEncodeError halfway through an answer."""
    for stream in (sys.stdout, sys.stderr):
        if hasattr(stream, "reconfigure"):
            stream.reconfigure(errors="backslashreplace")


def _eval_set(file: str | None) -> Path:
    """The evaluation set, read once here so that a missing or broken file is one line, not a traceback."""
    from bot import evaluate

    path = Path(file) if file else evaluate.DEFAULT_SET
    if not path.is_file():
        raise KnowledgeError(path, 0, "evaluation set not found")
    data = read_yaml(path)
    if not isinstance(data, list) or not all(isinstance(item, dict) and "q" in item and "expect" in item
                                             for item in data):
        raise KnowledgeError(path, getattr(data, "line", 1), "expected a list of {q: question, expect: ...} entries")
    return path


def main(argv: list[str] | None = None) -> int:
    _tolerant_output()
    args = _parser().parse_args(argv)
    logging.basicConfig(level=logging.INFO if args.command == "telegram" else logging.WARNING,
                        format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    command = args.command or ("telegram" if os.environ.get("TELEGRAM_BOT_TOKEN") else "console")
    try:
        config = load_config(args.config)
        if command == "check":
            from bot.check import run_check

            problems = run_check(config)
            for problem in problems:
                print(problem)
            print(f"{len(problems)} problem(s)" if problems else "fact base is clean")
            return 1 if problems else 0
        if command == "paragraphs":
            from bot.knowledge import load

            docs = load(config.knowledge).documents
            doc = docs.get(args.doc) if args.doc else next(iter(docs.values()))
            if doc is None:
                print(f"unknown document {args.doc!r}; known: {', '.join(docs)}", file=sys.stderr)
                return 2
            for i, text in enumerate(doc.paragraphs, 1):
                print(f"{i:3} {text}")
            return 0
        if command == "eval":
            from bot import evaluate

            return evaluate.run(config, _eval_set(args.file), args.json)
        if command == "misses":
            from bot.misses import MissLog

            path = config.path(config.misses.path)
            if not path.exists():
                print(f"No unanswered questions logged yet ({path} does not exist).")
                return 0
            print(MissLog(path).report(args.since, args.limit))
            return 0
        if command == "telegram":
            from bot.telegram import run

            return run(config)
        from bot import console
        from bot.engine import Engine

        engine = Engine(config)
        if command == "ask":
            question = " ".join(args.question) if args.question else None
            if question is None and sys.stdin.isatty():  # nothing piped in: say how, rather than wait
                print("usage: python -m bot ask QUESTION  (or: ask [--json] < questions.txt)", file=sys.stderr)
                return 2
            return console.ask(engine, question, args.json)
        return console.chat(engine)
    except KnowledgeError as e:
        print(f"error: {e}", file=sys.stderr)
        return 2
    except BrokenPipeError:
        return 0


if __name__ == "__main__":
    sys.exit(main())
