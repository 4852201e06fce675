"""Command line: `python -m bot [console|ask|check|paragraphs|draft|telegram|eval|misses]`.

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
    ck = sub.add_parser("check", help="validate the fact base (exit 1 on problems)")
    ck.add_argument("--coverage", action="store_true", help="also list figures no fact quotes (exit 1 if any)")
    pg = sub.add_parser("paragraphs", help="print a document's numbered paragraphs")
    pg.add_argument("doc", nargs="?", help="document id from knowledge/sources.yaml")
    dr = sub.add_parser("draft", help="a new article's figures as unfinished fact stubs (YAML)")
    dr.add_argument("article", help="the article, UTF-8 text, one paragraph a line")
    dr.add_argument("--doc", required=True, help="the document id it gets in knowledge/sources.yaml")
    dr.add_argument("--out", help="write the stubs to this file instead of stdout")
    dr.add_argument("--compare", metavar="FACTS", help="print the share of this curated file's figures the draft finds")
    sub.add_parser("telegram", help="run the Telegram bot (needs TELEGRAM_BOT_TOKEN)")
    ev = sub.add_parser("eval", help="score the bot and a naive baseline on an evaluation set (exit 1 below its thresholds in config.yaml)")
    ev.add_argument("file", nargs="?", help="evaluation set (default tests/eval/questions.yaml)")
    ev.add_argument("--json", action="store_true", help="print one JSON object")
    ev.add_argument("--homophones", type=int, default=0, metavar="N",
                    help="ask N one-character homophone typos of each Chinese question instead")
    ev.add_argument("--seed", type=int, default=20200929, help="random seed of --homophones")
    ms = sub.add_parser("misses", help="unanswered questions, grouped by similar wording, most frequent first")
    ms.add_argument("--since", type=float, metavar="DAYS", help="only the last DAYS days")
    ms.add_argument("--limit", type=int, default=20, metavar="N", help="at most N groups (default 20)")
    ms.add_argument("--channel", metavar="NAME", help="only questions from this channel (e.g. batch: `ask` from stdin)")
    return p


def _tolerant_output() -> None:
    """Print what the terminal cannot show as escapes (PYTHONIOENCODING=ascii, a C locale) instead
    of dying with UnicodeEncodeError halfway through an answer."""
    for stream in (sys.stdout, sys.stderr):
        if hasattr(stream, "reconfigure"):
            stream.reconfigure(errors="backslashreplace")


def _eval_set(file: str | None) -> Path:
    """The evaluation set, read once here so that a missing or broken file is one line, not a traceback."""
    from bot.judge import DEFAULT_SET

    path = Path(file) if file else DEFAULT_SET
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
        from bot.formcache import config_kept

        with config_kept(Path(args.config) if args.config else DEFAULT_CONFIG):
            config = load_config(args.config)
        if command == "check":
            from bot import check

            return check.run(config, args.coverage)
        if command == "draft":
            from bot import draft

            return draft.run(Path(args.article), args.doc, Path(args.out) if args.out else None,
                             Path(args.compare) if args.compare else None, config.knowledge)
        if command == "paragraphs":
            from bot.knowledge import load

            docs = load(*config.roots).documents
            doc = docs.get(args.doc) if args.doc else next(iter(docs.values()))
            if doc is None:
                print(f"unknown document {args.doc!r}; known: {', '.join(docs)}", file=sys.stderr)
                return 2
            for i, text in enumerate(doc.paragraphs, 1):
                print(f"{i:3} {text}")
            return 0
        if command == "eval":
            from bot import evaluate

            return evaluate.run(config, _eval_set(args.file), args.json, homophones=args.homophones, seed=args.seed)
        if command == "misses":
            from bot.misses import MissLog

            path = config.path(config.misses.path)
            if not path.exists():
                print(f"No declined or low-confidence questions logged yet ({path} does not exist).")
                return 0
            log = MissLog(path)
            print(log.report(args.since, args.limit, args.channel))
            log.close()
            return 0
        if command == "telegram":
            from bot.telegram import run

            return run(config)
        from bot.engine import Engine
        from bot.formcache import kept

        question = " ".join(args.question) if command == "ask" and args.question else None
        if command == "ask" and question is None and sys.stdin.isatty():  # nothing piped in: say how, not wait
            print("usage: python -m bot ask QUESTION  (or: ask [--json] < questions.txt)", file=sys.stderr)
            return 2
        with kept(config, Path(args.config) if args.config else DEFAULT_CONFIG):
            engine = Engine(config)
        if command == "ask":
            from bot import console

            return console.ask(engine, question, args.json)
        from bot import chat

        return chat.chat(engine)
    except KnowledgeError as e:
        print(f"error: {e}", file=sys.stderr)
        return 2
    except BrokenPipeError:
        return 0


if __name__ == "__main__":
    sys.exit(main())
