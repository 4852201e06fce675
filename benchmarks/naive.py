"""The naive baseline as a command, shaped like `python -m bot ask`, for the process-level benchmarks:
`python -m benchmarks.naive [--config FILE] [--json] [QUESTION...]` (no question: one per stdin line)."""

from __future__ import annotations

import argparse
import json
import sys

from bot.config import DEFAULT_CONFIG, load_config
from bot.evaluate import Baseline
from bot.knowledge import load


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(prog="python -m benchmarks.naive")
    p.add_argument("--config", default=str(DEFAULT_CONFIG))
    p.add_argument("--json", action="store_true")
    p.add_argument("question", nargs="*")
    args = p.parse_args(argv)
    config = load_config(args.config)
    baseline = Baseline(load(*config.roots), config.eval.baseline_cutoff)
    if args.question:
        answer = baseline.ask(" ".join(args.question))
        print(json.dumps(answer.to_json(), ensure_ascii=False) if args.json else answer.text)
        return 0
    for raw in sys.stdin.buffer:
        answer = baseline.ask(raw.decode("utf-8", errors="replace").rstrip("\r\n"))
        print(json.dumps(answer.to_json(), ensure_ascii=False) if args.json else answer.text.replace("\n", " | "),
              flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
